package dev.herald.contacts;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.Problem;
import dev.herald.identity.EmailAddress;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A contact file read as a stream of rows, each either a {@link Contact} or a {@link Problem} that
 * names its line (and column where it applies). Memory use does not grow with the file: a million
 * contacts are read one at a time. Problems with the file as a whole (missing, not UTF-8 text, no
 * header, no {@code email} column) are thrown as exit-2 errors from {@link #open}.
 */
public final class ContactFile implements AutoCloseable, Iterable<ContactFile.Row> {

  /** One row: exactly one of {@code contact} and {@code problem} is non-null. */
  public record Row(Contact contact, Problem problem) {
    public boolean ok() {
      return contact != null;
    }
  }

  private static final Pattern START_LINE = Pattern.compile("startline (\\d+)|line: (\\d+)");

  private final Path file;
  private final InputLimits limits;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> header;
  private final Map<String, Integer> index;
  private boolean stoppedEarly;
  private Function<String, Optional<String>> addressCheck = EmailAddress::problem;

  private ContactFile(Path file, InputLimits limits, CSVParser parser) {
    this.file = file;
    this.limits = limits;
    this.parser = parser;
    this.records = parser.iterator();
    this.header = ContactHeader.read(file, limits, records);
    this.index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      index.put(header.get(i), i);
    }
  }

  /** Opens the file and reads its header row. */
  public static ContactFile open(Path file, InputLimits limits) {
    InputStream in;
    try {
      if (Files.isDirectory(file)) {
        throw HeraldException.input(Display.path(file) + ": is a folder, not a CSV file");
      }
      in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    } catch (NoSuchFileException e) {
      throw HeraldException.input(Display.path(file) + ": no such file");
    } catch (IOException e) {
      throw HeraldException.input(Display.path(file) + ": cannot read: " + e.getMessage(), e);
    }
    try {
      in.mark(4);
      byte[] head = in.readNBytes(4);
      in.reset();
      if (head.length >= 2
              && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
                  || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))
          || utf16WithoutMark(head)) {
        in.close();
        throw HeraldException.input(
            Display.path(file)
                + ": is UTF-16 text; save it as \"CSV UTF-8\" (in a spreadsheet) and try again");
      }
      if (head.length >= 3
          && head[0] == (byte) 0xEF
          && head[1] == (byte) 0xBB
          && head[2] == (byte) 0xBF) {
        in.skipNBytes(3);
      }
      // Undecodable bytes become U+FFFD and are reported per row with line and column, so that
      // every bad row is named in one run rather than stopping at the first.
      CharsetDecoder decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE);
      CSVFormat format =
          CSVFormat.RFC4180
              .builder()
              .setIgnoreEmptyLines(false)
              .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
              .get();
      Reader reader =
          new BoundedCsvReader(
              new InputStreamReader(in, decoder), limits.maxFieldChars(), limits.maxColumns());
      CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get();
      return new ContactFile(file, limits, parser);
    } catch (IOException | UncheckedIOException e) {
      closeQuietly(in);
      throw HeraldException.input(Display.path(file) + ": cannot read: " + e.getMessage(), e);
    } catch (HeraldException e) {
      closeQuietly(in);
      throw e;
    }
  }

  /**
   * Whether the file starts like UTF-16 text without a byte-order mark: every other byte zero, as
   * ASCII column names are in UTF-16, and never in UTF-8 text.
   */
  private static boolean utf16WithoutMark(byte[] head) {
    return head.length == 4
        && (head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0
            || head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the error being reported matters more than a failed close
    }
  }

  public Path file() {
    return file;
  }

  /**
   * Checks each row's address with {@code check} instead of {@link EmailAddress#problem}: for the
   * opt-out list, which matches some addresses that a contact list may not hold.
   */
  ContactFile checkingAddressesWith(Function<String, Optional<String>> check) {
    this.addressCheck = check;
    return this;
  }

  /** The column names, with the understood ones lower-cased. */
  public List<String> header() {
    return header;
  }

  @Override
  public Iterator<Row> iterator() {
    return new Iterator<>() {
      private Row next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done) {
          next = advance();
          done = next == null;
        }
        return next != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row r = next;
        next = null;
        return r;
      }
    };
  }

  /** The next row, or null at the end of the file (or once reading stopped early). */
  private Row advance() {
    while (true) {
      long line = parser.getCurrentLineNumber() + 1;
      CSVRecord record;
      try {
        if (!records.hasNext()) {
          return null;
        }
        record = records.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        BoundedCsvReader.TooLong t = tooLong(e);
        if (t != null) {
          endAfterError();
          return new Row(
              null,
              t.tooManyFields
                  ? Problem.at(
                      file,
                      t.line,
                      String.format(
                          Locale.ROOT,
                          "has more than %,d fields, the header has %d (limits.columns in"
                              + " herald.properties); the file was not read further",
                          limits.maxColumns(),
                          header.size()))
                  : new Problem(
                      file,
                      t.line,
                      t.column,
                      tooLongField(
                          t.column <= header.size() ? header.get(t.column - 1) : null, limits)));
        }
        // The CSV lexer cannot resync after an unbalanced quote: report it and stop reading.
        Matcher m = START_LINE.matcher(String.valueOf(e.getMessage()));
        long at = line;
        if (m.find()) {
          at = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
        }
        endAfterError();
        return new Row(null, Problem.at(file, at, reason(e)));
      }
      if (record.size() == 1 && record.get(0).isEmpty()) {
        continue; // a blank line
      }
      return toRow(record, line);
    }
  }

  /**
   * Whether reading stopped before the end of the file (an unbalanced quote or an overgrown field):
   * the rows after the last one returned are unknown.
   */
  public boolean stoppedEarly() {
    return stoppedEarly;
  }

  private void endAfterError() {
    stoppedEarly = true;
    try {
      parser.close();
    } catch (IOException ignored) {
      // nothing more is read from this file either way
    }
  }

  /**
   * The reader's verdict that a field or row outgrew the limits, if that stopped the parser; null
   * if something else did (an unbalanced quote, say).
   */
  static BoundedCsvReader.TooLong tooLong(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BoundedCsvReader.TooLong l) {
        return l;
      }
    }
    return null;
  }

  /** Why reading stopped at an overgrown field, naming its {@code column} where it is known. */
  static String tooLongField(String column, InputLimits limits) {
    return String.format(
        Locale.ROOT,
        "%s runs on past %,d characters: a quote that is never closed (unbalanced \"), or a value"
            + " over the limit of %,d characters (limits.field-chars in herald.properties); the"
            + " file was not read further",
        column == null ? "a value" : "'" + column + "'",
        Math.max(2L * limits.maxFieldChars() + 2, BoundedCsvReader.MIN_FIELD_RAW),
        limits.maxFieldChars());
  }

  /** The parser's complaint in words a person who edits the file can act on. */
  static String reason(RuntimeException e) {
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

  private Row toRow(CSVRecord record, long line) {
    if (record.size() != header.size()) {
      return new Row(
          null,
          Problem.at(
              file,
              line,
              "has "
                  + record.size()
                  + (record.size() == 1 ? " field" : " fields")
                  + ", the header has "
                  + header.size()
                  + " (a missing or extra comma, or an unquoted comma inside a value?)"));
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String v = record.get(i);
      String column = header.get(i);
      String bad = cellProblem(column, v);
      if (bad != null) {
        return new Row(null, new Problem(file, line, i + 1, bad));
      }
      values.put(column, v);
    }
    String email = values.get(Columns.EMAIL);
    if (repeatsHeader(values)) {
      return new Row(
          null,
          new Problem(
              file,
              line,
              header.indexOf(Columns.EMAIL) + 1,
              "'"
                  + email.replace("\uFEFF", "").strip()
                  + "' is not an email address: the row repeats the header (were two files"
                  + " joined?); remove it"));
    }
    var bad = addressCheck.apply(email);
    if (bad.isPresent()) {
      return new Row(null, new Problem(file, line, header.indexOf(Columns.EMAIL) + 1, bad.get()));
    }
    return new Row(new Contact(file, line, email, values), null);
  }

  /** What is wrong with the value {@code v} of {@code column}, or null if nothing is. */
  private String cellProblem(String column, String v) {
    if (v.length() > limits.maxFieldChars()) {
      return String.format(
          Locale.ROOT,
          "'%s' is %,d characters long; the limit is %,d (limits.field-chars in herald.properties)",
          column,
          v.length(),
          limits.maxFieldChars());
    }
    if (v.indexOf('\uFFFD') >= 0) {
      return "'" + column + "' is not valid UTF-8 text; save the file as \"CSV UTF-8\"";
    }
    if (v.indexOf('\0') >= 0) {
      return "'" + column + "' contains a NUL character";
    }
    return null;
  }

  private boolean repeatsHeader(Map<String, String> values) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (!e.getValue().replace("\uFEFF", "").strip().equalsIgnoreCase(e.getKey())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    boolean early = stoppedEarly;
    endAfterError();
    stoppedEarly = early;
  }
}
