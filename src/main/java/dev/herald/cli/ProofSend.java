package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.campaign.ProofPicks;
import dev.herald.delivery.ProofDelivery;
import dev.herald.delivery.ProofDelivery.Result;
import dev.herald.delivery.ProofDelivery.Status;
import dev.herald.identity.EmailAddress;
import dev.herald.mailserver.MailSessions;
import dev.herald.mailserver.ServerConfig;
import dev.herald.message.MessageBuilder;
import dev.herald.message.ProofCopy;
import dev.herald.template.Rendered;
import jakarta.mail.Session;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code herald send TEMPLATE --proof-to ADDRESS}: renders the selected contacts' messages as
 * proofs ({@link ProofCopy}) and delivers them to the proof addresses alone, over the configured
 * SMTP server or into {@code OUTBOX/proofs/CAMPAIGN/}. It takes no journal lock and writes no
 * journal line, so it runs beside a real send; a Send-At still ahead does not stop it, and it asks
 * no confirmation, since nobody but the addresses typed on the command line can receive anything.
 */
final class ProofSend {
  private ProofSend() {}

  /** Runs the proof send of {@code send}'s options; returns the exit code. */
  static int run(SendCommand send, Settings settings) {
    PrintWriter out = send.spec.commandLine().getOut();
    PrintWriter err = send.spec.commandLine().getErr();
    refuseMeaningless(send);
    List<String> to = send.proof.addresses();
    LoadedCampaign v = send.merge.validate(send.root, settings, err);
    SendChecks.refuseNamedVariant(v);
    refuseContacts(v, to);
    boolean filtered = send.merge.only != null || !send.merge.where.isEmpty();
    int limit = send.runOptions.limit == null ? 0 : send.runOptions.limit;
    List<ProofPicks.Pick> picks = ProofPicks.pick(v, send.merge.only, filtered, limit);
    ServerConfig server = send.smtp.server(send.root, settings, true);
    SendChecks.warnWithoutHost(send.smtp, settings, err);
    Session session =
        server == null ? Session.getInstance(new Properties()) : MailSessions.smtp(server);
    MessageBuilder builder =
        new MessageBuilder(session, send.root.invocation.clock(), send.root.key());
    send.across.proofs(send.root, settings, v, send.journal.in(send.root));
    List<ProofDelivery.Proof> proofs = new ArrayList<>();
    List<String> about = new ArrayList<>();
    for (ProofPicks.Pick p : picks) {
      Rendered real = v.renderer().proof(p.contact());
      String variant = ProofCopy.variant(p.choice());
      for (String address : to) {
        Rendered proof = ProofCopy.of(real, variant, address);
        proofs.add(
            new ProofDelivery.Proof(p.contact().email(), address, builder.build(proof, true)));
        about.add(ProofCopy.about(p.contact(), variant));
      }
    }
    String campaign = v.templates().campaign();
    Path folder = send.root.resolve(send.outbox).resolve("proofs").resolve(campaign);
    List<Result> results =
        server == null ? ProofDelivery.outbox(folder, proofs) : ProofDelivery.smtp(server, proofs);
    int code = exitCode(results);
    if (send.format.json()) {
      ProofView.json(out, campaign, server, folder, picks, results, code);
    } else {
      ProofView.text(out, campaign, server, folder, about, results, picks.size(), to.size());
    }
    return code;
  }

  /**
   * A proof address that is a contact of the list would show a journalist another journalist's
   * message (a careless reviewer pasting an address from the list): refused, naming the row. The
   * opt-out list does not apply to proof addresses, which are reviewers'.
   */
  private static void refuseContacts(LoadedCampaign v, List<String> to) {
    Map<String, String> keys = new HashMap<>();
    to.forEach(a -> keys.put(EmailAddress.key(a), a));
    List<String> found = new ArrayList<>();
    v.audience()
        .forEach(
            e -> {
              if (e.contact() != null && found.size() < 5) {
                String a = keys.get(EmailAddress.key(e.contact().email()));
                if (a != null) {
                  found.add(Display.oneLine(a) + " (" + e.contact().where() + ")");
                }
              }
            });
    if (!found.isEmpty()) {
      throw HeraldException.input(
          "--proof-to "
              + String.join(", ", found)
              + (found.size() == 1 ? " is a contact" : " are contacts")
              + " of this list: a proof shows another journalist's message, so it goes to a"
              + " reviewer's address, never to a contact's. Nothing was sent.");
    }
  }

  /**
   * Options of a real send that mean nothing for proofs are refused rather than ignored, so that
   * nobody thinks they took effect.
   */
  private static void refuseMeaningless(SendCommand send) {
    List<String> given = new ArrayList<>();
    if (send.dryRun) {
      given.add("--dry-run (a proof is itself the trial: send it to yourself)");
    }
    if (send.saveSent != null) {
      given.add("--save-sent (proofs are not kept in the Sent folder)");
    }
    if (send.runOptions.retryFailed || send.runOptions.retryUnknown) {
      given.add("--retry-failed and --retry-unknown (proofs do not read the journal)");
    }
    if (!given.isEmpty()) {
      throw HeraldException.input(
          "--proof-to cannot be combined with " + String.join(", ", given) + "; nothing was sent");
    }
  }

  /**
   * 0 when every proof went out (or was written); 4 when none did and none may have; else 3, as a
   * send that delivered part of its messages.
   */
  static int exitCode(List<Result> results) {
    long done =
        results.stream()
            .filter(r -> r.status() == Status.SENT || r.status() == Status.WRITTEN)
            .count();
    if (done == results.size()) {
      return ExitCodes.OK;
    }
    boolean mayHaveArrived = results.stream().anyMatch(r -> r.status() == Status.UNKNOWN);
    return done == 0 && !mayHaveArrived ? ExitCodes.UNDELIVERABLE : ExitCodes.PARTIAL;
  }

  /** Where proofs were written, as the output names it. */
  static String folder(Path folder) {
    return Display.path(folder) + "/";
  }
}
