package dev.herald.replies;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Undoes the RFC 2045 content transfer encodings without ever failing: a reply with broken base64
 * or quoted-printable still yields the text that decodes, where Jakarta Mail's decoders throw
 * part-way and lose what they had buffered.
 */
final class TransferDecoding {

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
      int value = b >= 0 ? BASE64[b] : -1;
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
   * Decodes quoted-printable: {@code =XX} to its byte, {@code =} at a line end joins the lines (a
   * soft break), and any other {@code =} is kept as it is.
   */
  static byte[] quotedPrintable(byte[] encoded) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length);
    int i = 0;
    while (i < encoded.length) {
      byte b = encoded[i];
      if (b != '=') {
        out.write(b);
        i++;
        continue;
      }
      int soft = softBreakLength(encoded, i + 1);
      if (soft >= 0) {
        i += 1 + soft;
        continue;
      }
      int high = i + 2 < encoded.length ? hex(encoded[i + 1]) : -1;
      int low = high >= 0 ? hex(encoded[i + 2]) : -1;
      if (low >= 0) {
        out.write(high << 4 | low);
        i += 3;
      } else {
        out.write(b);
        i++;
      }
    }
    return out.toByteArray();
  }

  /** Length of trailing whitespace and line break after a soft-break {@code =}, or -1. */
  private static int softBreakLength(byte[] bytes, int from) {
    int i = from;
    while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t')) {
      i++;
    }
    if (i < bytes.length && bytes[i] == '\r') {
      i++;
    }
    if (i < bytes.length && bytes[i] == '\n') {
      return i + 1 - from;
    }
    return i == bytes.length && i > from ? i - from : -1;
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }
}
