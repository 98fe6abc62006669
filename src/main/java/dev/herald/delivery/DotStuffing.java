package dev.herald.delivery;

import dev.herald.util.Bytes;
import jakarta.mail.MessagingException;
import java.util.List;

/** A message's bytes as the content of SMTP's DATA (RFC 5321 section 4.5.2). */
final class DotStuffing {
  private DotStuffing() {}

  /** How much of a message is written to the server at a time: a large one goes in pieces. */
  static final int CHUNK = 64 * 1024;

  /** Takes what {@link #stuff} has put in its buffer so far, and empties it. */
  interface Drain {
    void drain(Bytes full) throws MessagingException;
  }

  /**
   * Copies the message, given in parts, to {@code out} as DATA content (RFC 5321 section 4.5.2):
   * every line end (CR, LF or CRLF, even one split between two parts) as CRLF, a dot at the start
   * of a line doubled, the last line ended, and the ending "." CRLF. Whenever {@code out} holds
   * {@code chunk} bytes or more, {@code drain} takes them, so that a message with a large
   * attachment is never held twice; what is left at the end stays in {@code out}.
   */
  static void stuff(List<byte[]> parts, Bytes out, int chunk, Drain drain)
      throws MessagingException {
    boolean lineStart = true;
    // the previous part ended with CR: an LF starting this one goes with it
    boolean afterCr = false;
    for (byte[] b : parts) {
      int n = b.length;
      int i = 0;
      if (afterCr && n > 0) {
        afterCr = false;
        if (b[0] == '\n') {
          i = 1;
        }
      }
      while (i < n) {
        if (lineStart && b[i] == '.') {
          out.put((byte) '.');
        }
        // the rest of the line within this part, copied as a block
        int end = i;
        while (end < n && b[end] != '\r' && b[end] != '\n') {
          end++;
        }
        out.write(b, i, end - i);
        if (out.size() >= chunk) {
          drain.drain(out);
        }
        if (end == n) {
          lineStart = false; // the line goes on in the next part
          break;
        }
        out.put((byte) '\r');
        out.put((byte) '\n');
        lineStart = true;
        if (b[end] == '\r') {
          if (end + 1 < n) {
            if (b[end + 1] == '\n') {
              end++;
            }
          } else {
            afterCr = true;
          }
        }
        i = end + 1;
      }
    }
    if (!lineStart) {
      out.put((byte) '\r');
      out.put((byte) '\n');
    }
    out.put((byte) '.');
    out.put((byte) '\r');
    out.put((byte) '\n');
  }
}
