package dev.herald.message;

import dev.herald.util.Hashes;
import java.net.IDN;
import java.util.Locale;

/**
 * Message-IDs derived from campaign and recipient (RFC 5322 section 3.6.4): the same on every run,
 * so that a re-sent message keeps its identity and a reply's In-Reply-To names who answered which
 * release. The right-hand side is the sender's domain, which the sender controls.
 */
public final class MessageIds {
  private MessageIds() {}

  public static String of(String campaign, String recipient, String fromAddress) {
    String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1);
    String ascii = domain;
    for (int i = 0; i < domain.length(); i++) {
      if (domain.charAt(i) >= 0x80) {
        try {
          ascii = IDN.toASCII(domain);
        } catch (IllegalArgumentException e) {
          ascii = "herald.invalid";
        }
        break;
      }
    }
    ascii = ascii.toLowerCase(Locale.ROOT);
    String hash = Hashes.base32(campaign + "\n" + recipient.toLowerCase(Locale.ROOT), 16);
    return "<" + campaign + "." + hash + "@" + ascii + ">";
  }
}
