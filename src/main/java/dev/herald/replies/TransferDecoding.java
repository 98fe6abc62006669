package dev.herald.replies;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * Undoes the RFC 2045 content transfer encodings without ever failing: a reply with broken base64
 * or quoted-printable still yields the text that decodes, where Jakarta Mail's decoders throw
 * part-way and lose what they had buffered.
 *
 * <p>Quoted-printable is mime4j's. Base64 stays hand-written: mime4j's decoder stops at the first
 * padding and drops a quantum cut short, so "YQ==YWI=" (two blocks, each padded, as some clients
 * concatenate them) gives "a" instead of "aab", and "YQ" nothing instead of "a"
 * (TransferDecodingTest).
 */
final class TransferDecoding {

  /** The value of each ASCII character in the base64 alphabet; -1 for one outside it. */
  private static final int[] BASE64 = new int[128];

  static {
    Arrays.fill(BASE64, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64[alphabet.charAt(i)] = i;
    }
  }

  private TransferDecoding() {}

  /**
   * Decodes base64, skipping every byte outside the alphabet (line breaks, stray punctuation).
   * Padding ends a quantum, so blocks concatenated with their own padding still decode; a quantum
   * cut short yields the whole bytes it holds.
   */
  static byte[] base64(byte[] encoded) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length / 4 * 3 + 3);
    int bits = 0;
    int sextets = 0;
    for (byte b : encoded) {
      if (b == '=') {
        flush(out, bits, sextets);
        bits = 0;
        sextets = 0;
        continue;
      }
      int value = b >= 0 ? BASE64[b] : -1; // a byte of 0x80 or more is outside the alphabet too
      if (value < 0) {
        continue;
      }
      bits = (bits << 6) | value;
      if (++sextets == 4) {
        out.write(bits >> 16);
        out.write(bits >> 8);
        out.write(bits);
        bits = 0;
        sextets = 0;
      }
    }
    flush(out, bits, sextets);
    return out.toByteArray();
  }

  private static void flush(ByteArrayOutputStream out, int bits, int sextets) {
    if (sextets == 2) {
      out.write(bits >> 4);
    } else if (sextets == 3) {
      out.write(bits >> 10);
      out.write(bits >> 2);
    }
  }

  /**
   * Decodes quoted-printable with mime4j's lenient decoder: {@code =XX} to its byte, {@code =} at a
   * line end joins the lines (a soft break), and any other {@code =} is kept as it is.
   */
  static byte[] quotedPrintable(byte[] encoded) {
    try (InputStream in =
        new QuotedPrintableInputStream(new ByteArrayInputStream(encoded), DecodeMonitor.SILENT)) {
      return in.readAllBytes();
    } catch (IOException e) {
      // a stream over bytes in memory: mime4j's silent monitor reports no error either
      throw new UncheckedIOException(e);
    }
  }
}
