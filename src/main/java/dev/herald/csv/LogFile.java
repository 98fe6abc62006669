package dev.herald.csv;

import dev.herald.Display;
import dev.herald.HeraldException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV files under {@code logs/} that herald keeps besides the send journal: a header row,
 * UTF-8, RFC 4180 quoting, and every cell safe to open in a spreadsheet.
 *
 * <p>A cell that a spreadsheet would run as a formula gets a leading apostrophe ({@link
 * Cells#neutralise}); so does a cell that already starts with one, so that reading can always
 * remove exactly one and every value reads back as written, also after a person has opened and
 * saved the file.
 */
public final class LogFile {
  private LogFile() {}

  /**
   * One record of {@code file}, with the line it starts on, its values with the apostrophe guard
   * removed.
   */
  public record Row(Path file, long line, List<String> values) {
    /** Where the record is, for messages: {@code logs/replies.csv:12: }. */
    public String where() {
      return Display.path(file) + ":" + line + ": ";
    }

    /**
     * The UTC time in the value at {@code index}, which is in the column {@code column}.
     *
     * @throws HeraldException exit 2 naming the line and column if it is not one
     */
    public Instant time(int index, String column) {
      try {
        return Instant.parse(values.get(index).strip());
      } catch (DateTimeParseException e) {
        throw HeraldException.input(
            where()
                + column
                + " '"
                + values.get(index)
                + "' is not a UTC time such as 2026-11-27T10:00:00Z");
      }
    }
  }

  /** Passes each record of {@code file} to {@code action}; a missing file has none. */
  public static void forEach(Path file, List<String> columns, String what, Consumer<Row> action) {
    forEach(file, columns, columns.size(), what, action);
  }

  /**
   * As {@link #forEach(Path, List, String, Consumer)}, also reading a file written before the last
   * columns were added (its header names the first {@code oldest} of them): its records get "" for
   * the missing values.
   */
  public static void forEach(
      Path file, List<String> columns, int oldest, String what, Consumer<Row> action) {
    Reader reader;
    try {
      reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw HeraldException.input(Display.path(file) + ": cannot read: " + e.getMessage(), e);
    }
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
    long line = 1; // where the record being read starts
    try (BufferedReader in = new BufferedReader(reader);
        CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
      boolean first = true;
      List<String> header = columns;
      for (CSVRecord record : parser) {
        List<String> values = new ArrayList<>(record.size());
        record.forEach(values::add);
        if (first) {
          first = false;
          header = checkHeader(file, columns, oldest, what, values);
        } else if (values.size() != header.size()) {
          throw HeraldException.input(
              Display.path(file)
                  + ":"
                  + line
                  + ": expected "
                  + header.size()
                  + " values ("
                  + String.join(",", header)
                  + "), found "
                  + values.size()
                  + "; the file was edited by hand: repair or remove that line");
        } else {
          while (values.size() < columns.size()) {
            values.add("");
          }
          action.accept(new Row(file, line, values.stream().map(Cells::unguard).toList()));
        }
        line = parser.getCurrentLineNumber() + 1;
      }
    } catch (UncheckedIOException | IllegalStateException e) {
      // Commons CSV's own message names its exception class, nothing a press officer can act on:
      // it stops reading where a quoted value is never closed (a file cut short, or edited by hand)
      throw HeraldException.input(
          Display.path(file)
              + ":"
              + line
              + ": a quoted value starts here and is never closed (or the file is not CSV); the"
              + " file was cut short or edited by hand: close the quote or remove the line",
          e);
    } catch (IOException e) {
      throw HeraldException.input(Display.path(file) + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The columns the file's header names: all of them, or the first {@code oldest} or more. */
  private static List<String> checkHeader(
      Path file, List<String> columns, int oldest, String what, List<String> values) {
    List<String> names =
        values.stream().map(v -> v.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT)).toList();
    if (names.size() >= oldest
        && names.size() <= columns.size()
        && names.equals(columns.subList(0, names.size()))) {
      return names;
    }
    throw HeraldException.input(
        Display.path(file)
            + ":1: not "
            + what
            + ": its first line should be "
            + String.join(",", columns)
            + "; move the file away or repair its header");
  }

  /**
   * The header of {@code file} (lower case), or an empty list if it is missing or empty: to tell a
   * file written before a column was added, which {@link #append} must not extend.
   */
  public static List<String> header(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null || first.isBlank()) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (String name : first.split(",", -1)) {
        names.add(name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT));
      }
      return names;
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw HeraldException.input(Display.path(file) + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** One record as a line of the file, ending in LF. */
  static String line(List<String> values) {
    return Cells.line(values);
  }

  /** The whole file: header and records. */
  public static String text(List<String> columns, List<List<String>> rows) {
    StringBuilder s = new StringBuilder(String.join(",", columns)).append('\n');
    for (List<String> row : rows) {
      s.append(line(row));
    }
    return s.toString();
  }

  /**
   * Replaces {@code file} with {@code text} in one step ({@link AtomicReplace}), keeping the old
   * file's group and permissions, so that a reader or a crash sees either the old file or the new
   * one, never a mix.
   */
  public static void replace(Path file, String text) {
    try {
      AtomicReplace.replace(file, text);
    } catch (IOException e) {
      throw HeraldException.input(
          Display.path(file)
              + ": cannot write: "
              + e.getMessage()
              + "; check that the folder is writable. The file is unchanged.",
          e);
    }
  }

  /** Appends records, writing the header first if the file is new or empty, and forces them. */
  public static void append(Path file, List<String> columns, List<List<String>> rows) {
    if (rows.isEmpty()) {
      return;
    }
    StringBuilder s = new StringBuilder();
    for (List<String> row : rows) {
      s.append(line(row));
    }
    try {
      DurableAppend.append(file, columns, s.toString());
    } catch (IOException e) {
      throw HeraldException.input(
          Display.path(file) + ": cannot write: " + e.getMessage() + "; check the folder", e);
    }
  }

  /**
   * Runs {@code work} holding the lock beside {@code file} ({@code file.lock}), so that two herald
   * processes changing the file one after the other do not lose each other's changes. Waits for a
   * process that holds it.
   */
  public static <T> T locked(Path file, Supplier<T> work) {
    try {
      return LockFile.whileHolding(file, work);
    } catch (IOException e) {
      throw HeraldException.input(
          Display.path(LockFile.beside(file))
              + ": cannot lock: "
              + e.getMessage()
              + "; check the folder",
          e);
    }
  }
}
