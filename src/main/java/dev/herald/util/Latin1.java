package dev.herald.util;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Text that a library read as ISO-8859-1, one character a byte, although the bytes were UTF-8:
 * Angus reads a server's replies that way, and Jakarta Mail a message's raw headers.
 */
public final class Latin1 {
  private Latin1() {}

  /**
   * {@code text} decoded again as UTF-8 when every character is a byte, some of them above 0x7F,
   * and those bytes are valid UTF-8; otherwise {@code text} as it is.
   */
  public static String asUtf8(String text) {
    boolean high = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0xFF) {
        return text; // not bytes read as ISO-8859-1
      }
      high |= c >= 0x80;
    }
    if (!high) {
      return text;
    }
    try {
      // a new decoder reports malformed and unmappable input rather than replacing it
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException e) {
      return text;
    }
  }
}
