package dev.herald.message;

import dev.herald.util.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * Quoted-printable encoding (RFC 2045 section 6.7) of text, done once when a message is built, in
 * one pass that also writes every line end (CR, LF or CRLF) as CRLF, as RFC 5322 requires on the
 * wire. Jakarta Mail would otherwise encode each part byte by byte through several stream layers
 * every time the message is written, which dominated the cost of sending.
 */
public final class QuotedPrintable {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /** Encoded lines are at most this long, the soft-break '=' included (RFC 2045). */
  private static final int MAX = 76;

  private QuotedPrintable() {}

  /** Bytes written as they are anywhere in a line (printable ASCII but '='). */
  private static final boolean[] PLAIN = new boolean[256];

  static {
    for (int b = 33; b <= 126; b++) {
      PLAIN[b] = b != '=';
    }
  }

  /**
   * Appends {@code text} to {@code out} as UTF-8, quoted-printable encoded, every line end (CR, LF
   * or CRLF) as CRLF; a lone surrogate is written as '?' (as {@link String#getBytes} does).
   *
   * <p>It encodes straight from the characters: making the UTF-8 bytes of a whole body first was
   * the largest single cost of building a message. The characters are copied into an array first:
   * {@link String#charAt} on text beyond Latin-1 (Polish, say) checks its index through a call that
   * the quick compiler herald runs with does not remove, which took a quarter of a 20,000- message
   * send's CPU (JFR, bench/profile.sh).
   */
  public static void encode(String text, Bytes dest) {
    int n = text.length();
    char[] chars = CHARS.get();
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
      CHARS.set(chars);
    }
    text.getChars(0, n, chars, 0);
    encode(chars, n, dest);
  }

  /** Each thread's copy of the text being encoded, grown to the longest text so far. */
  private static final ThreadLocal<char[]> CHARS = ThreadLocal.withInitial(() -> new char[4096]);

  private static void encode(char[] text, int n, Bytes dest) {
    // worst case: a char as three UTF-8 bytes, each as =XX, plus a soft break per 25 of those
    dest.ensure(n * 9 + (n * 3 / 25 + 1) * 3);
    Line line = new Line(dest.array(), dest.size());
    byte[] out = line.out;
    for (int i = 0; i < n; i++) {
      char c = text[i];
      if (c < 0x80) {
        if (PLAIN[c] && line.col < MAX - 2) {
          out[line.o++] = (byte) c; // the common case: a printable character well inside the line
          line.col++;
        } else if (c == '\r' || c == '\n') {
          // a line end, CRLF on the wire whichever it was
          out[line.o++] = '\r';
          out[line.o++] = '\n';
          line.col = 0;
          if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
            i++;
          }
        } else {
          line.put(c, lastOnLine(text, n, i + 1));
        }
      } else if (c < 0x800) {
        line.put(0xc0 | c >> 6, false);
        line.put(0x80 | c & 0x3f, lastOnLine(text, n, i + 1));
      } else if (!Character.isSurrogate(c)) {
        line.put(0xe0 | c >> 12, false);
        line.put(0x80 | c >> 6 & 0x3f, false);
        line.put(0x80 | c & 0x3f, lastOnLine(text, n, i + 1));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text[i + 1])) {
        int cp = Character.toCodePoint(c, text[++i]);
        line.put(0xf0 | cp >> 18, false);
        line.put(0x80 | cp >> 12 & 0x3f, false);
        line.put(0x80 | cp >> 6 & 0x3f, false);
        line.put(0x80 | cp & 0x3f, lastOnLine(text, n, i + 1));
      } else {
        line.put('?', lastOnLine(text, n, i + 1)); // a lone surrogate has no UTF-8 form
      }
    }
    dest.setSize(line.o);
  }

  /** Whether the byte before {@code text[next]} is the last of its line. */
  private static boolean lastOnLine(char[] text, int n, int next) {
    if (next == n) {
      return true;
    }
    char c = text[next];
    return c == '\r' || c == '\n';
  }

  /** Where the encoded output stands: its next index and the column of the current line. */
  private static final class Line {
    final byte[] out;
    int o;
    int col;

    Line(byte[] out, int o) {
      this.out = out;
      this.o = o;
    }

    /**
     * Writes one byte of UTF-8 other than CR and LF; {@code lastOnLine} says whether a line end or
     * the end of the text follows it (a space or tab there must be encoded, and it needs no room
     * kept for a soft break).
     */
    void put(int b, boolean lastOnLine) {
      boolean literal = PLAIN[b];
      if (literal && col < MAX - 2) {
        out[o++] = (byte) b;
        col++;
        return;
      }
      boolean endOfLine = false;
      if (b == ' ' || b == '\t') {
        endOfLine = lastOnLine;
        literal = !endOfLine;
      } else if (col >= MAX - 4) {
        endOfLine = lastOnLine;
      }
      int width = literal ? 1 : 3;
      // keep room for the soft break unless this is the line's last character
      int limit = endOfLine ? MAX : MAX - 1;
      if (col + width > limit) {
        out[o++] = '=';
        out[o++] = '\r';
        out[o++] = '\n';
        col = 0;
      }
      if (literal) {
        out[o++] = (byte) b;
      } else {
        out[o++] = '=';
        out[o++] = HEX[b >> 4];
        out[o++] = HEX[b & 0xf];
      }
      col += width;
    }
  }
}
