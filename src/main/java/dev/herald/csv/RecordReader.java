package dev.herald.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads RFC 4180 records one at a time from UTF-8 bytes, in constant memory.
 *
 * <p>A general CSV parser cannot answer the questions the journal must ask to tell a write cut
 * short by a crash from a damaged file: on which line a record starts, whether a line break ended
 * it, and whether the input ended inside a quoted value. This one reports all three, and reports a
 * syntax problem on the record it belongs to instead of failing the whole read. It works on bytes:
 * every CSV delimiter is ASCII and never occurs inside a UTF-8 multi-byte sequence, and decoding
 * each value strictly on its own pins invalid UTF-8 to its line.
 */
public final class RecordReader implements Closeable {
  /** Longest value kept; beyond it the record reports a problem instead of filling memory. */
  public static final int MAX_VALUE_BYTES = 64 * 1024;

  /** What read() returns at the end of the input (every byte is 0 to 255). */
  private static final int EOF = -1;

  /** {@code pushedBack} when no byte is pushed back (-1 is taken: a pushed-back end of input). */
  private static final int NONE = -2;

  /**
   * One record and what is known about how it ended.
   *
   * @param line the line the record starts on, counting from 1
   * @param values the values, decoded; a value that could not be read is empty and {@code problem}
   *     says why
   * @param terminated ended by a line break, not by the end of the input
   * @param quoted at least one value was in quotes
   * @param openQuote the input ended inside a quoted value
   * @param openQuoteSpansLines ... and that unfinished value already held a line break
   * @param problem the first syntax problem, or null if the record is well-formed
   */
  public record Record(
      long line,
      List<String> values,
      boolean terminated,
      boolean quoted,
      boolean openQuote,
      boolean openQuoteSpansLines,
      String problem) {}

  /** A record while it is read. */
  private static final class Builder {
    private final long line;
    private final List<String> values = new ArrayList<>(8);
    private boolean terminated;
    private boolean quoted;
    private boolean openQuote;
    private boolean openQuoteSpansLines;
    private String problem;

    Builder(long line) {
      this.line = line;
    }

    private void problem(String text) {
      if (problem == null) {
        problem = text;
      }
    }

    Record build() {
      // the builder is dropped once built, so nobody else holds the list: a view, not a copy
      return new Record(
          line,
          Collections.unmodifiableList(values),
          terminated,
          quoted,
          openQuote,
          openQuoteSpansLines,
          problem);
    }
  }

  private final InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private int pushedBack = NONE;
  private boolean started;
  private long line = 1;

  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
  private byte[] value = new byte[256];
  private int valueLength;
  private boolean valueTooLong;

  public RecordReader(InputStream in) {
    this.in = in;
  }

  /** The next record, or null at the end of the input. */
  public Record next() throws IOException {
    if (!started) {
      started = true;
      skipByteOrderMark();
    }
    int c = read();
    if (c == EOF) {
      return null;
    }
    Builder record = new Builder(line);
    while (true) {
      clearValue();
      if (c == '"') {
        record.quoted = true;
        boolean spansLines = false;
        while (true) {
          c = read();
          if (c == EOF) {
            addValue(record);
            record.openQuote = true;
            record.openQuoteSpansLines = spansLines;
            record.problem("a quoted value is never closed");
            return record.build();
          }
          if (c == '"') {
            c = read();
            if (c != '"') {
              break; // the closing quote; c is the byte after it
            }
          } else if (c == '\n') {
            line++;
            spansLines = true;
          }
          addByte(c);
        }
        addValue(record);
        if (c != ',' && !endOfRecord(c, record)) {
          record.problem("unexpected text after a closing quote");
          skipRestOfLine(record);
          return record.build();
        }
      } else {
        while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
          if (c == '"') {
            record.problem("a quote inside a value that does not start with one");
            skipRestOfLine(record);
            return record.build();
          }
          addByte(c);
          c = read();
        }
        addValue(record);
        if (c != ',' && !endOfRecord(c, record)) {
          record.problem("a carriage return outside quotes");
          skipRestOfLine(record);
          return record.build();
        }
      }
      if (c != ',') {
        return record.build();
      }
      c = read();
    }
  }

  /** True if {@code c} (with what follows) ends the record; sets how it ended. */
  private boolean endOfRecord(int c, Builder record) throws IOException {
    if (c == '\n') {
      line++;
      record.terminated = true;
      return true;
    }
    if (c == EOF) {
      return true;
    }
    if (c == '\r') {
      int next = read();
      if (next == '\n') {
        line++;
        record.terminated = true;
        return true;
      }
      pushedBack = next;
    }
    return false;
  }

  private void skipRestOfLine(Builder record) throws IOException {
    for (int c = read(); c != EOF; c = read()) {
      if (c == '\n') {
        line++;
        record.terminated = true;
        return;
      }
    }
  }

  private void clearValue() {
    valueLength = 0;
    valueTooLong = false;
  }

  private void addByte(int c) {
    if (valueLength == MAX_VALUE_BYTES) {
      valueTooLong = true;
      return;
    }
    if (valueLength == value.length) {
      value = Arrays.copyOf(value, Math.min(value.length * 2, MAX_VALUE_BYTES));
    }
    value[valueLength++] = (byte) c;
  }

  private void addValue(Builder record) {
    if (valueTooLong) {
      record.problem("a value longer than " + MAX_VALUE_BYTES / 1024 + " KiB");
      record.values.add("");
      return;
    }
    try {
      record.values.add(utf8.decode(ByteBuffer.wrap(value, 0, valueLength)).toString());
    } catch (CharacterCodingException e) {
      record.problem("text that is not valid UTF-8");
      record.values.add("");
    }
  }

  private void skipByteOrderMark() throws IOException {
    while (limit < 3 && fill()) {
      // a byte-order mark is three bytes; keep reading until there are three or the input ends
    }
    if (limit >= 3
        && (buffer[0] & 0xff) == 0xef
        && (buffer[1] & 0xff) == 0xbb
        && (buffer[2] & 0xff) == 0xbf) {
      position = 3;
    }
  }

  private int read() throws IOException {
    if (pushedBack != NONE) {
      int c = pushedBack;
      pushedBack = NONE;
      return c;
    }
    if (position == limit) {
      position = 0;
      limit = 0;
      if (!fill()) {
        return EOF;
      }
    }
    return buffer[position++] & 0xff;
  }

  /** Reads more bytes after {@code limit}; false at the end of the input. */
  private boolean fill() throws IOException {
    int n = in.read(buffer, limit, buffer.length - limit);
    if (n <= 0) {
      return false;
    }
    limit += n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
