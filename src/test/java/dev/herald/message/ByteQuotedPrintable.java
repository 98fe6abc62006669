package dev.herald.message;

import dev.herald.util.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * The byte-by-byte quoted-printable encoder herald used before it encoded straight from the
 * characters, kept as the reference the new one must match byte for byte.
 */
final class ByteQuotedPrintable {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX = 76;
  private static final boolean[] PLAIN = new boolean[256];

  static {
    for (int b = 33; b <= 126; b++) {
      PLAIN[b] = b != '=';
    }
  }

  private ByteQuotedPrintable() {}

  /** What {@code QuotedPrintable.encode(String, Bytes)} wrote before: the text's UTF-8, encoded. */
  static void encode(String text, Bytes out) {
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    encode(raw, raw.length, out);
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
      if (b == '\r' || b == '\n') {
        // a line end, CRLF on the wire whichever it was
        out[o++] = '\r';
        out[o++] = '\n';
        if (b == '\r' && i + 1 < n && in[i + 1] == '\n') {
          i++;
        }
        col = 0;
        continue;
      }
      boolean literal = b >= 33 && b <= 126 && b != '=';
      boolean endOfLine = false;
      if (!literal && (b == ' ' || b == '\t')) {
        endOfLine = i + 1 == n || in[i + 1] == '\r' || in[i + 1] == '\n';
        literal = !endOfLine;
      } else if (col >= MAX - 4) {
        endOfLine = i + 1 == n || in[i + 1] == '\r' || in[i + 1] == '\n';
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
