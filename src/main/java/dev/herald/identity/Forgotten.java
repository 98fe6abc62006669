package dev.herald.identity;

import dev.herald.FolderKey;
import dev.herald.util.Hashes;
import java.util.Locale;

/**
 * The pseudonym {@code herald forget} puts in place of an address: {@code forgotten:} and a keyed
 * hash of the address's key (HMAC-SHA256 under the working folder's secret), the same in the
 * journal, the reply and interview logs and the opt-out list, so that counts stay true and the
 * address stays suppressed, while nobody without the key can tell whose it is.
 *
 * <p>The pseudonym begins with a short check of the key it was made with ({@code
 * forgotten:KKKK.HASH}): an opt-out entry made under another key (a laptop's {@code .herald/key}
 * where CI uses {@code HERALD_KEY}) cannot be matched, and saying so beats mailing that person.
 */
public final class Forgotten {
  /** How a pseudonym begins. */
  public static final String PREFIX = "forgotten:";

  /** Characters of the key check. */
  private static final int CHECK_CHARS = 4;

  /** Characters of the hash: 130 bits. */
  private static final int HASH_CHARS = 26;

  private Forgotten() {}

  /** The pseudonym of {@code address} under {@code key}; every spelling of it gives the same. */
  public static String token(FolderKey key, String address) {
    return PREFIX
        + keyCheck(key)
        + "."
        + Hashes.base32(key.mac("forget\n" + EmailAddress.key(address)), HASH_CHARS);
  }

  /** The short check of a key that begins each of its pseudonyms. */
  public static String keyCheck(FolderKey key) {
    return Hashes.base32(key.mac("forget-key-check"), CHECK_CHARS);
  }

  /** Whether {@code text} has the form of a pseudonym (in any case). */
  public static boolean isToken(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return t.startsWith(PREFIX)
        && t.length() == PREFIX.length() + CHECK_CHARS + 1 + HASH_CHARS
        && t.charAt(PREFIX.length() + CHECK_CHARS) == '.'
        && t.substring(PREFIX.length()).replace(".", "").chars().allMatch(Forgotten::base32);
  }

  /** Whether a pseudonym was made under {@code key}. */
  public static boolean madeWith(FolderKey key, String token) {
    return token.strip().toLowerCase(Locale.ROOT).startsWith(PREFIX + keyCheck(key) + ".");
  }

  /**
   * A Message-ID that stands for one that names the address or cannot be shown to be keyed: {@code
   * <forgotten.HASH@herald.invalid>}, keyed like the pseudonym, the same for the same id.
   */
  public static String messageId(FolderKey key, String messageId) {
    return "<forgotten."
        + Hashes.base32(key.mac("forget-id\n" + messageId.strip()), HASH_CHARS)
        + "@herald.invalid>";
  }

  /** Why an entry made under another key than {@code key} stops the run. */
  public static String otherKey(FolderKey key) {
    return "this entry was left by herald forget under another key than the one in use ("
        + key.source()
        + "), so herald cannot tell whom it keeps from being mailed. Use the key it was made with"
        + " (HERALD_KEY, or the .herald/key of the folder where forget ran)";
  }

  private static boolean base32(int c) {
    return c >= 'a' && c <= 'z' || c >= '2' && c <= '7';
  }
}
