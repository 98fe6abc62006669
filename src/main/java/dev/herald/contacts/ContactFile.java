package dev.herald.contacts;

import dev.herald.ContactFormat;
import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.Problem;
import dev.herald.identity.EmailAddress;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

/**
 * A contact file read as a stream of rows, each either a {@link Contact} or a {@link Problem} that
 * names its line (and column where it applies). The file may be CSV text (its separator taken from
 * the header line, its encoding decided for the whole file: {@link TextEncoding}) or an {@code
 * .xlsx} workbook (one sheet: {@link XlsxSource}). Memory use does not grow with the file: a
 * million contacts are read one at a time. Problems with the file as a whole (missing, not UTF-8
 * text, not a workbook, no header, no {@code email} column) are thrown as exit-2 errors from {@link
 * #open}.
 */
public final class ContactFile implements AutoCloseable, Iterable<ContactFile.Row> {

  /** One row: exactly one of {@code contact} and {@code problem} is non-null. */
  public record Row(Contact contact, Problem problem) {
    public boolean ok() {
      return contact != null;
    }
  }

  private final Path file;
  private final InputLimits limits;
  private final RowSource source;
  private final List<String> header;
  private boolean stoppedEarly;
  private Function<String, Optional<String>> addressCheck = EmailAddress::problem;

  private ContactFile(Path file, InputLimits limits, RowSource source) {
    this.file = file;
    this.limits = limits;
    this.source = source;
    RowSource.Raw first;
    try {
      first = source.next();
    } catch (RowSource.Stop e) {
      throw HeraldException.input(e.problem.toString());
    }
    this.header = ContactHeader.read(file, limits, first, source);
  }

  /** Opens the file, read as {@code limits.contactFormat()} says, and reads its header row. */
  public static ContactFile open(Path file, InputLimits limits) {
    return open(file, limits, false);
  }

  /**
   * Opens a file that herald appends comma-separated UTF-8 rows to ({@code appended}: the opt-out
   * list): it is read only if it is such a file, since a row added to a file of another kind would
   * be misread, and any other is refused with a message that says so.
   */
  static ContactFile open(Path file, InputLimits limits, boolean appended) {
    RowSource source = source(file, limits, appended);
    try {
      return new ContactFile(file, limits, source);
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
  }

  /**
   * The records of {@code file}, read as {@link #open} reads them (workbook or CSV text, separator
   * and encoding decided), before any header is read: for a file whose address column is not {@code
   * email} ({@code optout import --column}).
   */
  static RowSource source(Path file, InputLimits limits, boolean appended) {
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
    RowSource source = null;
    try {
      in.mark(8);
      byte[] head = in.readNBytes(8);
      in.reset();
      ContactFormat format = limits.contactFormat();
      Workbooks.Kind kind = Workbooks.kind(head);
      if (appended && kind != Workbooks.Kind.TEXT) {
        throw notAppendable(file, "a workbook");
      }
      if (kind == Workbooks.Kind.ZIP) {
        in.close();
        source = new XlsxSource(file, format.sheet(), limits);
      } else if (kind == Workbooks.Kind.OLE2 || Workbooks.namedAsWorkbook(file)) {
        throw Workbooks.refuse(file, kind);
      } else {
        TextEncoding.Choice text =
            TextEncoding.decide(file, head, appended ? null : format.encoding(), !appended);
        source = new CsvSource(file, in, text, limits);
        if (appended && !source.describe().equals(Delimiter.COMMA.separated() + ", UTF-8")) {
          throw notAppendable(file, source.describe());
        }
      }
      return source;
    } catch (IOException | UncheckedIOException e) {
      closeQuietly(in, source);
      throw HeraldException.input(Display.path(file) + ": cannot read: " + e.getMessage(), e);
    } catch (HeraldException e) {
      closeQuietly(in, source);
      throw e;
    }
  }

  private static HeraldException notAppendable(Path file, String what) {
    return HeraldException.input(
        Display.path(file)
            + ": is "
            + what
            + "; herald adds entries to this file as comma-separated UTF-8 rows, which would be"
            + " misread there, so it must be one: save it as \"CSV UTF-8\" with commas");
  }

  private static void closeQuietly(InputStream in, RowSource source) {
    if (source != null) {
      source.close();
    }
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
   * opt-out list, which matches some addresses that a contact list may not hold, and for {@code
   * export-person} and {@code forget}, which must find a person's rows however the address is
   * spelt.
   */
  public ContactFile checkingAddressesWith(Function<String, Optional<String>> check) {
    this.addressCheck = check;
    return this;
  }

  /**
   * How the file is read, for {@code check}: "semicolon-separated, UTF-8", or "sheet Contacts of an
   * Excel workbook".
   */
  public String describe() {
    return source.describe();
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
    if (stoppedEarly) {
      return null;
    }
    RowSource.Raw raw;
    try {
      raw = source.next();
    } catch (RowSource.Stop e) {
      endAfterError();
      return new Row(null, e.problem);
    }
    return raw == null ? null : toRow(raw);
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
    source.close();
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

  private Row toRow(RowSource.Raw raw) {
    long line = raw.line();
    if (raw.problem() != null) {
      return new Row(null, raw.problem());
    }
    List<String> record = raw.cells();
    boolean sheet = source instanceof XlsxSource;
    if (sheet && record.size() < header.size()) {
      // A spreadsheet leaves out empty cells at the end of a row.
      record = new java.util.ArrayList<>(record);
      while (record.size() < header.size()) {
        record.add("");
      }
    }
    if (record.size() != header.size()) {
      String sep = source.separator();
      return new Row(
          null,
          sheet
              ? source.problem(
                  line,
                  header.size() + 1,
                  "has a value beyond the last column of the header (which has "
                      + header.size()
                      + "); give the column a name in the header row, or clear the cell")
              : source.problem(
                  line,
                  0,
                  "has "
                      + record.size()
                      + (record.size() == 1 ? " field" : " fields")
                      + ", the header has "
                      + header.size()
                      + " (a missing or extra "
                      + sep
                      + ", or an unquoted "
                      + sep
                      + " inside a value?)"));
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String v = record.get(i);
      String column = header.get(i);
      String bad = cellProblem(column, v);
      if (bad != null) {
        return new Row(null, source.problem(line, i + 1, bad));
      }
      values.put(column, v);
    }
    String email = values.get(Columns.EMAIL);
    if (repeatsHeader(values)) {
      return new Row(
          null,
          source.problem(
              line,
              header.indexOf(Columns.EMAIL) + 1,
              "'"
                  + email.replace("\uFEFF", "").strip()
                  + "' is not an email address: the row repeats the header (were two files"
                  + " joined?); remove it"));
    }
    var bad = addressCheck.apply(email);
    if (bad.isPresent()) {
      return new Row(null, source.problem(line, header.indexOf(Columns.EMAIL) + 1, bad.get()));
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
      return "'"
          + column
          + "' is not valid "
          + source.encoding()
          + " text; save the file as \"CSV UTF-8\"";
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
