package dev.herald.cli;

import dev.herald.ExitCodes;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.delivery.SendRun;
import dev.herald.journal.CampaignState;
import dev.herald.journal.Journal;
import dev.herald.mailserver.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald send}: delivers the release to every due contact, exactly once. */
@Command(
    mixinStandardHelpOptions = true,
    name = "send",
    description = {
      "Send the release to every contact not yet sent, over SMTP, recording each outcome in the"
          + " journal before the connection moves on. With no SMTP host configured, writes each"
          + " message to the outbox folder instead and emails nothing.",
      "Re-running sends only to those not yet sent (and, with --retry-failed, those that"
          + " failed)."
    })
public final class SendCommand implements Callable<Integer> {
  @ParentCommand HeraldCommand root;
  @Spec CommandSpec spec;
  @Mixin MergeOptions merge;
  @Mixin SmtpOptions smtp;
  @Mixin SendRunOptions runOptions;
  @Mixin SendGuards guards;
  @Mixin ProofOptions proof;
  @Mixin JournalOption journal;
  @Mixin ApprovalOptions approval;
  @Mixin AcrossOptions across;
  @Mixin FormatMixin format;
  @Mixin Common common;

  @Option(
      names = "--dry-run",
      description = "Show what would happen to each contact; send nothing, write nothing.")
  boolean dryRun;

  @Option(names = "--yes", description = "Do not ask for confirmation (for scheduled jobs).")
  boolean yes;

  @Option(
      names = "--server",
      description =
          "With --dry-run: also connect to the SMTP server, check TLS and sign in, sending"
              + " nothing (as check --server).")
  boolean serverCheck;

  @Option(
      names = "--no-server-check",
      description =
          "Before Send-At, do not connect to the SMTP server to prove the settings (by default"
              + " a send that is not yet due signs in without sending).")
  boolean noServerCheck;

  @Option(
      names = "--save-sent",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "FOLDER",
      description =
          "Keep a copy of each accepted message, flagged as read, in this IMAP folder (write"
              + " --save-sent=FOLDER); without FOLDER, imap.sent-folder, else the folder the"
              + " server marks as Sent, else Sent. The IMAP server is that of interviews fetch.")
  String saveSent;

  @Option(
      names = "--same-campaign",
      description =
          "Send although the template differs from the one this campaign was sent from, because"
              + " it is the same release changed on purpose (a corrected typo): only contacts not"
              + " yet sent get it.")
  boolean sameCampaign;

  @Option(
      names = "--outbox",
      paramLabel = "DIR",
      defaultValue = "outbox",
      description =
          "Where messages go when no SMTP host is configured. Default: ${DEFAULT-VALUE}/.")
  Path outbox;

  @Override
  public Integer call() {
    runOptions.requireValid();
    Settings settings = Settings.load(root);
    if (proof.requested()) {
      return ProofSend.run(this, settings);
    }
    SendView view = SendView.of(format, out());
    FilesAsChecked files = new FilesAsChecked(root.resolve(merge.contacts));
    LoadedCampaign v = merge.validate(root, settings, err());
    files.checked(v);
    SendChecks.refuseNamedVariant(v);
    Optional<ZonedDateTime> sendAt = v.templates().base().sendAt();
    Instant now = root.invocation.clock().instant();
    if (sendAt.isPresent() && now.isBefore(sendAt.get().toInstant()) && !dryRun) {
      // A scheduled job learns of a wrong password or an expiring certificate now, days before
      // the release hour, not at it.
      if (!noServerCheck && smtp.hasHost(settings)) {
        checkServer(settings);
      }
      view.notDue(
          v.templates().campaign(), sendAt.get(), Duration.between(now, sendAt.get().toInstant()));
      return ExitCodes.OK;
    }
    return dryRun ? dryRun(settings, v, view) : send(settings, v, files, view);
  }

  /**
   * What a run started now would do to each contact. A dry run writes nothing, so it takes no lock:
   * it reads the journal as it stands (a run in progress may be adding to it).
   */
  private int dryRun(Settings settings, LoadedCampaign v, SendView view) {
    if (serverCheck) {
      checkServer(settings);
    }
    SendChecks.warnWithoutHost(smtp, settings, err());
    String campaign = v.templates().campaign();
    SendRun run = prepare(v, across.load(root, settings, v, journal.in(root)), settings);
    approval.check(root, settings, v, run, root.resolve(merge.contacts), false, err());
    view.dryRunDone(campaign, run.plan(view.dryRun(campaign, run)));
    return ExitCodes.OK;
  }

  /**
   * Sends, or writes to the outbox, and prints the summary. The lock comes before the journal's
   * state is read and is held through the confirmation prompt and the whole run: another run that
   * read the state in between would send to the same recipients. A run that finds it taken stops at
   * once (exit 4), before asking anything.
   */
  private int send(Settings settings, LoadedCampaign v, FilesAsChecked files, SendView view) {
    try (Journal.Lock lock = Journal.lock(journal.in(root))) {
      String campaign = v.templates().campaign();
      SendRun run = prepare(v, across.load(root, settings, v, lock.file()), settings);
      ServerConfig server = smtp.server(root, settings, false); // the password after the yes
      approval.check(root, settings, v, run, root.resolve(merge.contacts), server != null, err());
      SendChecks.warnWithoutHost(smtp, settings, err());
      SendChecks.warnSaveSentIgnored(server, saveSent, err());
      SendSession session = new SendSession(root, run, lock, err());
      SendRun.Summary summary =
          server == null
              ? session.outbox(root.resolve(outbox))
              : session.smtp(
                  server,
                  signIn -> smtp.server(root, settings, signIn),
                  signIn -> SendChecks.sentFolderServer(root, settings, saveSent, signIn),
                  saveSent == null || !saveSent.isEmpty() ? saveSent : settings.sentFolder(),
                  new Confirmation(root.invocation.terminal(), yes, out()),
                  v,
                  files);
      if (summary == null) {
        view.cancelled();
        return ExitCodes.OK;
      }
      int code = SendSession.exitCode(summary);
      view.summary(
          new SendView.Outcome(
              campaign, server, summary, session.sentCopies(), journal.in(root), code));
      return code;
    }
  }

  /** The run of these options on the journal's {@code state}, unless a guard refuses it. */
  private SendRun prepare(LoadedCampaign v, CampaignState state, Settings settings) {
    SendRun run =
        SendSession.prepare(
            root, v, state, runOptions.options(settings), journal.in(root), sameCampaign, err());
    across.apply(run, journal.in(root), root, dryRun);
    return guards.check(settings, v, run, root.invocation.clock().instant(), dryRun, err());
  }

  private void checkServer(Settings settings) {
    // beside JSON on standard output, the check's lines go to standard error
    SendChecks.checkServer(root, smtp.server(root, settings, true), format.json() ? err() : out());
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
