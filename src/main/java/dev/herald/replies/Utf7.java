package dev.herald.replies;

/**
 * A decoder for UTF-7 (RFC 2152), which some older mail clients still declare ({@code
 * charset="utf-7"}) and the JDK has no charset for. Decoding only: herald never writes UTF-7.
 *
 * <p>Outside a shifted run every byte stands for itself. {@code +} starts a run of modified base64
 * (RFC 2152 "Rule 2": no padding) holding UTF-16 code units, big-endian; the run ends at the first
 * byte that is not a base64 character, and a {@code -} that ends it is absorbed. {@code +-} is a
 * literal {@code +}. Bits left over at the end of a run (fewer than 16) are discarded, as the RFC
 * says. Never throws: a byte that is neither (8-bit, in a message that lied about its charset)
 * becomes U+FFFD, and lone surrogates are kept as the input gave them.
 */
final class Utf7 {
  private Utf7() {}

  private static final String BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  /** Whether {@code name} is a MIME name of UTF-7 (IANA: UTF-7, and the old alias). */
  static boolean isUtf7(String name) {
    if (name == null) {
      return false;
    }
    String n = name.strip();
    return n.equalsIgnoreCase("utf-7")
        || n.equalsIgnoreCase("utf7")
        || n.equalsIgnoreCase("unicode-1-1-utf-7")
        || n.equalsIgnoreCase("csunicode11utf7");
  }

  static String decode(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xff;
      if (b != '+') {
        out.append(b < 0x80 ? (char) b : '\uFFFD');
        i++;
        continue;
      }
      i++;
      if (i < bytes.length && bytes[i] == '-') {
        out.append('+');
        i++;
        continue;
      }
      int bits = 0;
      int count = 0;
      while (i < bytes.length) {
        int value = bytes[i] < 0 ? -1 : BASE64.indexOf(bytes[i]);
        if (value < 0) {
          break;
        }
        bits = (bits << 6) | value;
        count += 6;
        if (count >= 16) {
          count -= 16;
          out.append((char) ((bits >>> count) & 0xffff));
        }
        bits &= (1 << count) - 1;
        i++;
      }
      if (i < bytes.length && bytes[i] == '-') {
        i++; // the run's explicit end, not part of the text
      }
    }
    return out.toString();
  }
}
