package dev.herald.identity;

import dev.herald.FolderKey;
import dev.herald.util.Hashes;
import java.security.SecureRandom;

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
    return "<" + campaign + "." + hash(key, campaign, recipient) + "@" + domain(fromAddress) + ">";
  }

  /** The sender's domain in its UTS #46 ASCII form (EmailAddress.ascii), lower-cased. */
  private static String domain(String fromAddress) {
    String ascii = EmailAddress.domain(EmailAddress.ascii(fromAddress));
    if (ascii.isEmpty() || !ascii.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      ascii = "herald.invalid";
    }
    return ascii;
  }

  /** How the local part of a proof's Message-ID begins. */
  public static final String PROOF_PREFIX = "proof.";

  private static final SecureRandom NONCES = new SecureRandom();

  /**
   * A proof's Message-ID, {@code <proof.CAMPAIGN.RANDOM@domain>}: never in the journal, so no reply
   * to it can be tied to a contact, and recognisable, so that {@code interviews fetch} can say it
   * passed a reply to a proof over. New each time: a mailbox that keeps one message per Message-ID
   * (Gmail does) would otherwise hide the second proof of a corrected release.
   */
  public static String proof(String campaign, String fromAddress) {
    byte[] nonce = new byte[10];
    NONCES.nextBytes(nonce);
    return "<"
        + PROOF_PREFIX
        + campaign
        + "."
        + Hashes.base32(nonce, REF_CHARS)
        + "@"
        + domain(fromAddress)
        + ">";
  }

  /** Whether a Message-ID (with its angle brackets) has the form {@link #proof} makes. */
  public static boolean isProof(String messageId) {
    return messageId.startsWith("<" + PROOF_PREFIX);
  }

  /**
   * The reference in a proof's interview link, written {@code [proof:…]} rather than {@code
   * [ref:…]}: keyed like {@link #ref} but with another label, so it is never a contact's reference
   * and a reviewer's click cannot speak for the journalist.
   */
  public static String proofRef(FolderKey key, String campaign, String email) {
    return Hashes.base32(
        key.mac("proof-ref\n" + campaign + "\n" + EmailAddress.key(email)), REF_CHARS);
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
