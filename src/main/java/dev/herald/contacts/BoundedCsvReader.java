package dev.herald.contacts;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Follows RFC 4180 quoting in the text the CSV parser reads, so that a field or a row that has
 * outgrown the limits is stopped while it is read rather than after the parser has built it in
 * memory whole. Without this, a quote that is never closed in a large file, or a row of millions of
 * commas, is read into one value or one record until the heap runs out.
 *
 * <p>The bounds are generous, so that every field the limits allow gets through and is then
 * measured exactly: a field of n characters takes at most 2n + 2 characters written (every quote
 * doubled, and the quotes around it), and never less than {@link #MIN_FIELD_RAW} is read; a row may
 * have at most as many fields as the header may have columns.
 */
final class BoundedCsvReader extends FilterReader {

  /** Why reading stopped: a field too long (or a quote never closed), or a row too wide. */
  static final class TooLong extends IOException {
    private static final long serialVersionUID = 1L;

    final boolean tooManyFields;
    final long line;
    final int column;

    TooLong(boolean tooManyFields, long line, int column) {
      super(
          tooManyFields
              ? "line " + line + " has more than " + (column - 1) + " fields"
              : "the field at line " + line + ", column " + column + " is too long");
      this.tooManyFields = tooManyFields;
      this.line = line;
      this.column = column;
    }
  }

  /**
   * Below this many characters a field is always read whole, so that a low {@code
   * limits.field-chars} is reported exactly, row by row, like any other.
   */
  static final long MIN_FIELD_RAW = 1L << 20;

  private final long maxFieldRaw;
  private final int maxFields;
  private final char delimiter;

  private long line = 1;
  private long fieldLine = 1;
  private int field = 1;
  private long fieldLength;
  private boolean quoted;
  private boolean quoteSeen; // a quote inside a quoted field: closing, or the first of ""
  private boolean lastCr;
  private TooLong pending;

  BoundedCsvReader(Reader in, int maxFieldChars, int maxFields, char delimiter) {
    super(in);
    this.delimiter = delimiter;
    this.maxFieldRaw = Math.max(2L * maxFieldChars + 2, MIN_FIELD_RAW);
    this.maxFields = maxFields;
  }

  @Override
  public int read() throws IOException {
    if (pending != null) {
      throw pending;
    }
    int c = in.read();
    if (c >= 0) {
      scan((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (pending != null) {
      throw pending;
    }
    int n = in.read(buffer, offset, length);
    for (int i = 0; i < n; i++) {
      try {
        scan(buffer[offset + i]);
      } catch (TooLong e) {
        // The parser reads ahead: hand it the text before the offending character, so that the
        // rows before it are read as usual, and stop when it asks for more.
        if (i == 0) {
          throw e;
        }
        pending = e;
        return i;
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped text would not be followed; the CSV parser never skips.
    throw new IOException("skip is not supported");
  }

  private void scan(char c) throws IOException {
    boolean cr = lastCr;
    lastCr = c == '\r';
    if (quoted) {
      if (quoteSeen) {
        quoteSeen = false;
        if (c == '"') {
          grow(); // "" inside quotes: one quote
          return;
        }
        quoted = false; // the quote closed the field; c is read as outside quotes below
      } else {
        if (c == '"') {
          quoteSeen = true;
        } else if (c == '\n' && !cr || c == '\r') {
          line++;
        }
        grow();
        return;
      }
    }
    if (c == delimiter) {
      field++;
      if (field > maxFields) {
        throw new TooLong(true, line, field);
      }
      startField();
      return;
    }
    switch (c) {
      case '\r' -> {
        line++;
        endRecord();
      }
      case '\n' -> {
        if (!cr) {
          line++;
        }
        endRecord();
      }
      default -> {
        if (c == '"' && fieldLength == 0) {
          quoted = true;
        }
        grow();
      }
    }
  }

  private void grow() throws IOException {
    if (++fieldLength > maxFieldRaw) {
      throw new TooLong(false, fieldLine, field);
    }
  }

  private void startField() {
    fieldLength = 0;
    fieldLine = line;
  }

  private void endRecord() {
    field = 1;
    startField();
  }
}
