package dev.herald.delivery;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.campaign.Audience;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.contacts.Contact;
import dev.herald.journal.CampaignState;
import dev.herald.journal.Journal;
import dev.herald.journal.Outcome;
import dev.herald.journal.TemplateRecord;
import dev.herald.mailserver.Failure;
import dev.herald.mailserver.ServerConfig;
import dev.herald.message.MessageBuilder;
import dev.herald.message.MessageFiles;
import dev.herald.util.Progress;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The second pass of {@code send}: decides for every contact whether it is due (not yet sent, or in
 * flight when a run died, or failed with {@code --retry-failed}), renders the due ones on this
 * thread and hands them to the connections, which send and journal them in parallel. The queue
 * between them is small, so memory stays flat however long the list.
 */
public final class SendRun {

  /** What to do with one contact. */
  public enum Decision {
    SEND("send"),
    RESEND("send again (it was being sent when an earlier run stopped)"),
    ALREADY_SENT("already sent"),
    FAILED_BEFORE("failed before (use --retry-failed to try again)"),
    UNKNOWN_BEFORE(
        "outcome unknown before: sent whole, no reply came (use --retry-unknown to send again)"),
    BOUNCED("bounced before"),
    SUPPRESSED("suppressed (opt-out)"),
    DUPLICATE("repeated address"),
    SPACED("mailed by another campaign within the minimum gap"),
    NOT_ELIGIBLE("not eligible for the follow-up"),
    INVALID("invalid"),
    OVER_LIMIT("beyond --limit");

    private final String label;

    Decision(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** Whether this run sends to the contact. */
    public boolean due() {
      return this == SEND || this == RESEND;
    }
  }

  /**
   * How to run. {@code limit} 0 sends to every due contact; {@code ratePerMinute} 0 sends as fast
   * as the connections go.
   */
  public record Options(
      boolean retryFailed,
      int limit,
      int connections,
      int ratePerMinute,
      int attempts,
      Duration retryDelay,
      boolean retryUnknown) {

    /** Recipients whose outcome is unknown stay unsent. */
    public Options(
        boolean retryFailed,
        int limit,
        int connections,
        int ratePerMinute,
        int attempts,
        Duration retryDelay) {
      this(retryFailed, limit, connections, ratePerMinute, attempts, retryDelay, false);
    }
  }

  /** A contact a {@link SkipRule} skipped, as the summary lists it. */
  public record Noted(String recipient, Decision decision, String detail) {}

  /** Counts of decisions over the whole contact file. */
  public static final class Plan {
    /** The most skipped contacts a plan lists by name; the rest are counted. */
    static final int MAX_NOTED = 1000;

    private final int[] counts = new int[Decision.values().length];
    private final List<Noted> noted = new ArrayList<>();

    void add(Decision d) {
      counts[d.ordinal()]++;
    }

    void note(Noted n) {
      if (noted.size() < MAX_NOTED) {
        noted.add(n);
      }
    }

    /**
     * The contacts a {@link Rule} skipped, with what caused it: the first {@link #MAX_NOTED}; the
     * counts hold them all.
     */
    public List<Noted> noted() {
      return List.copyOf(noted);
    }

    public int count(Decision d) {
      return counts[d.ordinal()];
    }

    /** Messages this run will send. */
    public int due() {
      return count(Decision.SEND) + count(Decision.RESEND);
    }
  }

  /**
   * The result of a run. {@code unanswered} counts the messages still awaiting the server's reply
   * when a stopped run gave up waiting (at most one per connection): their attempts are journalled,
   * so a re-run sends them again. {@code fatal} is null when nothing stopped the run, {@code
   * outbox} null for a run over SMTP.
   */
  public record Summary(
      Plan plan,
      Tally tally,
      Failure fatal,
      int notAttempted,
      int unanswered,
      Duration elapsed,
      Path outbox) {}

  private final LoadedCampaign validation;
  private final CampaignState state;
  private final Options options;
  // Set by the first failure that stops the run, or by stop(); every stage checks it.
  private final AtomicReference<Failure> fatal = new AtomicReference<>();
  private volatile boolean stopRequested;
  private volatile long stopBy; // System.nanoTime() after which a stopped run waits no more

  private final TemplateRecord template;

  /** A run whose journal lines record no template. */
  public SendRun(LoadedCampaign validation, CampaignState state, Options options) {
    this(validation, state, options, TemplateRecord.NONE);
  }

  /** A run whose journal lines say that they were sent from {@code template}. */
  public SendRun(
      LoadedCampaign validation, CampaignState state, Options options, TemplateRecord template) {
    this.validation = validation;
    this.state = state;
    this.options = options;
    this.template = template;
  }

  private SentFolder sentFolder;
  private final List<SkipRule> rules = new ArrayList<>();

  /** Adds a rule that may skip contacts this run would otherwise send. Set before any pass. */
  public void addRule(SkipRule rule) {
    rules.add(rule);
  }

  /** What caused a rule's skip of {@code c}, for a listing; empty for other decisions. */
  public String detail(Contact c, Decision d) {
    SkipRule.Skip s = SkipRule.first(rules, c);
    return s != null && s.decision() == d ? s.detail() : "";
  }

  /** The template this run's journal lines name. */
  public TemplateRecord template() {
    return template;
  }

  /**
   * Keeps a copy of each message the SMTP server accepts in {@code folder} ({@code --save-sent});
   * null keeps none. Set before {@link #smtp}.
   */
  public void keepSentCopies(SentFolder folder) {
    this.sentFolder = folder;
  }

