package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.campaign.SameRelease;
import dev.herald.delivery.SendRun;
import dev.herald.delivery.ServerCheck;
import dev.herald.journal.CampaignState;
import dev.herald.journal.Journal;
import dev.herald.journal.TemplateRecord;
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
  @Mixin JournalOption journal;
  @Mixin FormatMixin format;
  @Mixin Common common;

  @Option(
      names = "--dry-run",
      description = "Show what would happen to each contact; send nothing, write nothing.")
  boolean dryRun;

  @Option(names = "--yes", description = "Do not ask for confirmation (for scheduled jobs).")
  boolean yes;

  @Option(names = "--limit", paramLabel = "N", description = "Send at most N messages in this run.")
  Integer limit;

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
      names = "--connections",
      paramLabel = "N",
      defaultValue = "4",
      converter = SettingConverters.Connections.class,
      description = "SMTP connections in parallel, 1 to 64.")
  int connections;

  @Option(
      names = "--rate",
      paramLabel = "N/min",
      converter = Rate.Converter.class,
      description = "At most N messages a minute over all connections (also N/s, N/h).")
  Rate rate;

  @Option(
      names = "--retry-failed",
      description = "Also retry recipients that failed permanently before.")
  boolean retryFailed;

  @Option(
      names = "--retry-unknown",
      description =
          "Also send again to recipients whose outcome is unknown: their message went out whole"
              + " and no reply came, so they may receive it twice.")
  boolean retryUnknown;

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
    if (limit != null && limit < 1) {
      throw HeraldException.input("--limit must be at least 1");
    }
    Settings settings = Settings.load(root);
    PrintWriter err = spec.commandLine().getErr();
    SendView view = SendView.of(format, spec.commandLine().getOut());
    FilesAsChecked files = new FilesAsChecked(root.resolve(merge.contacts));
    LoadedCampaign v = merge.validate(root, settings, err);
    files.checked(v);
    SendChecks.refuseNamedVariant(v);
    String campaign = v.templates().campaign();
    Optional<ZonedDateTime> sendAt = v.templates().base().sendAt();
    Instant now = root.invocation.clock().instant();
    if (sendAt.isPresent() && now.isBefore(sendAt.get().toInstant()) && !dryRun) {
      // A scheduled job learns of a wrong password or an expiring certificate now, days before
      // the release hour, not at it.
      if (!noServerCheck && smtp.hasHost(settings)) {
        checkServer(settings);
      }
      view.notDue(campaign, sendAt.get(), Duration.between(now, sendAt.get().toInstant()));
      return ExitCodes.OK;
    }
    Path journalPath = journal.in(root);
    if (dryRun) {
      // A dry run writes nothing, so it takes no lock: it reads the journal as it stands (a run in
      // progress may be adding to it) and reports what a run started now would do.
      if (serverCheck) {
        checkServer(settings);
      }
      SendChecks.warnWithoutHost(smtp, settings, err);
      CampaignState state = CampaignState.load(journalPath, campaign);
      SendRun.Plan plan = run(v, state, settings, journalPath).plan(view.dryRun(campaign));
      view.dryRunDone(campaign, plan);
      return ExitCodes.OK;
    }
    // The lock comes before the journal's state is read and is held through the confirmation
    // prompt and the whole run: another run that read the state in between would send to the same
    // recipients. A run that finds it taken stops at once (exit 4), before asking anything.
    try (Journal.Lock lock = Journal.lock(journalPath)) {
      SendRun run = run(v, CampaignState.load(lock.file(), campaign), settings, journalPath);
      ServerConfig server = smtp.server(root, settings, true);
      SendChecks.warnWithoutHost(smtp, settings, err);
      if (server == null && saveSent != null) {
        err.println("warning: --save-sent is ignored: an outbox run emails nothing");
      }
      SendSession session = new SendSession(root, run, lock, err);
      SendRun.Summary summary =
          server == null
              ? session.outbox(root.resolve(outbox))
              : session.smtp(
                  server,
                  SendChecks.sentFolderServer(root, settings, saveSent),
                  saveSent == null || !saveSent.isEmpty()
                      ? saveSent
                      : settings.get(null, "imap.sent-folder"),
                  new Confirmation(root.invocation.terminal(), yes, spec.commandLine().getOut()),
                  v,
                  files);
      if (summary == null) {
        view.cancelled();
        return ExitCodes.OK;
      }
      int code = SendSession.exitCode(summary);
      view.summary(
          new SendView.Outcome(campaign, server, summary, session.sentCopies(), journalPath, code));
      return code;
    }
  }

  /** The run, of the template the journal records for it (see {@link SameRelease}). */
  private SendRun run(LoadedCampaign v, CampaignState state, Settings settings, Path journal) {
    PrintWriter err = spec.commandLine().getErr();
    TemplateRecord template = SameRelease.of(v, root.workdir());
    SameRelease.check(
        v.templates().campaign(),
        template,
        state,
        Display.path(journal),
        sameCampaign,
        line -> {
          err.println(line);
          err.flush();
        });
    SendRun.Options options =
        new SendRun.Options(
            retryFailed,
            limit == null ? 0 : limit,
            connections,
            (rate == null ? Rate.UNLIMITED : rate).perMinute(),
            settings.attempts(),
            settings.retryDelay(),
            retryUnknown);
    return new SendRun(v, state, options, template);
  }

  /**
   * Connects to the SMTP server, signs in and stops before MAIL FROM, printing what it found (on
   * standard error beside JSON); exit 4 (thrown) if a send would fail there.
   */
  private void checkServer(Settings settings) {
    PrintWriter to = format.json() ? spec.commandLine().getErr() : spec.commandLine().getOut();
    ServerConfig server = smtp.server(root, settings, true);
    if (server == null) {
      to.println(
          "SMTP: no host configured (--smtp-host, smtp.host or HERALD_SMTP_HOST): send"
              + " writes to the outbox; no server to check.");
    } else {
      CheckView.serverCheck(to, ServerCheck.smtp(server), root.invocation.clock().instant());
    }
  }
}
