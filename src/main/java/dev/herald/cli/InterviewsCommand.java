package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.contacts.ContactLookup;
import dev.herald.identity.EmailAddress;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import dev.herald.journal.JournalReader;
import dev.herald.mailserver.ServerConfig;
import dev.herald.replies.ReplyFetch;
import dev.herald.replies.ReplyKind;
import dev.herald.replies.ReplyLog;
import dev.herald.replies.ReplyMailbox;
import dev.herald.util.Json;
import dev.herald.util.Progress;
import dev.herald.util.Similar;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald interviews}: the interview log, and the replies that fill it. */
@Command(
    mixinStandardHelpOptions = true,
    name = "interviews",
    description = {
      "Log interview requests and follow them up: fetch them from the reply mailbox, add those"
          + " that came by phone, accept those fetch left for a look, update their status, list"
          + " them. The log is "
          + InterviewLog.DEFAULT_PATH
          + "."
    },
    subcommands = {
      InterviewsCommand.Add.class,
      InterviewsCommand.Update.class,
      InterviewsCommand.ListCommand.class,
      InterviewsCommand.Fetch.class,
      InterviewsCommand.Accept.class
    })
public final class InterviewsCommand implements Runnable {
  @ParentCommand HeraldCommand root;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  InterviewLog log() {
    return new InterviewLog(root.resolve(Path.of(InterviewLog.DEFAULT_PATH)));
  }

  /** The contact file: the option, else contacts/media.csv, which may be missing. */
  Path contacts(Path option) {
    Path file = root.resolve(option == null ? Path.of("contacts/media.csv") : option);
    if (option != null && !Files.isRegularFile(file)) {
      throw HeraldException.input(Display.path(file) + ": no such file (--contacts)");
    }
    return file;
  }

  /** {@code herald interviews add}: a request that came by phone (or any other way). */
  @Command(
      mixinStandardHelpOptions = true,
      name = "add",
      description = {
        "Log an interview request that did not come by email, such as a phone call. Name and"
            + " outlet are filled in from the contact list where the address is in it."
      })
  static final class Add implements Callable<Integer> {
    @ParentCommand InterviewsCommand parent;
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Option(
        names = "--campaign",
        required = true,
        paramLabel = "CAMPAIGN",
        description = "The campaign it is about.")
    String campaign;

    @Option(
        names = "--email",
        required = true,
        paramLabel = "EMAIL",
        description = "The journalist's address.")
    String email;

    @Option(names = "--name", paramLabel = "NAME", description = "Default: from the contacts.")
    String name;

    @Option(names = "--outlet", paramLabel = "OUTLET", description = "Default: from the contacts.")
    String outlet;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "What the interview is about.")
    String topic;

    @Option(
        names = "--when",
        paramLabel = "TIME",
        description = "When the interview is, in ISO-8601: 2026-12-03T14:30+01:00.")
    String when;

    @Option(names = "--note", paramLabel = "TEXT", description = "Anything worth keeping.")
    String note;

    @Option(
        names = "--status",
        paramLabel = "STATUS",
        defaultValue = "requested",
        description = "requested (default), scheduled, done or declined.")
    String status;

    @Option(
        names = "--source",
        paramLabel = "SOURCE",
        defaultValue = "phone",
        description = "phone (default), manual, reply or link.")
    String source;

    @Option(
        names = "--contacts",
        paramLabel = "CSV",
        description = "Where to look up name and outlet. Default: contacts/media.csv.")
    Path contacts;

    @Option(
        names = "--new-campaign",
        description =
            "The campaign is not in the send journal yet (a request ahead of the release, say):"
                + " log it all the same.")
    boolean newCampaign;

    @Option(
        names = "--journal",
        paramLabel = "FILE",
        defaultValue = "logs/sends.csv",
        description = "The send journal that knows the campaigns. Default: ${DEFAULT-VALUE}.")
    Path journal;

