package dev.herald.delivery;

import dev.herald.contacts.Contact;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * One contact on its way to a connection. The connection renders it: rendering then runs on as many
 * threads as there are connections, each while the others wait on the network.
 */
public record Job(Contact contact, boolean wasInFlight) {

  /** The message rendered for a job. */
  public record Message(
      MimeMessage message,
      String messageId,
      InternetAddress sender,
      List<InternetAddress> recipients) {
    public Message {
      recipients = List.copyOf(recipients);
    }
  }
}
