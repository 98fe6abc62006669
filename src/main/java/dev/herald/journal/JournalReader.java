package dev.herald.journal;

import dev.herald.HeraldException;
import dev.herald.csv.Cells;
import dev.herald.csv.RecordReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads the send journal from start to end, one entry at a time and in constant memory.
 *
 * <p>A missing journal has no entries. A last line cut short by a crash (see {@link #cutShort}) is
 * skipped silently: nothing on it was ever acknowledged. So is a line followed by the marker that
 * {@link Journal#open} writes beneath such a line. A complete last line counts, with or without its
 * final line break. Any other line that is not a valid entry stops the read with an input error
 * naming the file and line.
 */
public final class JournalReader {
  private static final String ADVICE =
      "the journal was damaged or edited by hand: repair or remove that line"
          + " (removing a line that records a sent message makes the next run mail that"
          + " recipient again)";

  private JournalReader() {}

  /** Passes every entry of the journal {@code file} to {@code action}, in file order. */
  public static void forEach(Path file, Consumer<JournalEntry> action) {
    scan(file, action);
  }

  /**
   * What {@link #scan} found: the text that must be appended before new lines can follow safely,
   * and whether the header is that of an older journal ({@link JournalCsv#OLD_COLUMNS} or {@link
   * JournalCsv#TEMPLATE_COLUMNS}), which {@link Journal#open} brings up to date.
   */
  record Scan(String repair, boolean oldHeader) {}

  /**
   * Reads the journal like {@link #forEach} and returns the text that must be appended before new
   * lines can follow safely: the header for an empty file, the rest of a torn header, or the end of
   * a torn last line and the marker beneath it. Empty if the file is ready, or missing.
   */
  static Scan scan(Path file, Consumer<JournalEntry> action) {
    try (RecordReader reader = new RecordReader(Files.newInputStream(file))) {
      return scan(file, reader, action);
    } catch (NoSuchFileException e) {
      return new Scan(JournalCsv.HEADER + "\n", false);
    } catch (IOException e) {
      throw HeraldException.input(
          "cannot read journal "
              + file
              + ": "
              + Journal.reason(e)
              + "; check that it is a readable file, or choose another journal file",
          e);
    }
  }

  private static Scan scan(Path file, RecordReader reader, Consumer<JournalEntry> action)
      throws IOException {
    RecordReader.Record header = reader.next();
    if (header == null) {
      return new Scan(JournalCsv.HEADER + "\n", false);
    }
    int headerWidth = headerWidth(header);
    boolean oldHeader = headerWidth > 0 && headerWidth < JournalCsv.COLUMNS.size();
    if (headerWidth == 0) {
      String start = String.join(",", header.values());
      if (header.problem() == null
          && !header.quoted()
          && !header.terminated()
          && JournalCsv.HEADER.startsWith(start)) {
        // A crash while the header of a new journal was written: there is nothing else in it.
        return new Scan(JournalCsv.HEADER.substring(start.length()) + "\n", false);
      }
      throw HeraldException.input(
          file
              + ":1: not a herald send journal: its first line should be "
              + JournalCsv.HEADER
              + "; move the file away or choose another journal file");
    }
    if (!header.terminated()) {
      return new Scan("\n", oldHeader);
    }

    RecordReader.Record last = header;
    Candidate pending = null;
    for (RecordReader.Record record = reader.next(); record != null; record = reader.next()) {
      last = record;
      if (isBlank(record)) {
        continue;
      }
      if (isTornMarker(record)) {
        pending = null; // the line above the marker was cut short by a crash
        continue;
      }
      if (pending != null) {
        pending.deliver(file, action);
      }
      pending = Candidate.of(record);
    }

    boolean skippedLast = false;
    if (pending != null) {
      RecordReader.Record record = pending.record;
      if (record.openQuoteSpansLines()) {
        // A write cut short by a crash never holds a line break (herald writes none in practice);
        // a quote left open across lines means a damaged file, and skipping would hide every line
        // after it.
        throw HeraldException.input(
            file
                + ":"
                + record.line()
                + ": a quoted value starts on this line and is never closed; the journal was"
                + " damaged or edited by hand: close the quote or remove the line");
      }
      // Only a line that a crash could have cut short is skipped. A complete line counts even
      // without its line break (an editor or a spreadsheet saved the file without one), and a
      // complete line that is not a valid entry was edited by hand: skipping it could re-send.
      if (cutShort(record, headerWidth) && !handEdited(pending)) {
        skippedLast = true;
      } else {
        pending.deliver(file, action);
      }
    }

    StringBuilder repair = new StringBuilder();
    if (last.openQuote()) {
      repair.append('"');
    }
    if (!last.terminated()) {
      repair.append('\n');
    }
    if (skippedLast) {
      repair.append(JournalCsv.TORN_MARKER).append('\n');
    }
    return new Scan(repair.toString(), oldHeader);
  }

  /**
   * Whether the last line may be the start of a line that a crash cut short: herald writes a line
   * in one go, so a cut leaves fewer values than a line has, a quote or a character left open, or a
   * last value cut short. A line with the line break it ends in may still be such a line: a crash
   * while {@link Journal#open} repaired the file can leave the break written and the marker not.
   *
   * <p>A line has one of three widths: six values (before the template columns), eight (before the
   * subject and provenance columns) or eleven. Lines of an older width in a journal with a newer
   * header were all ended by {@link Journal#open} when it brought the header up to date, so an
   * unended one there was cut short. A line of six values under the six-value header ends in a
   * message-id, which RFC 5322 section 3.6.4 encloses in angle brackets, so a complete one ends in
   * {@code >}. Lines of eight or eleven values are judged by the template hash, their eighth value,
   * which is either {@link TemplateRecord#HASH_LENGTH} digits long or, with no template, empty.
   * What follows it in an eleven-value line (subject, source, legal basis) says nothing that
   * decides a send: a line cut inside those is kept, as the outcome it records is whole.
   */
  private static boolean cutShort(RecordReader.Record record, int headerWidth) {
    if (record.problem() != null || record.openQuote()) {
      return true;
    }
    List<String> values = record.values();
    int old = JournalCsv.OLD_COLUMNS.size();
    int withTemplate = JournalCsv.TEMPLATE_COLUMNS.size();
    int columns = JournalCsv.COLUMNS.size();
    int n = values.size();
    if (n < old) {
      return true;
    }
    if (n == old) {
      return !record.terminated() && (headerWidth != old || !values.get(old - 1).endsWith(">"));
    }
    if (n < withTemplate || n > withTemplate && n < columns) {
      return true;
    }
    if (n > columns || record.terminated()) {
      return false;
    }
    if (n == withTemplate && headerWidth > withTemplate) {
      return true;
    }
    String template = values.get(withTemplate - 2);
    String hash = values.get(withTemplate - 1);
    return hash.isEmpty() ? !template.isEmpty() : hash.length() != TemplateRecord.HASH_LENGTH;
  }

  /**
   * Whether a last line that may have been cut short holds every value up to a line's end (six,
   * eight or eleven) and still is not an entry: a cut leaves complete values complete, so such a
   * line was edited by hand, and skipping it could hide a recipient already sent.
   */
  private static boolean handEdited(Candidate pending) {
    RecordReader.Record record = pending.record;
    int values = record.values().size();
    return pending.entry == null
        && record.problem() == null
        && !record.openQuote()
        && isWidth(values);
  }

  private static boolean isWidth(int values) {
    return values == JournalCsv.OLD_COLUMNS.size()
        || values == JournalCsv.TEMPLATE_COLUMNS.size()
        || values == JournalCsv.COLUMNS.size();
  }

  /** The number of columns the header names (6, 8 or 11), or 0 if it is not a journal header. */
  private static int headerWidth(RecordReader.Record record) {
    if (record.problem() != null || record.quoted()) {
      return 0;
    }
    List<String> values = record.values();
    for (List<String> columns :
        List.of(JournalCsv.COLUMNS, JournalCsv.TEMPLATE_COLUMNS, JournalCsv.OLD_COLUMNS)) {
      if (values.equals(columns)) {
        return columns.size();
      }
    }
    return 0;
  }

  private static boolean isBlank(RecordReader.Record record) {
    return record.problem() == null
        && !record.quoted()
        && record.values().size() == 1
        && record.values().get(0).isEmpty();
  }

  // A prefix of the marker counts too: a crash can cut the marker short as well.
  private static boolean isTornMarker(RecordReader.Record record) {
    if (record.problem() != null || record.quoted() || record.values().size() != 1) {
      return false;
    }
    String text = record.values().get(0);
    return text.startsWith("#") && JournalCsv.TORN_MARKER.startsWith(text);
  }

  /** A record read but not yet passed on: whether it may be skipped depends on what follows. */
  private static final class Candidate {
    final RecordReader.Record record;
    final JournalEntry entry;
    final String problem;

    private Candidate(RecordReader.Record record, JournalEntry entry, String problem) {
      this.record = record;
      this.entry = entry;
      this.problem = problem;
    }

    static Candidate of(RecordReader.Record record) {
      if (record.problem() != null) {
        return new Candidate(record, null, record.problem());
      }
      List<String> values = record.values();
      // Lines of an older width were written before the newer columns existed.
      if (!isWidth(values.size())) {
        return new Candidate(
            record,
            null,
            "expected "
                + JournalCsv.COLUMNS.size()
                + " values ("
                + JournalCsv.HEADER
                + "), or "
                + JournalCsv.TEMPLATE_COLUMNS.size()
                + " or "
                + JournalCsv.OLD_COLUMNS.size()
                + " in a line written before those columns, found "
                + values.size());
      }
      String[] cells = values.stream().map(Cells::unguard).toArray(String[]::new);
      Instant time;
      try {
        time = JournalCsv.parseTime(cells[0]);
      } catch (DateTimeParseException e) {
        return new Candidate(
            record,
            null,
            "the time \""
                + shorten(cells[0])
                + "\" is not a UTC time such as 2026-11-27T09:51:23.123Z");
      }
      Outcome outcome = Outcome.parse(cells[3]).orElse(null);
      if (outcome == null) {
        return new Candidate(
            record,
            null,
            "unknown outcome \""
                + shorten(cells[3])
                + "\", expected one of "
                + Arrays.stream(Outcome.values())
                    .map(Outcome::csv)
                    .collect(Collectors.joining(", ")));
      }
      boolean withTemplate = cells.length >= JournalCsv.TEMPLATE_COLUMNS.size();
      boolean withSubject = cells.length == JournalCsv.COLUMNS.size();
      return new Candidate(
          record,
          new JournalEntry(
              time,
              cells[1],
              cells[2],
              outcome,
              cells[4],
              cells[5],
              withTemplate ? cells[6] : "",
              withTemplate ? cells[7] : "",
              withSubject ? cells[8] : "",
              withSubject ? cells[9] : "",
              withSubject ? cells[10] : ""),
          null);
    }

    void deliver(Path file, Consumer<JournalEntry> action) {
      if (entry == null) {
        throw HeraldException.input(file + ":" + record.line() + ": " + problem + "; " + ADVICE);
      }
      action.accept(entry);
    }

    private static String shorten(String text) {
      return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
  }
}
