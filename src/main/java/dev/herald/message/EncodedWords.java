package dev.herald.message;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** RFC 2047 encoded words for header text that Jakarta Mail would otherwise leave as it is. */
final class EncodedWords {
  private EncodedWords() {}

  /**
   * Whether text holds something like an RFC 2047 encoded word. Jakarta Mail writes ASCII text
   * unencoded, and every mail reader would then decode "=?UTF-8?Q?x?=" as "x": such text is encoded
   * whole instead, so that it reads as written.
   */
  static boolean looksEncoded(String text) {
    return text.contains("=?");
  }

  /** Text as RFC 2047 "B" encoded words of whole characters, each within 75 characters. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int end = i;
      int bytes = 0;
      while (end < text.length()) {
        int cp = text.codePointAt(end);
        int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (bytes + n > 45) {
          break;
        }
        bytes += n;
        end += Character.charCount(cp);
      }
      byte[] chunk = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
      out.append(out.length() == 0 ? "" : " ")
          .append("=?UTF-8?B?")
          .append(Base64.getEncoder().encodeToString(chunk))
          .append("?=");
      i = end;
    }
    return out.toString();
  }
}