  /**
   * Stops the run from another thread (a signal): no new message is taken, and messages already
   * handed to the server get up to {@code grace} for their replies, which are journalled as usual.
   * The summary then reports the run as stopped, with {@code why} as the reason: exit 5.
   */
  public void stop(String why, Duration grace) {
    stopBy = System.nanoTime() + grace.toNanos();
    stopRequested = true;
    fatal.compareAndSet(null, new Failure(Failure.Kind.LOCAL, ExitCodes.STOPPED, why));
  }

  /** Whether a stop was asked for and its grace has run out. */
  boolean overdue() {
    return stopRequested && System.nanoTime() - stopBy > 0;
  }

  /**
   * Goes through the contacts deciding each one's fate; {@code each} sees every decision (for
   * {@code --dry-run}). No message is rendered.
   */
  public Plan plan(BiConsumer<Audience.Entry, Decision> each) {
    Plan plan = new Plan();
    validation
        .audience()
        .forEach(
            e -> {
              Decision d = decide(e, plan);
              if (d != null) {
                plan.add(d);
                each.accept(e, d);
              }
            });
    return plan;
  }

  private Decision decide(Audience.Entry e, Plan plan) {
    switch (e.kind()) {
      case FILTERED:
        return null;
      case INVALID:
        return Decision.INVALID;
      case SUPPRESSED:
        return Decision.SUPPRESSED;
      case DUPLICATE:
        return Decision.DUPLICATE;
      default:
        break;
    }
    if (validation.invalidLine(e.contact().line())) {
      return Decision.INVALID;
    }
    Decision d =
        switch (state.status(e.contact().email())) {
          case SENT -> Decision.ALREADY_SENT;
          case BOUNCED -> Decision.BOUNCED;
          case FAILED -> options.retryFailed() ? Decision.SEND : Decision.FAILED_BEFORE;
          case UNKNOWN -> options.retryUnknown() ? Decision.SEND : Decision.UNKNOWN_BEFORE;
          case IN_FLIGHT -> Decision.RESEND;
          case DEFERRED, NEW -> Decision.SEND;
        };
    if (d.due()) {
      SkipRule.Skip skip = SkipRule.first(rules, e.contact());
      if (skip != null) {
        plan.note(new Noted(e.contact().email(), skip.decision(), skip.detail()));
        return skip.decision();
      }
    }
    if (d.due() && options.limit() > 0 && plan.due() >= options.limit()) {
      return Decision.OVER_LIMIT;
    }
    return d;
  }

  /** Sends every due message over SMTP. */
  public Summary smtp(
      ServerConfig server,
      Journal journal,
      MessageBuilder builder,
      Progress progress,
      Clock clock) {
    return new SmtpSend(this, options, fatal).send(server, journal, builder, progress, clock);
  }

  /** The campaign the contacts get. */
  String campaign() {
    return validation.templates().campaign();
  }

  /** Where copies of accepted messages are kept; null: nowhere. */
  SentFolder sentFolder() {
    return sentFolder;
  }

  /**
   * Has every message built for sending pass {@code check} first ({@code send --approved}): what
   * goes out is then what was checked, whatever changes on disk meanwhile.
   */
  public void onlyApproved(BiConsumer<Contact, MessageBuilder.Built> check) {
    this.approved = check;
  }

  private volatile BiConsumer<Contact, MessageBuilder.Built> approved = (c, b) -> {};

  MessageBuilder.Built message(Contact c, MessageBuilder builder) {
    MessageBuilder.Built b = builder.build(validation.renderer().render(c));
    approved.accept(c, b);
    return b;
  }

  /** Writes every due message to {@code dir} as an .eml file; nothing is emailed. */
  public Summary outbox(
      Path dir, Journal journal, MessageBuilder builder, Progress progress, Clock clock) {
    Instant start = clock.instant();
    String campaign = validation.templates().campaign();
    Path folder = dir.resolve(campaign);
    try {
      Files.createDirectories(folder);
      try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, "*.eml")) {
        for (Path p : old) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw HeraldException.input(
          Display.path(folder) + ": cannot write the outbox: " + e.getMessage());
    }
    Tally tally = new Tally();
    AtomicReference<CompletableFuture<Void>> lastEntry =
        new AtomicReference<>(CompletableFuture.completedFuture(null));
    Plan plan =
        plan(
            (e, d) -> {
              if (!d.due() || fatal.get() != null) {
                return;
              }
              MessageBuilder.Built job = message(e.contact(), builder);
              String name = MessageFiles.baseName(tally.done() + 1, e.contact().email()) + ".eml";
              Path file = folder.resolve(name);
              try (OutputStream out =
                  new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                job.writeTo(out);
              } catch (IOException ex) {
                throw HeraldException.input(
                    Display.path(file) + ": cannot write: " + ex.getMessage());
              }
              // Not appendDurably: a disk sync per file would make the outbox slow, and an outbox
              // line decides nothing (no message was emailed). A failed write still stops the run
              // (the journal then refuses every later line, and the futures say so).
              CompletableFuture<Void> written =
                  journal.append(
                      Job.entry(
                          clock.instant(),
                          campaign,
                          e.contact(),
                          Outcome.OUTBOX,
                          Display.path(file),
                          job,
                          template));
              written.whenComplete(
                  (ok, failed) -> {
                    if (failed != null) {
                      fatal.compareAndSet(null, Failure.local(journal.unwritable(failed)));
                    }
                  });
              lastEntry.set(written);
              tally.sent();
              progress.step("written " + e.contact().email() + ": " + Display.path(file));
            });
    try {
      lastEntry.get().join(); // after a failure every later line fails too: the last one tells
    } catch (CompletionException ex) {
      fatal.compareAndSet(null, Failure.local(journal.unwritable(ex.getCause())));
    }
    Failure f = fatal.get();
    return new Summary(
        plan,
        tally,
        f,
        plan.due() - tally.done(),
        0,
        Duration.between(start, clock.instant()),
        folder);
  }
}
