package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.campaign.SameRelease;
import dev.herald.delivery.SendRun;
import dev.herald.delivery.SentFolder;
import dev.herald.delivery.ServerCheck;
import dev.herald.delivery.Tally;
import dev.herald.journal.CampaignState;
import dev.herald.journal.Journal;
import dev.herald.journal.TemplateRecord;
import dev.herald.mailserver.Failure;
import dev.herald.mailserver.MailSessions;
import dev.herald.mailserver.ServerConfig;
import dev.herald.message.MessageBuilder;
import dev.herald.util.Json;
import dev.herald.util.Progress;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
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
      names = "--smtp-host",
      paramLabel = "HOST",
      description = "SMTP server (or HERALD_SMTP_HOST, smtp.host). None: write to the outbox.")
  String smtpHost;

  @Option(
      names = "--smtp-port",
      paramLabel = "PORT",
      description = "Default: 587 for starttls, 465 for ssl, 25 for none.")
  Integer smtpPort;

  @Option(
      names = "--smtp-security",
      paramLabel = "MODE",
      description = "starttls (default), ssl or none.")
  String smtpSecurity;

  @Option(
      names = "--smtp-user",
      paramLabel = "USER",
      description = "Login; the password comes from HERALD_SMTP_PASSWORD or a prompt.")
  String smtpUser;

  @Option(
      names = "--smtp-auth",
      paramLabel = "MODE",
      description =
          "password (default) or xoauth2: an OAuth2 access token from HERALD_SMTP_TOKEN,"
              + " smtp.token-command or the client-credentials grant (smtp.token-url).")
  String smtpAuth;

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
      names = "--smtp-ca",
      paramLabel = "FILE",
      description = "Also trust the PEM certificate(s) in FILE (a private relay).")
  Path smtpCa;

  @Option(
      names = "--connections",
      paramLabel = "N",
      description = "SMTP connections in parallel. Default: 4 (smtp.connections).")
  Integer connections;

  @Option(
      names = "--rate",
      paramLabel = "N/min",
      description = "At most N messages a minute over all connections (also N/s, N/h).")
  String rate;

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

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      defaultValue = "logs/sends.csv",
      description = "The send journal. Default: ${DEFAULT-VALUE}.")
  Path journalFile;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Summary as table (default) or json.")
  String format;

  @Override
  public Integer call() {
    boolean json = parseFormat();
    if (limit != null && limit < 1) {
      throw HeraldException.input("--limit must be at least 1");
    }
    Settings settings = Settings.load(root);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path contactFile = root.resolve(merge.contacts);
    String contactsAsChecked = stamp(List.of(contactFile));
    LoadedCampaign v = merge.validate(root, settings, err);
    this.asChecked = contactsAsChecked + stamp(templateFiles(v));
    refuseNamedVariant(v);
    String campaign = v.templates().campaign();
    Instant now = root.invocation.clock().instant();
    var sendAt = v.templates().base().sendAt();
    if (sendAt.isPresent() && now.isBefore(sendAt.get().toInstant()) && !dryRun) {
      // A scheduled job learns of a wrong password or an expiring certificate now, days before
      // the release hour, not at it.
      if (!noServerCheck) {
        serverCheck(settings, json ? err : out);
      }
      ZonedDateTime at = sendAt.get();
      Duration wait = Duration.between(now, at.toInstant());
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaign", campaign);
        m.put("status", "not-due");
        m.put("send_at", at.toString());
        m.put("sent", 0);
        m.put("exit_code", ExitCodes.OK);
        out.println(Json.write(m));
      } else {
        out.println(
            "Not yet due: campaign "
                + campaign
                + " sends at "
                + at
                + " (in "
                + Progress.human(wait)
                + "). Nothing was sent.");
      }
      out.flush();
      return ExitCodes.OK;
    }
    int conns = intSetting(settings, connections, "smtp.connections", 4, 1, 64);
    int perMinute = parseRate(settings.get(rate, "smtp.rate"), settings.source(rate, "smtp.rate"));
    int attempts = intSetting(settings, null, "smtp.attempts", 5, 1, 100);
    int delayMs = intSetting(settings, null, "smtp.retry-delay-ms", 2000, 1, 600_000);
    SendRun.Options options =
        new SendRun.Options(
            retryFailed,
            limit == null ? 0 : limit,
            conns,
            perMinute,
            attempts,
            Duration.ofMillis(delayMs),
            retryUnknown);
    Path journalPath = root.resolve(journalFile);
    if (dryRun) {
      // A dry run writes nothing, so it takes no lock: it reads the journal as it stands (a run in
      // progress may be adding to it) and reports what a run started now would do.
      if (serverCheck && smtpServerNamed(settings) == null) {
        (json ? err : out)
            .println(
                "SMTP: no host configured (--smtp-host, smtp.host or HERALD_SMTP_HOST): send"
                    + " writes to the outbox; no server to check.");
      } else if (serverCheck) {
        serverCheck(settings, json ? err : out);
      }
      if (smtpServerNamed(settings) == null) {
        // said in a dry run too: a real run of these options would write to the outbox
        warnServerOptionsWithoutHost(settings, err);
      }
      CampaignState state = CampaignState.load(journalPath, campaign);
      TemplateRecord template = sameRelease(v, state, campaign, journalPath, err);
      return dryRun(new SendRun(v, state, options, template), out, json, campaign);
    }
    // The lock comes before the journal's state is read and is held through the confirmation
    // prompt and the whole run: another run that read the state in between would send to the same
    // recipients. A run that finds it taken stops at once (exit 4), before asking anything.
    try (Journal.Lock lock = Journal.lock(journalPath)) {
      CampaignState state = CampaignState.load(lock.file(), campaign);
      TemplateRecord template = sameRelease(v, state, campaign, journalPath, err);
      SendRun run = new SendRun(v, state, options, template);
      ServerConfig server = smtpServer(settings);
      if (server == null) {
        warnServerOptionsWithoutHost(settings, err);
      }
      ServerConfig imap = server == null ? null : sentFolderServer(settings);
      if (server == null && saveSent != null) {
        err.println("warning: --save-sent is ignored: an outbox run emails nothing");
      }
      SendRun.Summary summary = send(run, server, imap, settings, v, lock, out, err);
      if (summary == null) {
        out.println("Cancelled: nothing was sent.");
        out.flush();
        return ExitCodes.OK;
      }
      int code = exitCode(summary);
      if (json) {
        out.println(Json.write(jsonSummary(campaign, server, summary, journalPath, code)));
      } else {
        printSummary(out, campaign, server, summary, journalPath);
      }
      out.flush();
      return code;
    }
  }

  /**
   * The template this run sends, as the journal records it; refuses a template that differs from
   * the one the campaign was sent from, unless --same-campaign (see {@link SameRelease}).
   */
  private TemplateRecord sameRelease(
      LoadedCampaign v, CampaignState state, String campaign, Path journal, PrintWriter err) {
    TemplateRecord template = SameRelease.of(v, root.workdir());
    SameRelease.check(
        campaign,
        template,
        state,
        Display.path(journal),
        sameCampaign,
        line -> {
          err.println(line);
          err.flush();
        });
    return template;
  }

  /** The contact file's and templates' modification times and sizes when they were checked. */
  private String asChecked = "";

  private static List<Path> templateFiles(LoadedCampaign v) {
    List<Path> files = new ArrayList<>();
    if (v.templates() != null) {
      v.templates().all().forEach(t -> files.add(t.file()));
    }
    return files;
  }

  private static String stamp(List<Path> files) {
    StringBuilder b = new StringBuilder();
    for (Path f : files) {
      try {
        b.append(f)
            .append(' ')
            .append(Files.getLastModifiedTime(f))
            .append(' ')
            .append(Files.size(f))
            .append('\n');
      } catch (IOException e) {
        b.append(f).append(" unreadable\n");
      }
    }
    return b.toString();
  }

  /**
   * What is sent must be what was checked and confirmed: a row a colleague saves into the contact
   * file while the question waits (or while a long list is being checked) would otherwise be mailed
   * without having been counted, confirmed or checked with the rest.
   */
  private void unchangedSinceChecked(LoadedCampaign v) {
    String now = stamp(List.of(root.resolve(merge.contacts))) + stamp(templateFiles(v));
    if (!now.equals(asChecked)) {
      throw HeraldException.input(
          "the contact file or a template changed after herald checked it"
              + (yes ? "" : " and asked")
              + "; nothing was sent. Run again to check and confirm the list as it is now.");
    }
  }

  /** The SMTP host from the option, the environment or the settings; null: the outbox. */
  private String smtpServerNamed(Settings settings) {
    return settings.get(smtpHost, "smtp.host");
  }

  /** The SMTP server from the options, the environment and the settings; null: the outbox. */
  private ServerConfig smtpServer(Settings settings) {
    return ServerOptions.resolve(
        root, settings, "smtp", smtpHost, smtpPort, smtpSecurity, smtpUser, smtpCa, smtpAuth, true);
  }

  /**
   * Connects to the SMTP server, signs in and stops before MAIL FROM, printing what it found; exit
   * 4 (thrown) if a send would fail there. Nothing to do without an SMTP host (the outbox).
   */
  private void serverCheck(Settings settings, PrintWriter to) {
    ServerConfig server = smtpServer(settings);
    if (server == null) {
      return;
    }
    CheckCommand.printServerCheck(to, ServerCheck.smtp(server), root.invocation.clock().instant());
  }

  /** How long a stopped run waits for the replies to messages already handed to the server. */
  static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /** Sends (or writes to the outbox) under the journal's lock; null if the user cancelled. */
  private SendRun.Summary send(
      SendRun run,
      ServerConfig server,
      ServerConfig imap,
      Settings settings,
      LoadedCampaign v,
      Journal.Lock lock,
      PrintWriter out,
      PrintWriter err) {
    if (server == null) {
      MessageBuilder builder =
          new MessageBuilder(
              Session.getInstance(new Properties()), root.invocation.clock(), root.key());
      SendRun.Plan plan = run.plan((e, d) -> {});
      try (Journal journal = Journal.open(lock);
          StopSignals signals =
              StopSignals.install(why -> run.stop("interrupted by " + why, STOP_GRACE), err);
          Progress progress = progress(err, "Writing", plan.due())) {
        return run.outbox(
            root.resolve(outbox), journal, builder, progress, root.invocation.clock());
      }
    }
    // The plan pass costs a read of the contact file; it is needed to say how many will be
    // sent before asking, and for the progress bar's total. A CI run with --yes and no
    // terminal counts as it goes.
    boolean ask = !yes;
    boolean bar = root.invocation.terminal().interactive();
    SendRun.Plan plan = ask || bar ? run.plan((e, d) -> {}) : null;
    if (plan != null && plan.due() > 0 && !confirm(server, v, plan, out)) {
      return null;
    }
    unchangedSinceChecked(v);
    try {
      lock.verify(); // still ours after the question: nobody deleted the lock file meanwhile
    } catch (IOException e) {
      throw new HeraldException(
          ExitCodes.UNDELIVERABLE, e.getMessage() + "; nothing was sent in this run", e);
    }
    MessageBuilder builder =
        new MessageBuilder(MailSessions.smtp(server), root.invocation.clock(), root.key());
    try (Journal journal = Journal.open(lock);
        StopSignals signals =
            StopSignals.install(why -> run.stop("interrupted by " + why, STOP_GRACE), err);
        Progress progress =
            plan == null ? progress(err, "Sending", -1) : progress(err, "Sending", plan.due())) {
      if (imap == null) {
        return run.smtp(server, journal, builder, progress, root.invocation.clock());
      }
      try (SentFolder copies =
          new SentFolder(
              imap,
              saveSent.isEmpty() ? settings.get(null, "imap.sent-folder") : saveSent,
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
  private SentFolder sentCopies;

  /**
   * The IMAP server that keeps copies for {@code --save-sent} (that of {@code interviews fetch});
   * null without the flag. Refused (exit 2, nothing sent) when no IMAP server or user is set, so
   * that a run asked to keep copies never sends without being able to.
   */
  private ServerConfig sentFolderServer(Settings settings) {
    if (saveSent == null) {
      return null;
    }
    ServerConfig imap =
        ServerOptions.resolve(root, settings, "imap", null, null, null, null, null, true);
    if (imap == null || imap.user() == null) {
      throw HeraldException.input(
          "--save-sent needs the IMAP mailbox: set imap.host and imap.user in "
              + Settings.FILE
              + " (or HERALD_IMAP_HOST and HERALD_IMAP_USER); the password comes from"
              + " HERALD_IMAP_PASSWORD. Nothing was sent.");
    }
    return imap;
  }

  /**
   * Naming a variant ({@code release.pl.md}) would send the whole release, every language, to
   * everyone: what the file name says and what is sent would differ. So it is refused, naming the
   * file that stands for the release.
   */
  private static void refuseNamedVariant(LoadedCampaign v) {
    var named = v.templates().namedVariant();
    if (named.isPresent()) {
      throw HeraldException.input(
          Display.path(named.get())
              + " is a language variant of "
              + Display.path(v.templates().base().file())
              + "; send "
              + Display.path(v.templates().base().file())
              + ", which sends each contact the variant of their language column (see herald"
              + " check for who gets which)");
    }
  }

  private boolean parseFormat() {
    return Formats.parse(format, "table", "json").equals("json");
  }

  private Progress progress(PrintWriter err, String verb, long total) {
    if (total == 0) {
      return Progress.none();
    }
    if (total < 0) {
      // no count taken beforehand (a --yes run without a terminal): counts and rate only
      return Progress.lines(
          err, verb.toLowerCase(Locale.ROOT), -1, root.invocation.clock(), Duration.ofSeconds(5));
    }
    if (root.invocation.terminal().interactive()) {
      return Progress.bar(verb, total, err);
    }
    return Progress.lines(
        err, verb.toLowerCase(Locale.ROOT), total, root.invocation.clock(), Duration.ofSeconds(5));
  }

  /**
   * Every From that this run's recipients will see: each variant that has recipients may have a
   * From of its own, and the person confirming must see them all, not only the default's.
   */
  static String fromAddresses(LoadedCampaign v) {
    Map<String, List<String>> froms = new LinkedHashMap<>();
    for (var e : v.perVariant().entrySet()) {
      if (e.getValue() > 0 || e.getKey() == v.templates().base()) {
        froms
            .computeIfAbsent(e.getKey().header("from").text(), k -> new ArrayList<>())
            .add(Display.path(e.getKey().file()));
      }
    }
    if (froms.size() <= 1) {
      return froms.isEmpty()
          ? v.templates().base().header("from").text()
          : froms.keySet().iterator().next();
    }
    List<String> parts = new ArrayList<>();
    froms.forEach((from, files) -> parts.add(from + " (" + String.join(", ", files) + ")"));
    return String.join("; ", parts);
  }

  private boolean confirm(
      ServerConfig server, LoadedCampaign v, SendRun.Plan plan, PrintWriter out) {
    String from = fromAddresses(v);
    String what =
        plan.due()
            + (plan.due() == 1 ? " message" : " messages")
            + " of campaign "
            + v.templates().campaign()
            + " via "
            + server.address()
            + " ("
            + server.security().label()
            + (server.user() == null ? "" : ", as " + server.user())
            + "), From: "
            + from;
    if (yes) {
      return true;
    }
    if (!root.invocation.terminal().interactive()) {
      throw HeraldException.input(
          "refusing to send "
              + what
              + " without confirmation: there is no terminal to ask on. Add --yes to send"
              + " (as a scheduled job would), or --dry-run to see what would be sent.");
    }
    out.println("About to email " + what + ".");
    out.flush();
    String answer = root.invocation.terminal().readLine("Send now? Type yes to send: ");
    return answer != null && answer.strip().equalsIgnoreCase("yes");
  }

  private Integer dryRun(SendRun run, PrintWriter out, boolean json, String campaign) {
    // Each row is written as it is decided: a list of a million contacts is never held at once.
    Json.Streamed stream = null;
    if (json) {
      stream =
          new Json.Streamed(out)
              .member("campaign", campaign)
              .member("status", "dry-run")
              .beginArray("recipients");
    }
    Json.Streamed rows = stream;
    SendRun.Plan plan =
        run.plan(
            (e, d) -> {
              String who = e.contact() == null ? "" : e.contact().email();
              String where = e.contact() == null ? e.problem().location() : e.contact().where();
              String detail =
                  switch (d) {
                    case INVALID ->
                        e.problem() != null
                            ? e.problem().message()
                            : "cannot be rendered (see above)";
                    case DUPLICATE -> "repeats line " + e.firstLine();
                    default -> "";
                  };
              if (json) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("recipient", who);
                row.put("where", where);
                row.put("decision", d.name().toLowerCase(Locale.ROOT));
                if (!detail.isEmpty()) {
                  row.put("detail", detail);
                }
                rows.element(row);
              } else {
                out.printf(
                    "%-14s %-40s %s%s%n",
                    d == SendRun.Decision.SEND || d == SendRun.Decision.RESEND
                        ? "would send"
                        : "skip",
                    who.isEmpty() ? where : who,
                    d == SendRun.Decision.SEND ? "" : d.label(),
                    detail.isEmpty() ? "" : ": " + detail);
              }
            });
    if (json) {
      rows.endArray().member("would_send", plan.due()).member("exit_code", ExitCodes.OK).end();
    } else {
      out.printf(
          "Dry run: would send %d of campaign %s; %d already sent, %d suppressed, %d repeated,"
              + " %d invalid, %d failed before. Nothing was sent or written.%n",
          plan.due(),
          campaign,
          plan.count(SendRun.Decision.ALREADY_SENT),
          plan.count(SendRun.Decision.SUPPRESSED),
          plan.count(SendRun.Decision.DUPLICATE),
          plan.count(SendRun.Decision.INVALID),
          plan.count(SendRun.Decision.FAILED_BEFORE));
    }
    out.flush();
    return ExitCodes.OK;
  }

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

  private void printSummary(
      PrintWriter out, String campaign, ServerConfig server, SendRun.Summary s, Path journal) {
    SendRun.Plan p = s.plan();
    Tally t = s.tally();
    double secs = Math.max(0.001, s.elapsed().toMillis() / 1000.0);
    if (server == null) {
      out.printf(
          "Wrote %d %s of campaign %s to %s. Nothing was emailed: no SMTP server is configured"
              + " (set --smtp-host, HERALD_SMTP_HOST or smtp.host in herald.properties to send).%n",
          t.sentCount(),
          t.sentCount() == 1 ? "message" : "messages",
          campaign,
          s.outbox() == null ? "the outbox" : Display.path(s.outbox()));
    } else {
      out.printf(
          Locale.ROOT,
          "Campaign %s via %s: %d sent, %d failed, %d deferred%s%s in %.1fs (%.1f/s).%n",
          campaign,
          server.address(),
          t.sentCount(),
          t.failed().size(),
          t.deferred().size(),
          t.unknown().isEmpty() ? "" : ", " + t.unknown().size() + " unknown",
          s.notAttempted() > 0 ? ", " + s.notAttempted() + " not attempted" : "",
          secs,
          t.done() / secs);
    }
    out.printf(
        "Skipped: %d already sent, %d suppressed (opt-out), %d repeated, %d invalid, %d failed"
            + " before, %d bounced before%s.%n",
        p.count(SendRun.Decision.ALREADY_SENT),
        p.count(SendRun.Decision.SUPPRESSED),
        p.count(SendRun.Decision.DUPLICATE),
        p.count(SendRun.Decision.INVALID),
        p.count(SendRun.Decision.FAILED_BEFORE),
        p.count(SendRun.Decision.BOUNCED),
        (p.count(SendRun.Decision.UNKNOWN_BEFORE) > 0
                ? ", "
                    + p.count(SendRun.Decision.UNKNOWN_BEFORE)
                    + " unknown before (--retry-unknown)"
                : "")
            + (p.count(SendRun.Decision.OVER_LIMIT) > 0
                ? ", " + p.count(SendRun.Decision.OVER_LIMIT) + " left for a later run (--limit)"
                : ""));
    if (!t.resent().isEmpty()) {
      out.println(
          "Sent again, because they were being sent when an earlier run stopped (one of them may"
              + " receive it twice):");
      t.resent().forEach(r -> out.println("  " + r));
    }
    if (!t.failed().isEmpty()) {
      out.println("Failed (the server refused them; --retry-failed tries again):");
      t.failed().forEach(f -> out.println("  " + f.recipient() + ": " + f.reply()));
    }
    if (!t.deferred().isEmpty()) {
      out.println("Deferred (temporary failures; a re-run tries again):");
      t.deferred().forEach(f -> out.println("  " + f.recipient() + ": " + f.reply()));
    }
    if (!t.refusedCopies().isEmpty()) {
      // A copy is the sender's own business (an archive, a colleague): the contacts got their
      // message, so the exit code stays as it is, and this says which copy addresses to fix.
      out.println(
          "Warning: the server refused "
              + (t.refusedCopies().size() == 1 ? "a copy address" : "copy addresses")
              + " (the template's Cc or Bcc); each contact's message went out without it:");
      t.refusedCopies()
          .forEach(
              c ->
                  out.println(
                      "  "
                          + c.address()
                          + ": "
                          + c.reply()
                          + " ("
                          + c.messages()
                          + (c.messages() == 1 ? " message)" : " messages)")));
    }
    if (!t.unjournalled().isEmpty()) {
      out.println(
          "Accepted by the server but not recorded in the journal, which could not be written (a"
              + " re-run sends them again, so they may receive it twice):");
      t.unjournalled().forEach(r -> out.println("  " + r));
    }
    if (!t.unknown().isEmpty()) {
      out.println(
          "Unknown (sent whole, no reply came: they may have received it; not sent again unless"
              + " --retry-unknown):");
      t.unknown().forEach(f -> out.println("  " + f.recipient() + ": " + f.reply()));
    }
    if (s.fatal() != null) {
      out.println(
          "Stopped early: "
              + SendRunMessages.fatal(server, s.fatal())
              + " "
              + s.notAttempted()
              + " not attempted; a re-run continues.");
    }
    if (s.unanswered() > 0) {
      out.println(
          s.unanswered()
              + (s.unanswered() == 1 ? " message was" : " messages were")
              + " handed to the server, which had not replied when herald stopped waiting: the"
              + " journal records them as attempts, and a re-run sends them again (at most one"
              + " per connection may arrive twice).");
    }
    if (sentCopies != null) {
      printSentCopies(out);
    }
    out.println("Journal: " + Display.path(journal));
  }

  private void printSentCopies(PrintWriter out) {
    List<SentFolder.Failed> failed = sentCopies.failed();
    String folder = sentCopies.folderName();
    out.printf(
        "Sent folder%s: %d %s kept%s.%n",
        folder == null ? "" : " " + folder,
        sentCopies.saved(),
        sentCopies.saved() == 1 ? "copy" : "copies",
        failed.isEmpty() ? "" : ", " + failed.size() + " could not be saved");
    if (!failed.isEmpty()) {
      out.println(
          "Not saved in the Sent folder (they were sent; a re-run does not send or save them"
              + " again):");
      failed.forEach(f -> out.println("  " + f.recipient() + ": " + f.reason()));
    }
  }

  /**
   * Server settings given without a host mean the user expected an email run; say plainly that they
   * are ignored and the messages go to the outbox.
   */
  private void warnServerOptionsWithoutHost(Settings settings, PrintWriter err) {
    List<String> given = new ArrayList<>();
    if (smtpPort != null) {
      given.add("--smtp-port");
    }
    if (smtpSecurity != null) {
      given.add("--smtp-security");
    }
    if (smtpUser != null) {
      given.add("--smtp-user");
    }
    if (smtpCa != null) {
      given.add("--smtp-ca");
    }
    for (String key : List.of("smtp.port", "smtp.security", "smtp.user", "smtp.ca")) {
      String option = "--" + key.replace('.', '-');
      if (!given.contains(option) && settings.get(null, key) != null) {
        given.add(settings.source(null, key));
      }
    }
    if (!given.isEmpty()) {
      err.println(
          "warning: "
              + String.join(", ", given)
              + (given.size() == 1 ? " is" : " are")
              + " ignored: no SMTP host is configured (--smtp-host, HERALD_SMTP_HOST or smtp.host),"
              + " so the messages are written to the outbox and nothing is emailed");
      err.flush();
    }
  }

  /** The JSON status, matching the exit code. */
  static String status(ServerConfig server, int code) {
    return switch (code) {
      case ExitCodes.OK -> server == null ? "outbox" : "done";
      case ExitCodes.PARTIAL -> "partly-delivered";
      case ExitCodes.STOPPED -> "stopped";
      default -> "error";
    };
  }

  private Map<String, Object> jsonSummary(
      String campaign, ServerConfig server, SendRun.Summary s, Path journal, int code) {
    Map<String, Object> m = new LinkedHashMap<>();
    Tally t = s.tally();
    SendRun.Plan p = s.plan();
    m.put("campaign", campaign);
    m.put("status", status(server, code));
    m.put("server", server == null ? null : server.address());
    m.put("outbox", s.outbox() == null ? null : Display.path(s.outbox()));
    // an outbox run wrote files and emailed nothing: it never says "sent"
    m.put(server == null ? "written" : "sent", t.sentCount());
    m.put(
        "failed",
        t.failed().stream()
            .map(f -> Map.of("recipient", f.recipient(), "reply", f.reply()))
            .toList());
    m.put(
        "deferred",
        t.deferred().stream()
            .map(f -> Map.of("recipient", f.recipient(), "reply", f.reply()))
            .toList());
    m.put(
        "unknown",
        t.unknown().stream()
            .map(f -> Map.of("recipient", f.recipient(), "reply", f.reply()))
            .toList());
    m.put(
        "refused_copies",
        t.refusedCopies().stream()
            .map(
                c -> {
                  Map<String, Object> copy = new LinkedHashMap<>();
                  copy.put("address", c.address());
                  copy.put("reply", c.reply());
                  copy.put("messages", c.messages());
                  return copy;
                })
            .toList());
    m.put("resent_in_flight", t.resent());
    m.put("unjournalled", t.unjournalled());
    m.put("not_attempted", s.notAttempted());
    m.put("unanswered", s.unanswered());
    Map<String, Object> skipped = new LinkedHashMap<>();
    skipped.put("already_sent", p.count(SendRun.Decision.ALREADY_SENT));
    skipped.put("suppressed", p.count(SendRun.Decision.SUPPRESSED));
    skipped.put("repeated", p.count(SendRun.Decision.DUPLICATE));
    skipped.put("invalid", p.count(SendRun.Decision.INVALID));
    skipped.put("failed_before", p.count(SendRun.Decision.FAILED_BEFORE));
    skipped.put("bounced_before", p.count(SendRun.Decision.BOUNCED));
    skipped.put("unknown_before", p.count(SendRun.Decision.UNKNOWN_BEFORE));
    skipped.put("over_limit", p.count(SendRun.Decision.OVER_LIMIT));
    m.put("skipped", skipped);
    if (sentCopies != null) {
      m.put("saved_sent", sentCopies.saved());
      m.put("sent_folder", sentCopies.folderName());
      m.put(
          "save_sent_failed",
          sentCopies.failed().stream()
              .map(f -> Map.of("recipient", f.recipient(), "reason", f.reason()))
              .toList());
    }
    m.put("stopped", s.fatal() == null ? null : SendRunMessages.fatal(server, s.fatal()));
    m.put("elapsed_seconds", s.elapsed().toMillis() / 1000.0);
    m.put("journal", Display.path(journal));
    m.put("exit_code", code);
    return m;
  }

  static int intSetting(Settings s, Integer option, String key, int dflt, int min, int max) {
    String v = s.get(option == null ? null : String.valueOf(option), key);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      // the option drops the key's "smtp." prefix: --connections for smtp.connections
      throw HeraldException.input(
          (option == null ? s.source(null, key) : "--" + key.substring(key.indexOf('.') + 1))
              + ": '"
              + v
              + "' must be a whole number from "
              + min
              + " to "
              + max);
    }
  }

  static int parseRate(String spec) {
    return parseRate(spec, "--rate");
  }

  /** Messages a minute from "N/min", "N/s" or "N/h"; {@code source} names where it came from. */
  static int parseRate(String spec, String source) {
    if (spec == null) {
      return 0;
    }
    String v = spec.strip().toLowerCase(Locale.ROOT);
    int slash = v.indexOf('/');
    String number = slash < 0 ? v : v.substring(0, slash);
    String unit = slash < 0 ? "min" : v.substring(slash + 1);
    long factor =
        switch (unit) {
          case "s", "sec", "second" -> 60;
          case "m", "min", "minute" -> 1;
          case "h", "hour" -> -60;
          default -> 0;
        };
    try {
      long n = Long.parseLong(number.strip());
      if (factor == 0 || n < 1) {
        throw new NumberFormatException();
      }
      if (factor < 0 && n < 60) {
        // rounding up to one a minute would send faster than asked
        throw HeraldException.input(
            source
                + " '"
                + spec
                + "' is less than one a minute, the slowest herald paces; use 60/h or more");
      }
      long perMinute = factor > 0 ? Math.multiplyExact(n, factor) : Math.max(1, n / 60);
      return (int) Math.min(perMinute, Integer.MAX_VALUE);
    } catch (NumberFormatException | ArithmeticException e) {
      throw HeraldException.input(
          source + " takes N/min (or N/s, N/h), such as 120/min; not '" + spec + "'");
    }
  }
}
