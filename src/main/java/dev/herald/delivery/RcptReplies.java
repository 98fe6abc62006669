package dev.herald.delivery;

import dev.herald.mailserver.Failure;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;

/**
 * The server's replies to one message's RCPT commands, and what they mean for the message. The
 * first recipient is the contact (To); the others are the template's copies (Cc, then Bcc).
 */
final class RcptReplies {
  private final List<InternetAddress> recipients;
  private final int[] codes;
  private final String[] replies;

  RcptReplies(List<InternetAddress> recipients) {
    this.recipients = recipients;
    this.codes = new int[recipients.size()];
    this.replies = new String[recipients.size()];
  }

  /**
   * Records the reply to recipient {@code i}; whether it fails the whole message: the contact's own
   * refusal, or a 421 to any recipient (the server is closing the connection, RFC 5321 section
   * 3.8).
   */
  boolean stops(int i, int code, String reply) {
    codes[i] = code;
    replies[i] = reply;
    return !accepted(code) && (i == 0 || code == 421);
  }

  /** The refused copies, each with the server's reply; once every recipient is answered. */
  List<Tally.Outcome> refusedCopies() {
    List<Tally.Outcome> refused = new ArrayList<>();
    for (int i = 1; i < codes.length; i++) {
      if (!accepted(codes[i])) {
        refused.add(new Tally.Outcome(recipients.get(i).getAddress(), Failure.oneLine(replies[i])));
      }
    }
    return List.copyOf(refused);
  }

  /**
   * As Angus reports refused recipients: a SendFailedException holding the reply of each one
   * refused among the first {@code answered}.
   */
  SendFailedException refused(int answered) {
    MessagingException chain = null;
    SMTPAddressFailedException first = null;
    for (int i = answered - 1; i >= 0; i--) {
      if (accepted(codes[i])) {
        continue;
      }
      InternetAddress r = recipients.get(i);
      SMTPAddressFailedException e =
          new SMTPAddressFailedException(
              r, "RCPT TO:<" + r.getAddress() + ">", codes[i], replies[i]);
      if (chain != null) {
        e.setNextException(chain);
      }
      chain = e;
      first = e;
    }
    return new SendFailedException("Invalid Addresses", first);
  }

  private static boolean accepted(int code) {
    return code == 250 || code == 251;
  }
}
