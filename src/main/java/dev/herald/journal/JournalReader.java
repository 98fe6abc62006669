package dev.herald.journal;

import dev.herald.HeraldException;
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
   * Reads the journal like {@link #forEach} and returns the text that must be appended before new
   * lines can follow safely: the header for an empty file, the rest of a torn header, or the end of
   * a torn last line and the marker beneath it. Empty if the file is ready, or missing.
   */
  static String scan(Path file, Consumer<JournalEntry> action) {
    try (CsvRecordReader reader = new CsvRecordReader(Files.newInputStream(file))) {
      return scan(file, reader, action);
    } catch (NoSuchFileException e) {
      return JournalCsv.HEADER + "\n";
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

  private static String scan(Path file, CsvRecordReader reader, Consumer<JournalEntry> action)
      throws IOException {
    CsvRecordReader.Record header = reader.next();
    if (header == null) {
      return JournalCsv.HEADER + "\n";
    }
    if (!isHeader(header)) {
      String start = String.join(",", header.values);
      if (header.problem == null
          && !header.quoted
          && !header.terminated
          && JournalCsv.HEADER.startsWith(start)) {
        // A crash while the header of a new journal was written: there is nothing else in it.
        return JournalCsv.HEADER.substring(start.length()) + "\n";
      }
      throw HeraldException.input(
          file
              + ":1: not a herald send journal: its first line should be "
              + JournalCsv.HEADER
              + "; move the file away or choose another journal file");
    }
    if (!header.terminated) {
      return "\n";
    }

    CsvRecordReader.Record last = header;
    Candidate pending = null;
    for (CsvRecordReader.Record record = reader.next(); record != null; record = reader.next()) {
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
      CsvRecordReader.Record record = pending.record;
      if (record.openQuoteSpansLines) {
        // A write cut short by a crash never holds a line break (herald writes none in practice);
        // a quote left open across lines means a damaged file, and skipping would hide every line
        // after it.
        throw HeraldException.input(
            file
                + ":"
                + record.line
                + ": a quoted value starts on this line and is never closed; the journal was"
                + " damaged or edited by hand: close the quote or remove the line");
      }
      // Only a line that a crash could have cut short is skipped. A complete line counts even
      // without its line break (an editor or a spreadsheet saved the file without one), and a
      // complete line that is not a valid entry was edited by hand: skipping it could re-send.
      if (cutShort(record)) {
        skippedLast = true;
      } else {
        pending.deliver(file, action);
      }
    }

    StringBuilder repair = new StringBuilder();
    if (last.openQuote) {
      repair.append('"');
    }
    if (!last.terminated) {
      repair.append('\n');
    }
    if (skippedLast) {
      repair.append(JournalCsv.TORN_MARKER).append('\n');
    }
    return repair.toString();
  }

  /**
   * Whether the last line may be the start of a line that a crash cut short: herald writes a line
   * in one go, so a cut leaves fewer values than a line has, a quote or a character left open, or a
   * message-id without its closing {@code >} (the last value; RFC 5322 section 3.6.4 encloses it in
   * angle brackets). A line with the line break it ends in may still be such a line: a crash while
   * {@link Journal#open} repaired the file can leave the break written and the marker not.
   */
  private static boolean cutShort(CsvRecordReader.Record record) {
    if (record.problem != null || record.openQuote) {
      return true;
    }
    List<String> values = record.values;
    int columns = JournalCsv.COLUMNS.size();
    if (values.size() != columns) {
      return values.size() < columns;
    }
    String messageId = values.get(columns - 1);
    return !record.terminated && !messageId.endsWith(">");
  }

  private static boolean isHeader(CsvRecordReader.Record record) {
    return record.problem == null && !record.quoted && record.values.equals(JournalCsv.COLUMNS);
  }

  private static boolean isBlank(CsvRecordReader.Record record) {
    return record.problem == null
        && !record.quoted
        && record.values.size() == 1
        && record.values.get(0).isEmpty();
  }

  // A prefix of the marker counts too: a crash can cut the marker short as well.
  private static boolean isTornMarker(CsvRecordReader.Record record) {
    if (record.problem != null || record.quoted || record.values.size() != 1) {
      return false;
    }
    String text = record.values.get(0);
    return text.startsWith("#") && JournalCsv.TORN_MARKER.startsWith(text);
  }

  /** A record read but not yet passed on: whether it may be skipped depends on what follows. */
  private static final class Candidate {
    final CsvRecordReader.Record record;
    final JournalEntry entry;
    final String problem;

    private Candidate(CsvRecordReader.Record record, JournalEntry entry, String problem) {
      this.record = record;
      this.entry = entry;
      this.problem = problem;
    }

    static Candidate of(CsvRecordReader.Record record) {
      if (record.problem != null) {
        return new Candidate(record, null, record.problem);
      }
      List<String> values = record.values;
      if (values.size() != JournalCsv.COLUMNS.size()) {
        return new Candidate(
            record,
            null,
            "expected "
                + JournalCsv.COLUMNS.size()
                + " values ("
                + JournalCsv.HEADER
                + "), found "
                + values.size());
      }
      String[] cells = values.stream().map(JournalCsv::unguard).toArray(String[]::new);
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
      return new Candidate(
          record, new JournalEntry(time, cells[1], cells[2], outcome, cells[4], cells[5]), null);
    }

    void deliver(Path file, Consumer<JournalEntry> action) {
      if (entry == null) {
        throw HeraldException.input(file + ":" + record.line + ": " + problem + "; " + ADVICE);
      }
      action.accept(entry);
    }

    private static String shorten(String text) {
      return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
  }
}
