package dev.herald.message;

import dev.herald.contacts.EmailAddress;
import dev.herald.util.Hashes;
import java.util.Locale;

/**
 * Message-IDs derived from campaign and recipient (RFC 5322 section 3.6.4): the same on every run,
 * so that a re-sent message keeps its identity and a reply's In-Reply-To names who answered which
 * release. The right-hand side is the sender's domain, which the sender controls.
 */
public final class MessageIds {
  private MessageIds() {}

  public static String of(String campaign, String recipient, String fromAddress) {
    // The sender's domain in its UTS #46 ASCII form (EmailAddress.ascii), lower-cased.
    String ascii = EmailAddress.domain(EmailAddress.ascii(fromAddress));
    if (ascii.isEmpty() || !ascii.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      ascii = "herald.invalid";
    }
    String hash = Hashes.base32(campaign + "\n" + recipient.toLowerCase(Locale.ROOT), 16);
    return "<" + campaign + "." + hash + "@" + ascii + ">";
  }
}
