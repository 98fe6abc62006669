package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.campaign.ProofPicks;
import dev.herald.delivery.ProofDelivery.Result;
import dev.herald.delivery.ProofDelivery.Status;
import dev.herald.mailserver.ServerConfig;
import dev.herald.message.ProofCopy;
import dev.herald.util.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code herald send --proof-to} prints: each proof and what became of it, for people or CI.
 */
final class ProofView {
  private ProofView() {}

  /**
   * One line per proof ({@code about} the contact of each, in order), then the count and what was
   * not done: no journal line, no contact mailed, and for the outbox nothing emailed.
   */
  static void text(
      PrintWriter out,
      String campaign,
      ServerConfig server,
      Path folder,
      List<String> about,
      List<Result> results,
      int contacts,
      int addresses) {
    out.println(
        "Proofs of campaign "
            + campaign
            + (server == null
                ? ", written to " + ProofSend.folder(folder) + ":"
                : ", sent over " + server.address() + ":"));
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      // names and addresses come from the contact file: never raw control characters on a terminal
      out.println(
          "  " + Display.oneLine(about.get(i)) + " → " + r.proof().to() + ": " + outcome(r));
    }
    long done =
        results.stream()
            .filter(r -> r.status() == Status.SENT || r.status() == Status.WRITTEN)
            .count();
    String counts =
        " ("
            + count(contacts, "contact")
            + ", "
            + count(addresses, "proof address")
            + ")"
            + (done == results.size() ? "." : "; " + (results.size() - done) + " not delivered.");
    if (server == null) {
      out.println("Wrote " + count((int) done, "proof message") + counts);
      out.println(
          "Nothing was emailed: no SMTP server is configured. Nothing was written to the journal.");
    } else {
      out.println(
          (done == results.size() ? "Sent " : "Sent " + done + " of ")
              + count(results.size(), "proof message")
              + counts);
      out.println("Nothing was written to the journal, and no contact or copy was mailed.");
    }
    out.flush();
  }

  private static String outcome(Result r) {
    String detail = Display.reply(r.detail());
    return switch (r.status()) {
      case SENT -> "sent";
      case WRITTEN -> detail;
      case REFUSED -> "refused by the server: " + detail;
      case DEFERRED -> "refused for now by the server, not retried: " + detail;
      case UNKNOWN -> "sent whole but no reply came, so it may have arrived: " + detail;
      case NOT_SENT -> detail;
    };
  }

  /** One JSON object: the campaign, each proof with its contact and outcome, the exit code. */
  static void json(
      PrintWriter out,
      String campaign,
      ServerConfig server,
      Path folder,
      List<ProofPicks.Pick> picks,
      List<Result> results,
      int code) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("campaign", campaign);
    m.put(
        "status",
        switch (code) {
          case ExitCodes.OK -> server == null ? "proofs-written" : "proofs-sent";
          case ExitCodes.PARTIAL -> "partly-delivered";
          default -> "error";
        });
    m.put("server", server == null ? null : server.address());
    m.put("outbox", server == null ? ProofSend.folder(folder) : null);
    int perContact = picks.isEmpty() ? 1 : results.size() / picks.size();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      ProofPicks.Pick p = picks.get(i / perContact); // each contact's proofs, address by address
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("contact", p.contact().email());
      row.put("where", p.contact().where());
      row.put("variant", ProofCopy.variant(p.choice()));
      row.put("to", r.proof().to());
      row.put("outcome", r.status().name().toLowerCase(Locale.ROOT));
      row.put(r.status() == Status.WRITTEN ? "file" : "reply", r.detail());
      rows.add(row);
    }
    m.put("proofs", rows);
    m.put(server == null ? "written" : "sent", rows.stream().filter(ProofView::done).count());
    m.put("exit_code", code);
    out.println(Json.write(m));
    out.flush();
  }

  private static boolean done(Map<String, Object> row) {
    return row.get("outcome").equals("sent") || row.get("outcome").equals("written");
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : what.endsWith("s") ? "es" : "s");
  }
}
