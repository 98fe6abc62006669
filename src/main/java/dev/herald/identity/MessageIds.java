package dev.herald.identity;

import dev.herald.FolderKey;
import dev.herald.util.Hashes;

/**
 * Message-IDs derived from campaign and recipient (RFC 5322 section 3.6.4): the same on every run,
 * so that a re-sent message keeps its identity and a reply's In-Reply-To names who answered which
 * release. The right-hand side is the sender's domain, which the sender controls.
 *
 * <p>The left-hand side is keyed with the working folder's secret (HMAC-SHA256), so that nobody
 * else can compute the id of a journalist's message and claim to answer it. Ids of releases sent
 * before keying are in the journal, which is where replies are matched, so they still match.
 */
public final class MessageIds {
  private MessageIds() {}

  public static String of(FolderKey key, String campaign, String recipient, String fromAddress) {
    // The sender's domain in its UTS #46 ASCII form (EmailAddress.ascii), lower-cased.
    String ascii = EmailAddress.domain(EmailAddress.ascii(fromAddress));
    if (ascii.isEmpty() || !ascii.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      ascii = "herald.invalid";
    }
    return "<" + campaign + "." + hash(key, campaign, recipient) + "@" + ascii + ">";
  }

  /**
   * Whether a Message-ID is the keyed id of this campaign's message to this recipient, as {@link
   * #of} makes it under this key; an id from before keying, or from another folder, is not.
   */
  public static boolean isKeyed(
      FolderKey key, String messageId, String campaign, String recipient) {
    return messageId.startsWith("<" + campaign + "." + hash(key, campaign, recipient) + "@");
  }

  /**
   * The reference that ties a reply through the interview link to this campaign and address: keyed
   * with the working folder's secret (HMAC-SHA256), so that nobody else can compute it. 16 base32
   * characters (80 bits); the unkeyed references of older releases had 10.
   */
  public static String ref(FolderKey key, String campaign, String email) {
    return Hashes.base32(key.mac("ref\n" + campaign + "\n" + EmailAddress.key(email)), REF_CHARS);
  }

  /** Characters in a keyed reference. */
  public static final int REF_CHARS = 16;

  private static String hash(FolderKey key, String campaign, String recipient) {
    return Hashes.base32(
        key.mac("message-id\n" + campaign + "\n" + EmailAddress.key(recipient)), 16);
  }
}
