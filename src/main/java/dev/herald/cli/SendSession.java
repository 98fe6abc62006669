package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.campaign.SameRelease;
import dev.herald.delivery.SendRun;
import dev.herald.delivery.SentFolder;
import dev.herald.journal.CampaignState;
import dev.herald.journal.Journal;
import dev.herald.journal.TemplateRecord;
import dev.herald.mailserver.Failure;
import dev.herald.mailserver.MailSessions;
import dev.herald.mailserver.ServerConfig;
import dev.herald.message.MessageBuilder;
import dev.herald.util.Progress;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * One send under the journal's lock: to the outbox, or over SMTP after the confirmation, with the
 * stop signals handled and the progress shown on standard error.
 */
final class SendSession {
  /** How long a stopped run waits for the replies to messages already handed to the server. */
  static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final HeraldCommand root;
  private final SendRun run;
  private final Journal.Lock lock;
  private final PrintWriter err;
  private SentFolder sentCopies;

  SendSession(HeraldCommand root, SendRun run, Journal.Lock lock, PrintWriter err) {
    this.root = root;
    this.run = run;
    this.lock = lock;
    this.err = err;
  }

  /**
   * The run of {@code options} on the journal's {@code state}, sending the template the journal
   * records for the campaign; refuses a template that differs from the one the campaign was sent
   * from, unless {@code sameCampaign} (see {@link SameRelease}).
   */
  static SendRun prepare(
      HeraldCommand root,
      LoadedCampaign v,
      CampaignState state,
      SendRun.Options options,
      Path journal,
      boolean sameCampaign,
      PrintWriter err) {
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
    return new SendRun(v, state, options, template);
  }

  /** Writes each due message into {@code dir}; emails nothing. */
  SendRun.Summary outbox(Path dir) {
    MessageBuilder builder =
        new MessageBuilder(
            Session.getInstance(new Properties()), root.invocation.clock(), root.key());
    SendRun.Plan plan = run.plan((e, d) -> {});
    try (Journal journal = Journal.open(lock);
        StopSignals signals = stopSignals();
        Progress progress = progress("Writing", plan.due())) {
      return run.outbox(dir, journal, builder, progress, root.invocation.clock());
    }
  }

  /**
   * Sends over {@code server}, keeping copies on {@code imap}'s server in {@code sentFolder} when
   * it gives one; null if the person asked said no. {@code server} is the one shown in the
   * question, without its password; {@code signIn} and {@code imap} resolve a server with its
   * password (true) or without (false), so that the password is asked only after the yes, and only
   * when a message is due.
   */
  SendRun.Summary smtp(
      ServerConfig server,
      Function<Boolean, ServerConfig> signIn,
      Function<Boolean, ServerConfig> imap,
      String sentFolder,
      Confirmation confirmation,
      LoadedCampaign v,
      FilesAsChecked files) {
    // The plan pass costs a read of the contact file; it is needed to say how many will be
    // sent before asking, and for the progress bar's total. A CI run with --yes and no
    // terminal counts as it goes.
    boolean bar = root.invocation.terminal().interactive();
    imap.apply(false); // a --save-sent that cannot work is refused before the question
    SendRun.Plan plan = confirmation.asks() || bar ? run.plan((e, d) -> {}) : null;
    if (plan != null && plan.due() > 0 && !confirmation.confirmed(server, v, plan)) {
      return null;
    }
    files.requireUnchanged(v, confirmation.asks());
    // Nothing due: no connection is made, so no password is asked for. Not counted (a --yes run
    // without a terminal): the password can only come from the environment anyway.
    boolean due = plan == null || plan.due() > 0;
    server = due ? signIn.apply(true) : server;
    ServerConfig copiesServer = imap.apply(due);
    try {
      lock.verify(); // still ours after the question: nobody deleted the lock file meanwhile
    } catch (IOException e) {
      throw new HeraldException(
          ExitCodes.UNDELIVERABLE, e.getMessage() + "; nothing was sent in this run", e);
    }
    MessageBuilder builder =
        new MessageBuilder(MailSessions.smtp(server), root.invocation.clock(), root.key());
    try (Journal journal = Journal.open(lock);
        StopSignals signals = stopSignals();
        Progress progress = progress("Sending", plan == null ? -1 : plan.due())) {
      if (copiesServer == null) {
        return run.smtp(server, journal, builder, progress, root.invocation.clock());
      }
      try (SentFolder copies =
          new SentFolder(
              copiesServer,
              sentFolder,
              journal,
              v.templates().campaign(),
              run.template(),
              root.invocation.clock())) {
        run.keepSentCopies(copies);
        sentCopies = copies;
        return run.smtp(server, journal, builder, progress, root.invocation.clock());
      }
    }
  }

  /** The copies kept by this run's {@code --save-sent}; null without it. */
  SentFolder sentCopies() {
    return sentCopies;
  }

  /** The exit code a finished run ends with. */
  static int exitCode(SendRun.Summary s) {
    if (s.fatal() != null && s.fatal().kind() == Failure.Kind.LOCAL) {
      // "could not deliver at all" (no access token mid-run) is not so once a message went out
      return s.fatal().code() == ExitCodes.UNDELIVERABLE && s.tally().done() > 0
          ? ExitCodes.PARTIAL
          : s.fatal().code();
    }
    if (s.fatal() != null
        || !s.tally().failed().isEmpty()
        || !s.tally().deferred().isEmpty()
        || !s.tally().unknown().isEmpty()
        || s.notAttempted() > 0) {
      return ExitCodes.PARTIAL;
    }
    return ExitCodes.OK;
  }

  private StopSignals stopSignals() {
    return StopSignals.install(why -> run.stop("interrupted by " + why, STOP_GRACE), err);
  }

  /** A bar on a terminal, a line every 5 seconds in a log; {@code total} -1: not counted. */
  private Progress progress(String verb, long total) {
    Progress p = plainProgress(verb, total);
    // -v: a line per message, beneath the bar or between the log's progress lines
    return Output.verbose(err) ? p.detailed(p::note) : p;
  }

  private Progress plainProgress(String verb, long total) {
    if (total == 0) {
      return Progress.none();
    }
    String lower = verb.toLowerCase(Locale.ROOT);
    if (total > 0 && root.invocation.terminal().interactive()) {
      return Progress.bar(verb, total, err);
    }
    // no count taken beforehand (a --yes run without a terminal): counts and rate only
    return Progress.lines(err, lower, total, root.invocation.clock(), Duration.ofSeconds(5));
  }
}
