package dev.herald.replies;

import dev.herald.HeraldException;
import dev.herald.csv.LogFile;
import dev.herald.util.Hashes;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The reply log, {@code logs/replies.csv}: every reply that {@code herald interviews fetch} matched
 * to a campaign and acted on, one row each, appended. It is what makes fetch idempotent: a reply
 * whose key is in the log is not read again.
 *
 * <p>The key is the reply's Message-ID. A reply without one (rare, but allowed by RFC 5322) is
 * keyed by a hash of its From, Date and Subject, written in the {@code message_id} column as {@code
 * no-id:…}.
 */
public final class ReplyLog {
  /** The path in the working folder. */
  public static final String DEFAULT_PATH = "logs/replies.csv";

  public static final List<String> COLUMNS =
      List.of("received", "campaign", "email", "kind", "message_id", "subject", "review", "from");

  /**
   * Columns of a reply log written before {@code review} and {@code from} were added; such a log
   * still reads.
   */
  private static final int OLDEST_COLUMNS = 6;

  private static final String WHAT = "a reply log";

  /**
   * One reply that fetch acted on: {@code email} is the recipient of the message it answers, {@code
   * from} the reply's sender ("" in a log written before it was recorded).
   */
  public record Entry(
      Instant received,
      String campaign,
      String email,
      ReplyKind kind,
      String messageId,
      String subject,
      String review,
      String from) {

    public Entry {
      received = Objects.requireNonNull(received, "received").truncatedTo(ChronoUnit.SECONDS);
      Objects.requireNonNull(campaign, "campaign");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(messageId, "messageId");
      subject = subject == null ? "" : subject.replaceAll("[\\r\\n]+", " ");
      review = review == null ? "" : review.replaceAll("[\\r\\n]+", " ");
      from = from == null ? "" : from.replaceAll("[\\r\\n]+", " ");
    }

    /** Whether fetch left this reply for a person to look at, instead of acting on it. */
    public boolean needsLook() {
      return !review.isEmpty();
    }
  }

  private final Path file;

  public ReplyLog(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  public Path file() {
    return file;
  }

  /** The key of a reply: its Message-ID, or a hash of From, Date and Subject when it has none. */
  public static String key(String messageId, String from, String date, String subject) {
    if (messageId != null && !messageId.isBlank()) {
      return messageId.strip();
    }
    return "no-id:"
        + Hashes.base32(
            nullToEmpty(from) + "\n" + nullToEmpty(date) + "\n" + nullToEmpty(subject), 20);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s.strip();
  }

  /** The keys of every reply logged. */
  public Set<String> keys() {
    Set<String> keys = new HashSet<>();
    forEach(e -> keys.add(e.messageId()));
    return keys;
  }

  /** Passes every entry to {@code action}, in file order; none if the file does not exist. */
  public void forEach(Consumer<Entry> action) {
    LogFile.forEach(file, COLUMNS, OLDEST_COLUMNS, WHAT, row -> action.accept(parse(row)));
  }

  /** The entry for a reply key (a Message-ID, or {@code no-id:…}), if fetch logged it. */
  public Optional<Entry> find(String key) {
    Entry[] hit = new Entry[1];
    forEach(
        e -> {
          if (hit[0] == null && e.messageId().equals(key.strip())) {
            hit[0] = e;
          }
        });
    return Optional.ofNullable(hit[0]);
  }

  /**
   * Appends entries and forces them to disk. A log written before the last columns were added is
   * first rewritten with them (empty for its rows), so that every row has every column.
   */
  public void append(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    List<String> header = LogFile.header(file);
    if (!header.isEmpty() && !header.equals(COLUMNS)) {
      List<List<String>> rows = new ArrayList<>();
      forEach(e -> rows.add(cells(e)));
      LogFile.replace(file, LogFile.text(COLUMNS, rows));
    }
    LogFile.append(file, COLUMNS, entries.stream().map(ReplyLog::cells).toList());
  }

  /** The value in the {@code kind} column, such as {@code interview_request}. */
  public static String kindName(ReplyKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static List<String> cells(Entry e) {
    return List.of(
        DateTimeFormatter.ISO_INSTANT.format(e.received()),
        e.campaign(),
        e.email(),
        kindName(e.kind()),
        e.messageId(),
        e.subject(),
        e.review(),
        e.from());
  }

  private Entry parse(LogFile.Row row) {
    List<String> v = row.values();
    Instant received = row.time(0, "received");
    ReplyKind kind = null; // until a kind's name matches the cell
    for (ReplyKind k : ReplyKind.values()) {
      if (kindName(k).equalsIgnoreCase(v.get(3).strip())) {
        kind = k;
      }
    }
    if (kind == null) {
      throw HeraldException.input(row.where() + "kind '" + v.get(3) + "' is not a kind of reply");
    }
    return new Entry(
        received, v.get(1), v.get(2), kind, v.get(4).strip(), v.get(5), v.get(6), v.get(7));
  }
}
