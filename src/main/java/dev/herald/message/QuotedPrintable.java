package dev.herald.message;

/**
 * Quoted-printable encoding (RFC 2045 section 6.7) of text whose line ends are already CRLF, done
 * once when a message is built. Jakarta Mail would otherwise encode each part byte by byte through
 * several stream layers every time the message is written, which dominated the cost of sending.
 */
public final class QuotedPrintable {
  private static final byte[] HEX =
      "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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

  public static byte[] encode(byte[] in) {
    Bytes out = new Bytes(in.length + in.length / 8 + 16);
    encode(in, in.length, out);
    return out.toByteArray();
  }

  private static final ThreadLocal<Bytes> SCRATCH = ThreadLocal.withInitial(() -> new Bytes(16384));

  /**
   * Appends {@code text} to {@code out} as UTF-8, every line end as CRLF, quoted-printable encoded:
   * one pass to bytes and one to encode, with no intermediate strings.
   */
  public static void encode(String text, Bytes out) {
    Bytes raw = SCRATCH.get();
    raw.reset();
    crlfUtf8(text, raw);
    encode(raw.array(), raw.size(), out);
  }

  /** Text as UTF-8 with CR, LF and CRLF all written as CRLF; lone surrogates as '?'. */
  static void crlfUtf8(String s, Bytes out) {
    int n = s.length();
    out.ensure(n * 3);
    byte[] b = out.array();
    int o = out.size();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c == '\r' || c == '\n') {
          b[o++] = '\r';
          b[o++] = '\n';
          if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
            i++;
          }
        } else {
          b[o++] = (byte) c;
        }
      } else if (c < 0x800) {
        b[o++] = (byte) (0xc0 | (c >> 6));
        b[o++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[o++] = (byte) (0xf0 | (cp >> 18));
        b[o++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[o++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[o++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        b[o++] = '?';
      } else {
        b[o++] = (byte) (0xe0 | (c >> 12));
        b[o++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[o++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    out.setSize(o);
  }

  /** Appends the first {@code n} bytes of {@code in}, encoded, to {@code out}. */
  static void encode(byte[] in, int n, Bytes dest) {
    // worst case: every byte as =XX, plus a soft break per 25 of them
    dest.ensure(n * 3 + (n / 25 + 1) * 3);
    byte[] out = dest.array();
    int o = dest.size();
    int col = 0;
    for (int i = 0; i < n; i++) {
      int b = in[i] & 0xff;
      if (PLAIN[b] && col < MAX - 2) {
        out[o++] = (byte) b; // the common case: a printable character well inside the line
        col++;
        continue;
      }
      if (b == '\r' && i + 1 < n && in[i + 1] == '\n') {
        out[o++] = '\r';
        out[o++] = '\n';
        i++;
        col = 0;
        continue;
      }
      boolean literal = b >= 33 && b <= 126 && b != '=';
      boolean endOfLine = false;
      if (!literal && (b == ' ' || b == '\t')) {
        endOfLine = i + 1 == n || (in[i + 1] == '\r' && i + 2 < n && in[i + 2] == '\n');
        literal = !endOfLine;
      } else if (col >= MAX - 4) {
        endOfLine = i + 1 == n || (in[i + 1] == '\r' && i + 2 < n && in[i + 2] == '\n');
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
    dest.setSize(o);
  }
}