    @Override
    public Integer call() {
      String c = required(campaign, "--campaign");
      if (!newCampaign) {
        knownCampaign(c, parent.root.resolve(journal), parent.log());
      }
      String address = email.strip();
      EmailAddress.problem(address)
          .ifPresent(
              p -> {
                throw HeraldException.input("--email: " + p);
              });
      Interview.Status s = status(status);
      Interview.Source src =
          Interview.Source.parse(source)
              .orElseThrow(
                  () ->
                      HeraldException.input(
                          "--source '" + source + "' is not one of " + Interview.Source.choices()));
      String w = when(when);
      ContactLookup lookup =
          ContactLookup.of(
              parent.contacts(contacts), List.of(address), Settings.load(parent.root).limits());
      InterviewLog log = parent.log();
      Interview added =
          log.add(
              new InterviewLog.Draft(
                  c,
                  address,
                  name == null ? lookup.name(address) : name.strip(),
                  outlet == null ? lookup.outlet(address) : outlet.strip(),
                  topic,
                  s,
                  w,
                  src,
                  "",
                  note),
              parent.root.invocation.clock().instant());
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "Logged "
              + added.id()
              + ": "
              + who(added)
              + ", campaign "
              + added.campaign()
              + " ("
              + added.status().csv()
              + (added.when().isEmpty() ? "" : ", " + added.when())
              + ", by "
              + added.source().csv()
              + ") in "
              + Display.path(log.file())
              + ".");
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code herald interviews update}: a request was scheduled, done or declined. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "update",
      description = {"Change an interview request's status, time or note."})
  static final class Update implements Callable<Integer> {
    @ParentCommand InterviewsCommand parent;
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Parameters(index = "0", paramLabel = "ID", description = "The request, such as I0001.")
    String id;

    @Option(
        names = "--status",
        paramLabel = "STATUS",
        description = "requested, scheduled, done or declined.")
    String status;

    @Option(
        names = "--when",
        paramLabel = "TIME",
        description = "When the interview is, in ISO-8601; an empty value clears it.")
    String when;

    @Option(
        names = "--note",
        paramLabel = "TEXT",
        description =
            "Adds to the note, after the earlier one, with today's date; an empty value clears"
                + " it.")
    String note;

    @Override
    public Integer call() {
      if (status == null && when == null && note == null) {
        throw HeraldException.input(
            "nothing to change for " + id + ": give --status, --when or --note");
      }
      Interview.Status s = status == null ? null : status(status);
      String w = when == null ? null : when(when);
      InterviewLog log = parent.log();
      Interview changed =
          log.update(
              id,
              s,
              w,
              note == null ? null : note.strip(),
              parent.root.invocation.clock().instant());
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "Updated "
              + changed.id()
              + ": "
              + changed.status().csv()
              + (changed.when().isEmpty() ? "" : ", " + changed.when())
              + " ("
              + who(changed)
              + ", campaign "
              + changed.campaign()
              + ").");
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code herald interviews list}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = {
        "List the interview requests: as a table, as CSV safe to open in a spreadsheet, or as"
            + " JSON (an array of objects keyed by the CSV's column names)."
      })
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand InterviewsCommand parent;
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Option(names = "--campaign", paramLabel = "CAMPAIGN", description = "Only this campaign.")
    String campaign;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "table",
        description = "table (default), csv or json.")
    String format;

    @Override
    public Integer call() {
      String f = Formats.parse(format, "table", "csv", "json");
      InterviewLog log = parent.log();
      List<Interview> rows =
          log.read().stream()
              .filter(i -> campaign == null || i.campaign().equals(campaign.strip()))
              .toList();
      PrintWriter out = spec.commandLine().getOut();
      switch (f) {
        case "csv" -> out.print(InterviewLog.csv(rows));
        case "json" -> {
          List<Map<String, Object>> objects = new ArrayList<>();
          for (Interview i : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            List<String> cells = InterviewLog.cells(i);
            for (int c = 0; c < InterviewLog.COLUMNS.size(); c++) {
              m.put(InterviewLog.COLUMNS.get(c), cells.get(c));
            }
            objects.add(m);
          }
          out.println(Json.write(objects));
        }
        default -> table(out, rows, log);
      }
      out.flush();
      return ExitCodes.OK;
    }

    private void table(PrintWriter out, List<Interview> rows, InterviewLog log) {
      if (rows.isEmpty()) {
        out.println(
            "No interview requests"
                + (campaign == null ? "" : " for campaign " + campaign)
                + " in "
                + Display.path(log.file())
                + ".");
        return;
      }
      List<List<String>> table = new ArrayList<>();
      table.add(
          List.of("ID", "STATUS", "WHEN", "CAMPAIGN", "CONTACT", "OUTLET", "SOURCE", "TOPIC"));
      for (Interview i : rows) {
        table.add(
            List.of(
                i.id(),
                i.status().csv(),
                i.when(),
                i.campaign(),
                i.forwardedBy().isEmpty()
                    ? who(i)
                    : who(i) + " (forwarded by " + i.forwardedBy() + ")",
                i.outlet(),
                i.source().csv(),
                i.topic()));
      }
      Tables.print(out, table, 60);
    }
  }

  /** {@code herald interviews fetch}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "fetch",
      description = {
        "Read the reply mailbox over IMAP and sort the replies to each campaign: interview"
            + " requests are logged, unsubscribe requests and bounces added to the suppression"
            + " list, auto-replies and other replies counted. Mail that answers no campaign is"
            + " left alone. Never deletes, moves or flags a message; running it again adds"
            + " nothing twice.",
        "The password comes from HERALD_IMAP_PASSWORD or a prompt."
      })
  static final class Fetch implements Callable<Integer> {
    @ParentCommand InterviewsCommand parent;
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Option(
        names = "--imap-host",
        paramLabel = "HOST",
        description = "IMAP server (or HERALD_IMAP_HOST, imap.host).")
    String host;

    @Option(
        names = "--imap-port",
        paramLabel = "PORT",
        description = "Default: 993 for ssl, 143 for starttls and none.")
    Integer port;

    @Option(
        names = "--imap-security",
        paramLabel = "MODE",
        description = "ssl (default), starttls or none.")
    String security;

    @Option(
        names = "--imap-user",
        paramLabel = "USER",
        description = "Login; the password comes from HERALD_IMAP_PASSWORD or a prompt.")
    String user;

    @Option(
        names = "--imap-ca",
        paramLabel = "FILE",
        description = "Also trust the PEM certificate(s) in FILE (a private server).")
    Path ca;

    @Option(
        names = "--imap-auth",
        paramLabel = "MODE",
        description =
            "password (default) or xoauth2: an OAuth2 access token from HERALD_IMAP_TOKEN,"
                + " imap.token-command or the client-credentials grant (imap.token-url).")
    String auth;

    @Option(
        names = "--folder",
        paramLabel = "FOLDER",
        description = "The folder replies arrive in (or imap.folder). Default: INBOX.")
    String folder;

    @Option(
        names = "--contacts",
        paramLabel = "CSV",
        description =
            "Names and outlets. Default: contacts/media.csv. Unsubscribes and bounces go to"
                + " contacts/optout.csv (or optout.file), wherever this points.")
    Path contacts;

    @Option(
        names = "--journal",
        paramLabel = "FILE",
        defaultValue = "logs/sends.csv",
        description = "The send journal. Default: ${DEFAULT-VALUE}.")
    Path journal;

    @Override
    public Integer call() {
      HeraldCommand root = parent.root;
      Settings settings = Settings.load(root);
      ServerConfig server =
          ServerOptions.resolve(root, settings, "imap", host, port, security, user, ca, auth, true);
      if (server == null) {
        throw HeraldException.input(
            "no IMAP server configured: set --imap-host, HERALD_IMAP_HOST or imap.host in "
                + Settings.FILE
                + " to the server that holds the replies");
      }
      if (server.user() == null) {
        throw HeraldException.input(
            "no IMAP user: set --imap-user, HERALD_IMAP_USER or imap.user in "
                + Settings.FILE
                + "; the password comes from HERALD_IMAP_PASSWORD or a prompt");
      }
      String folderName = settings.get(folder, "imap.folder");
      Path contactFile = parent.contacts(contacts);
      ReplyFetch.Files files =
          new ReplyFetch.Files(
              root.resolve(journal),
              contactFile,
              parent.log().file(),
              root.resolve(Path.of(ReplyLog.DEFAULT_PATH)),
              settings.optOutFiles(root.workdir(), contactFile));
      ReplyFetch.Summary summary;
      try (ReplyMailbox mailbox =
              ReplyMailbox.open(server, folderName == null ? "INBOX" : folderName);
          Progress progress = progress(spec.commandLine().getErr(), mailbox.count())) {
        summary =
            new ReplyFetch(files, settings.limits(), root.invocation.clock(), root.key())
                .run(mailbox, progress);
      }
      print(spec.commandLine().getOut(), server, summary, files);
      return ExitCodes.OK;
    }

    /**
     * A bar on a terminal; otherwise (a CI log) a line every {@value #EVERY} messages or {@link
     * #EVERY_TIME}, so that a long fetch shows it is moving and where it stalls.
     */
    private Progress progress(PrintWriter err, int total) {
      if (total < EVERY) {
        return Progress.none();
      }
      if (parent.root.invocation.terminal().interactive()) {
        return Progress.bar("Reading replies", total, err);
      }
      return new Lines(err, total);
    }

    static final int EVERY = 100;
    static final Duration EVERY_TIME = Duration.ofSeconds(10);

    /** "read 200/5000 messages" on standard error, for a log that is not a terminal. */
    private static final class Lines implements Progress {
      private final PrintWriter err;
      private final int total;
      private int done;
      private long last = System.nanoTime();

      Lines(PrintWriter err, int total) {
        this.err = err;
        this.total = total;
      }

      @Override
      public void step() {
        done++;
        long now = System.nanoTime();
        if (done % EVERY == 0 || now - last >= EVERY_TIME.toNanos()) {
          last = now;
          err.println("read " + done + "/" + total + " messages");
          err.flush();
        }
      }

      @Override
      public void close() {}
    }

    private static void print(
        PrintWriter out, ServerConfig server, ReplyFetch.Summary s, ReplyFetch.Files files) {
      String where = s.folder() + " at " + server.address() + " (" + server.user() + ")";
      if (s.found().isEmpty()) {
        out.println(
            "Read "
                + count(s.messages(), "message")
                + " in "
                + where
                + ": nothing new. "
                + s.alreadyFetched()
                + " fetched before, "
                + s.notAboutCampaign()
                + " not about a campaign"
                + (s.tooLarge().isEmpty() ? "" : ", " + s.tooLarge().size() + " too large")
                + ".");
      } else {
        out.println(
            "Read "
                + count(s.messages(), "message")
                + " in "
                + where
                + ": "
                + s.found().size()
                + " new "
                + (s.found().size() == 1 ? "reply" : "replies")
                + " about a campaign, "
                + s.alreadyFetched()
                + " fetched before, "
                + s.notAboutCampaign()
                + " not about a campaign.");
        String optOut = Display.path(files.optOut().get(0));
        section(
            out,
            s,
            ReplyKind.INTERVIEW_REQUEST,
            "Interview requests",
            "logged in " + Display.path(files.interviewLog()));
        section(out, s, ReplyKind.UNSUBSCRIBE, "Unsubscribe requests", "added to " + optOut);
        section(
            out,
            s,
            ReplyKind.BOUNCE,
            "Bounces",
            "marked bounced in " + Display.path(files.journal()) + " and added to " + optOut);
        section(out, s, ReplyKind.AUTO_REPLY, "Auto-replies", "counted only");
        section(out, s, ReplyKind.OTHER, "Other replies", "counted only");
        needsLook(out, s);
        out.println("Not about a campaign: " + s.notAboutCampaign() + " (left alone)");
        out.println("Recorded in " + Display.path(files.replyLog()) + ".");
      }
      if (s.notAboutCampaign() > 0 && !Files.exists(files.journal())) {
        out.println(
            "There is no send journal at "
                + Display.path(files.journal())
                + ", so no reply can be tied to a campaign: fetch in the working folder that"
                + " sent the release, or name its journal with --journal.");
      }
      for (ReplyFetch.Skipped skipped : s.tooLarge()) {
        out.println(
            "Skipped, larger than limits.reply-bytes: "
                + Tables.clean(skipped.from())
                + " \""
                + Tables.clean(skipped.subject())
                + "\" ("
                + Display.bytes(skipped.size())
                + ")");
      }
      out.flush();
    }

    /**
     * Replies herald did not act on, because a From header can be forged: each with its id, what it
     * seems to be, and why, and the command that acts on it once a person has looked.
     */
    private static void needsLook(PrintWriter out, ReplyFetch.Summary s) {
      List<ReplyFetch.Found> found = s.needsLook();
      if (found.isEmpty()) {
        return;
      }
      out.println("Needs a look: " + found.size() + ", not acted on");
      for (ReplyFetch.Found f : found) {
        String seems =
            switch (f.kind()) {
              case INTERVIEW_REQUEST -> "interview request";
              case UNSUBSCRIBE -> "unsubscribe request";
              case BOUNCE -> "bounce";
              case AUTO_REPLY -> "auto-reply";
              case OTHER -> "reply";
            };
        String act =
            switch (f.kind()) {
              case INTERVIEW_REQUEST -> "herald interviews accept " + f.replyId();
              case UNSUBSCRIBE, BOUNCE -> "herald optout add " + f.email();
              default -> "";
            };
        out.println(
            Tables.clean(
                "  "
                    + f.replyId()
                    + "  "
                    + seems
                    + " about "
                    + who(f.name(), f.email())
                    + " ("
                    + f.campaign()
                    + "): "
                    + f.review()
                    + (act.isEmpty() ? "" : "; if it is genuine: " + act)));
      }
    }

    private static void section(
        PrintWriter out, ReplyFetch.Summary s, ReplyKind kind, String title, String action) {
      List<ReplyFetch.Found> found = s.of(kind);
      out.println(title + ": " + found.size() + (found.isEmpty() ? "" : ", " + action));
      for (ReplyFetch.Found f : found) {
        StringBuilder line = new StringBuilder("  ");
        if (f.interview() != null) {
          line.append(f.interview().id()).append("  ");
          line.append(who(f.interview()));
        } else {
          line.append(who(f.name(), f.email()));
        }
        if (!f.outlet().isEmpty()) {
          line.append(", ").append(f.outlet());
        }
        if (f.interview() != null && !f.interview().forwardedBy().isEmpty()) {
          line.append(", forwarded by ").append(f.interview().forwardedBy());
        }
        line.append(" (").append(f.campaign());
        if (f.interview() != null) {
          line.append(
              f.interview().source() == Interview.Source.LINK
                  ? ", through the interview link"
                  : ", by reply");
        }
        line.append(')');
        if (!f.detail().isEmpty()) {
          line.append(": ").append(f.detail());
        }
        if (!f.isNew()) {
          line.append(
              switch (kind) {
                case INTERVIEW_REQUEST -> " [already in the log]";
                case UNSUBSCRIBE, BOUNCE -> " [already on the suppression list]";
                default -> "";
              });
        }
        out.println(Tables.clean(line.toString()));
      }
    }
  }

  /** {@code herald interviews accept}: logs a request that fetch left for a person to look at. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "accept",
      description = {
        "Log an interview request that fetch listed under \"Needs a look\" (a reply that did not"
            + " come from the journalist's own address), once you have checked it is genuine."
            + " REPLY-ID is the id fetch printed, the reply's Message-ID."
      })
  static final class Accept implements Callable<Integer> {
    @ParentCommand InterviewsCommand parent;
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Parameters(index = "0", paramLabel = "REPLY-ID", description = "The reply, as fetch named it.")
    String replyId;

    @Option(
        names = "--contacts",
        paramLabel = "CSV",
        description = "Where to look up name and outlet. Default: contacts/media.csv.")
    Path contacts;

    @Override
    public Integer call() {
      ReplyLog replies = new ReplyLog(parent.root.resolve(Path.of(ReplyLog.DEFAULT_PATH)));
      ReplyLog.Entry entry =
          replies
              .find(replyId)
              .orElseThrow(
                  () ->
                      HeraldException.input(
                          "no reply "
                              + replyId
                              + " in "
                              + Display.path(replies.file())
                              + ": give the id that herald interviews fetch printed under"
                              + " \"Needs a look\""));
      if (entry.kind() != ReplyKind.INTERVIEW_REQUEST) {
        throw HeraldException.input(
            "reply "
                + replyId
                + " is not an interview request but "
                + ReplyLog.kindName(entry.kind())
                + (entry.kind() == ReplyKind.UNSUBSCRIBE || entry.kind() == ReplyKind.BOUNCE
                    ? ": to suppress the address, run herald optout add " + entry.email()
                    : ": log a request with herald interviews add"));
      }
      // Logged under whoever sent it, as fetch logs a forwarded request: accepting a reply
      // vouches for its sender, not for the recipient of the release.
      String from = entry.from();
      boolean forwarded =
          !from.isEmpty()
              && EmailAddress.problem(from).isEmpty()
              && !EmailAddress.key(from).equals(EmailAddress.key(entry.email()));
      String requester = forwarded ? from : entry.email();
      ContactLookup lookup =
          ContactLookup.of(
              parent.contacts(contacts), List.of(requester), Settings.load(parent.root).limits());
      InterviewLog log = parent.log();
      InterviewLog.Added added =
          log.addRequests(
                  List.of(
                      new InterviewLog.Draft(
                          entry.campaign(),
                          requester,
                          lookup.name(requester),
                          lookup.outlet(requester),
                          entry.subject(),
                          Interview.Status.REQUESTED,
                          "",
                          Interview.Source.REPLY,
                          entry.messageId(),
                          "",
                          from,
                          forwarded ? entry.email() : "")),
                  parent.root.invocation.clock().instant())
              .get(0);
      Interview i = added.interview();
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          Tables.clean(
              (added.isNew() ? "Logged " : "Already in the log: ")
                  + i.id()
                  + ": "
                  + who(i)
                  + ", campaign "
                  + i.campaign()
                  + (i.forwardedBy().isEmpty() ? "" : ", forwarded by " + i.forwardedBy())
                  + " ("
                  + i.status().csv()
                  + ") in "
                  + Display.path(log.file())
                  + "."));
      out.flush();
      return ExitCodes.OK;
    }
  }

  /**
   * Refuses a campaign that neither the journal nor the interview log knows: a typo there would
   * show up in {@code report} as a campaign of its own, with the request missing from the real one.
   */
  static void knownCampaign(String campaign, Path journal, InterviewLog log) {
    Set<String> known = new TreeSet<>();
    JournalReader.forEach(journal, e -> known.add(e.campaign()));
    for (Interview i : log.read()) {
      known.add(i.campaign());
    }
    if (known.contains(campaign)) {
      return;
    }
    String closest = closest(campaign, known);
    throw HeraldException.input(
        Tables.clean(
            "--campaign "
                + campaign
                + ": no such campaign in "
                + Display.path(journal)
                + " or "
                + Display.path(log.file())
                + (closest == null
                    ? known.isEmpty() ? " (no campaign has been sent yet)" : ""
                    : " (did you mean " + closest + "?)")
                + ". Give a campaign that was sent, or add --new-campaign if this one is new."));
  }

  /** The known campaign nearest in spelling, if one is near enough to be a typo. */
  private static String closest(String name, Collection<String> known) {
    return Similar.closest(name, known, Math.max(3, name.length() / 3) + 1).orElse(null);
  }

  static String required(String value, String option) {
    if (value == null || value.isBlank()) {
      throw HeraldException.input(option + " must not be empty");
    }
    return value.strip();
  }

  static Interview.Status status(String value) {
    return Interview.Status.parse(value)
        .orElseThrow(
            () ->
                HeraldException.input(
                    "--status '" + value + "' is not one of " + Interview.Status.choices()));
  }

  static String when(String value) {
    if (value == null || value.isBlank()) {
      return "";
    }
    if (!Interview.isIsoDateTime(value)) {
      throw HeraldException.input(
          "--when '"
              + value
              + "' is not an ISO-8601 date and time; write it as 2026-12-03T14:30+01:00 (or"
              + " 2026-12-03T14:30, or the date alone: 2026-12-03)");
    }
    return value.strip();
  }

  static String who(Interview i) {
    return who(i.name(), i.email());
  }

  static String who(String name, String email) {
    return name == null || name.isBlank() ? email : name + " <" + email + ">";
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
