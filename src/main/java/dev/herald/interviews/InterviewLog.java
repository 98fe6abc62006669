package dev.herald.interviews;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.csv.LogFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The interview log, {@code logs/interviews.csv}: one row per interview request, whether fetched
 * from the reply mailbox or logged by hand, and how it stands.
 *
 * <p>Unlike the send journal, rows change (a request is scheduled, then done), so every change
 * rewrites the whole file through a temporary file and an atomic move ({@link LogFile#replace}),
 * under a lock so that two runs do not lose each other's changes. The file is small: one row per
 * interview.
 */
public final class InterviewLog {
  /** The path in the working folder. */
  public static final String DEFAULT_PATH = "logs/interviews.csv";

  /** The columns, in order: the CSV header and the keys of the JSON listing. */
  public static final List<String> COLUMNS =
      List.of(
          "id",
          "logged_at",
          "campaign",
          "email",
          "name",
          "outlet",
          "topic",
          "status",
          "when",
          "source",
          "message_id",
          "note",
          "reply_from",
          "forwarded_by");

  /**
   * Columns of a log written before {@code reply_from} and {@code forwarded_by}; it still reads.
   */
  private static final int OLDEST_COLUMNS = 12;

  private static final String WHAT = "an interview log";

  private final Path file;

  public InterviewLog(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  public Path file() {
    return file;
  }

  /** Every row, in file order; none if the file does not exist yet. */
  public List<Interview> read() {
    List<Interview> rows = new ArrayList<>();
    LogFile.forEach(file, COLUMNS, OLDEST_COLUMNS, WHAT, row -> rows.add(parse(row)));
    return rows;
  }

  /**
   * A request to be logged; the log gives it its id and time. {@code replyFrom} and {@code
   * forwardedBy} are as in {@link Interview}.
   */
  public record Draft(
      String campaign,
      String email,
      String name,
      String outlet,
      String topic,
      Interview.Status status,
      String when,
      Interview.Source source,
      String messageId,
      String note,
      String replyFrom,
      String forwardedBy) {}

  /** Logs a new request and returns it with its id. */
  public Interview add(Draft draft, Instant now) {
    return change(
        rows -> {
          Interview added = create(draft, nextId(rows), now);
          rows.add(added);
          return added;
        });
  }

  /** What {@link #addRequests} did with one draft. */
  public record Added(Interview interview, boolean isNew) {}

  /**
   * Logs requests fetched from the mailbox, in one rewrite. A draft whose Message-ID is already in
   * the log (a run that stopped before it recorded the reply), or whose contact already has an open
   * request for the same campaign (a follow-up asking again), adds no row: its result is the row
   * that was there.
   */
  public List<Added> addRequests(List<Draft> drafts, Instant now) {
    if (drafts.isEmpty()) {
      return List.of();
    }
    return change(
        rows -> {
          List<Added> result = new ArrayList<>();
          for (Draft d : drafts) {
            Optional<Interview> existing =
                rows.stream()
                    .filter(
                        i ->
                            (!d.messageId().isEmpty() && i.messageId().equals(d.messageId()))
                                || (i.open()
                                    && i.campaign().equals(d.campaign())
                                    && i.email().equalsIgnoreCase(d.email())))
                    .findFirst();
            if (existing.isPresent()) {
              result.add(new Added(existing.get(), false));
            } else {
              Interview added = create(d, nextId(rows), now);
              rows.add(added);
              result.add(new Added(added, true));
            }
          }
          return result;
        });
  }

  /**
   * Changes a request's status, time or note (a null argument keeps the value) and returns it. A
   * note is added after the earlier one, dated, so that nothing written before is lost; an empty
   * note clears it.
   *
   * @throws HeraldException exit 2 if no row has the id
   */
  public Interview update(
      String id, Interview.Status status, String when, String note, Instant now) {
    return change(
        rows -> {
          for (int i = 0; i < rows.size(); i++) {
            Interview row = rows.get(i);
            if (row.id().equalsIgnoreCase(id.strip())) {
              Interview changed =
                  row.with(
                      status == null ? row.status() : status,
                      when == null ? row.when() : when,
                      note == null ? row.note() : appendNote(row.note(), note, now));
              rows.set(i, changed);
              return changed;
            }
          }
          throw HeraldException.input(
              "no interview "
                  + id
                  + " in "
                  + Display.path(file)
                  + (rows.isEmpty()
                      ? " (it is empty)"
                      : "; its ids run from "
                          + rows.get(0).id()
                          + " to "
                          + rows.get(rows.size() - 1).id())
                  + ". Run herald interviews list to see them.");
        });
  }

  /** The earlier note, then "; ", the UTC date and the new note; "" clears. */
  static String appendNote(String earlier, String note, Instant now) {
    if (note.isEmpty()) {
      return "";
    }
    String dated = LocalDate.ofInstant(now, ZoneOffset.UTC) + ": " + note;
    return earlier.isEmpty() ? dated : earlier + "; " + dated;
  }

  /** The rows as a CSV file: the header and the rows, every cell safe for a spreadsheet. */
  public static String csv(List<Interview> rows) {
    return LogFile.text(COLUMNS, rows.stream().map(InterviewLog::cells).toList());
  }

  /** A row's values, in column order, as written to the file. */
  public static List<String> cells(Interview i) {
    return List.of(
        i.id(),
        DateTimeFormatter.ISO_INSTANT.format(i.loggedAt()),
        i.campaign(),
        i.email(),
        i.name(),
        i.outlet(),
        i.topic(),
        i.status().csv(),
        i.when(),
        i.source().csv(),
        i.messageId(),
        i.note(),
        i.replyFrom(),
        i.forwardedBy());
  }

  private <T> T change(Function<List<Interview>, T> edit) {
    return LogFile.locked(
        file,
        () -> {
          List<Interview> rows = read();
          List<Interview> before = List.copyOf(rows);
          T result = edit.apply(rows);
          if (!rows.equals(before)) {
            LogFile.replace(file, csv(rows));
          }
          return result;
        });
  }

  private static Interview create(Draft d, String id, Instant now) {
    return new Interview(
        id,
        now,
        d.campaign(),
        d.email(),
        d.name(),
        d.outlet(),
        d.topic(),
        d.status(),
        d.when(),
        d.source(),
        d.messageId(),
        d.note(),
        d.replyFrom(),
        d.forwardedBy());
  }

  /**
   * "I" and one more than the highest number ever issued, at least four digits: I0001, I0002 … The
   * highest is the larger of the rows' and the one recorded in {@link #lastIdFile()}, so that rows
   * deleted by hand never make an id come round again; the record is written (atomically, under the
   * log's lock) before the row, so that a run stopped in between skips an id rather than reusing
   * one.
   */
  private String nextId(List<Interview> rows) {
    long max = Math.max(lastIssued(), highest(rows));
    String id = String.format(Locale.ROOT, "I%04d", max + 1);
    LogFile.replace(lastIdFile(), id + "\n");
    return id;
  }

  private static long highest(List<Interview> rows) {
    long max = 0;
    for (Interview row : rows) {
      max = Math.max(max, number(row.id()));
    }
    return max;
  }

  /** The number of an id such as I0042; 0 for an id written by hand, which does not count. */
  private static long number(String id) {
    String s = id.strip();
    if (s.length() > 1 && (s.charAt(0) == 'I' || s.charAt(0) == 'i')) {
      try {
        return Math.max(0, Long.parseLong(s.substring(1)));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  /**
   * Where the highest id ever issued is recorded: {@code interviews.last-id} beside the log (so in
   * {@code logs/}, which a CI job keeps).
   */
  public Path lastIdFile() {
    return file.resolveSibling(
        file.getFileName().toString().replaceFirst("\\.csv$", "") + ".last-id");
  }

  /** The highest id recorded as issued, or 0 if none is recorded yet. */
  private long lastIssued() {
    Path f = lastIdFile();
    String text;
    try {
      text = Files.readString(f, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException | UncheckedIOException e) {
      throw HeraldException.input(Display.path(f) + ": cannot read: " + e.getMessage(), e);
    }
    long n = number(text);
    if (n == 0 && !text.isEmpty()) {
      throw HeraldException.input(
          Display.path(f)
              + ":1: '"
              + text
              + "' is not an interview id such as I0042; it records the highest id herald has"
              + " issued, so that none is issued twice: write the highest id you know was used"
              + " there");
    }
    return n;
  }

  private Interview parse(LogFile.Row row) {
    List<String> v = row.values();
    String where = row.where();
    String id = v.get(0).strip();
    if (id.isEmpty()) {
      throw HeraldException.input(where + "the id is empty; give the row an id such as I0100");
    }
    Instant loggedAt = row.time(1, "logged_at");
    Interview.Status status =
        choice(where, "status", v.get(7), Interview.Status::parse, Interview.Status.choices());
    Interview.Source source =
        choice(where, "source", v.get(9), Interview.Source::parse, Interview.Source.choices());
    return new Interview(
        id, loggedAt, v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), status, v.get(8), source,
        v.get(10), v.get(11), v.get(12), v.get(13));
  }

  /** A column's value as {@code parse} reads it; an error naming the {@code choices} if none. */
  private static <T> T choice(
      String where,
      String column,
      String value,
      Function<String, Optional<T>> parse,
      String choices) {
    return parse
        .apply(value)
        .orElseThrow(
            () ->
                HeraldException.input(
                    where + column + " '" + value + "' is not one of " + choices));
  }
}
