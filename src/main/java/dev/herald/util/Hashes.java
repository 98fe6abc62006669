package dev.herald.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Stable digests for identifiers derived from data (Message-IDs, references, address keys). */
public final class Hashes {
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private Hashes() {}

  /**
   * One digest per thread: these run for every contact in every pass, and looking the algorithm up
   * anew each time costs more than the hashing. A digest resets itself after each digest().
   */
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
          });

  public static byte[] sha256(String text) {
    return SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The first {@code chars} characters of the lower-case base32 form of SHA-256(text). */
  public static String base32(String text, int chars) {
    return base32(sha256(text), chars);
  }

  /** The first {@code chars} characters of the lower-case base32 form of a digest. */
  public static String base32(byte[] d, int chars) {
    StringBuilder s = new StringBuilder(chars);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; s.length() < chars && i < d.length; i++) {
      buffer = (buffer << 8) | (d[i] & 0xff);
      bits += 8;
      while (bits >= 5 && s.length() < chars) {
        s.append(BASE32[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    return s.toString();
  }

  /**
   * A 64-bit key from SHA-256: collisions among a million addresses have odds of about 3e-8. Never
   * 0, which {@link LongIntMap} keeps for empty slots.
   */
  public static long key64(String text) {
    byte[] d = sha256(text);
    long k = 0;
    for (int i = 0; i < 8; i++) {
      k = (k << 8) | (d[i] & 0xff);
    }
    return k == 0 ? 1 : k;
  }
}
