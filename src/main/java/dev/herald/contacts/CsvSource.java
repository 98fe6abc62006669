package dev.herald.contacts;

import dev.herald.ContactFormat;
import dev.herald.InputLimits;
import dev.herald.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * The records of a CSV file, in the encoding {@link TextEncoding} decided and with the separator
 * its header line uses ({@link Delimiter}), bounded by {@link BoundedCsvReader}.
 */
final class CsvSource implements RowSource {
  private static final Pattern START_LINE = Pattern.compile("startline (\\d+)|line: (\\d+)");

  /** The header line is looked for within this many characters; a longer one decides on those. */
  private static final int SNIFF_CHARS = 1 << 16;

  private final Path file;
  private final InputLimits limits;
  private final Charset charset;
  private final Delimiter delimiter;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private java.util.List<String> headerCells; // null until the header is read

  CsvSource(Path file, InputStream in, TextEncoding.Choice choice, InputLimits limits)
      throws IOException {
    this.file = file;
    this.limits = limits;
    this.charset = choice.charset();
    in.skipNBytes(choice.skip());
    // Undecodable bytes become U+FFFD and are reported per row with line and column, so that
    // every bad row is named in one run rather than stopping at the first.
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    BufferedReader text = new BufferedReader(new InputStreamReader(in, decoder), SNIFF_CHARS);
    text.mark(SNIFF_CHARS);
    char[] head = new char[SNIFF_CHARS];
    int n = text.read(head, 0, SNIFF_CHARS);
    text.reset();
    this.delimiter = Delimiter.of(Delimiter.firstLine(new String(head, 0, Math.max(n, 0))));
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(delimiter.c)
            .setIgnoreEmptyLines(false)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
            .get();
    this.parser =
        CSVParser.builder()
            .setReader(
                new BoundedCsvReader(
                    text, limits.maxFieldChars(), limits.maxColumns(), delimiter.c))
            .setFormat(format)
            .get();
    this.records = parser.iterator();
  }

  @Override
  public String describe() {
    return delimiter.separated() + ", " + encoding();
  }

  @Override
  public String encoding() {
    return charset.equals(StandardCharsets.UTF_8) ? "UTF-8" : ContactFormat.label(charset);
  }

  @Override
  public String separator() {
    return delimiter.word;
  }

  @Override
  public Problem problem(long line, int column, String message) {
    return new Problem(file, line, column, message);
  }

  @Override
  public Raw next() throws Stop {
    boolean header = headerCells == null;
    while (true) {
      long line = parser.getCurrentLineNumber() + 1;
      CSVRecord record;
      try {
        if (!records.hasNext()) {
          return null;
        }
        record = records.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        close();
        throw new Stop(stopped(e, line, header));
      }
      if (record.size() == 1 && record.get(0).isEmpty()) {
        continue; // a blank line
      }
      if (header) {
        headerCells = record.toList();
      }
      return new Raw(record.toList(), line);
    }
  }

  /** Why the parser stopped at {@code line}, in words a person who edits the file can act on. */
  private Problem stopped(RuntimeException e, long line, boolean header) {
    BoundedCsvReader.TooLong t = tooLong(e);
    if (t != null && t.tooManyFields) {
      return header
          ? Problem.at(
              file,
              1,
              String.format(
                  Locale.ROOT,
                  "the header has more than %,d columns; the limit is %,d (limits.columns in"
                      + " herald.properties)",
                  limits.maxColumns(),
                  limits.maxColumns()))
          : Problem.at(
              file,
              t.line,
              String.format(
                  Locale.ROOT,
                  "has more than %,d fields, the header has %d (limits.columns in"
                      + " herald.properties); the file was not read further",
                  limits.maxColumns(),
                  headerCells.size()));
    }
    if (t != null) {
      String column =
          header || t.column > headerCells.size() ? null : headerCells.get(t.column - 1).strip();
      return new Problem(file, t.line, t.column, ContactFile.tooLongField(column, limits));
    }
    // The CSV lexer cannot resync after an unbalanced quote: report it and stop reading.
    Matcher m = START_LINE.matcher(String.valueOf(e.getMessage()));
    long at = line;
    if (m.find()) {
      at = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return Problem.at(file, at, (header ? "cannot read the header row: " : "") + reason(e));
  }

  /**
   * The reader's verdict that a field or row outgrew the limits, if that stopped the parser; null
   * if something else did (an unbalanced quote, say).
   */
  private static BoundedCsvReader.TooLong tooLong(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BoundedCsvReader.TooLong l) {
        return l;
      }
    }
    return null;
  }

  /** The parser's complaint in words a person who edits the file can act on. */
  private static String reason(RuntimeException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("EOF reached before encapsulated token finished")) {
      return "a quoted field is never closed (unbalanced \"); everything after it was read as"
          + " one value, so the file was not read further";
    }
    // Commons CSV 1.14 says "Invalid character between…"; older versions "invalid char between…".
    if (m.contains("between encapsulated token and delimiter")) {
      return "text after a closing quote (write a quote inside a quoted field as \"\"); the file"
          + " was not read further";
    }
    return m.replaceAll("^[A-Za-z.]*Exception: ", "");
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException ignored) {
      // nothing more is read from this file either way
    }
  }
}
