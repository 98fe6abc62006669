package dev.herald.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One message that {@link FaultySmtpServer} accepted: the SMTP envelope, the message exactly as
 * transferred (after dot-unstuffing, RFC 5321 section 4.5.2, with no Received header added), and
 * the number of the connection that carried it (connections are numbered from 1 in the order they
 * were opened, refused ones included).
 *
 * @param envelopeFrom the MAIL FROM address, empty for the null reverse-path
 * @param recipients the RCPT TO addresses the server accepted for this message
 * @param data the message bytes
 * @param connectionNumber the connection that carried the message
 */
public record Received(
    String envelopeFrom, List<String> recipients, byte[] data, int connectionNumber) {

  public Received {
    Objects.requireNonNull(envelopeFrom, "envelopeFrom");
    recipients = List.copyOf(recipients);
    data = data.clone();
  }

  /** A copy of the message bytes. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The message as text, decoded as UTF-8, for assertions on headers and body. */
  public String text() {
    return new String(data, UTF_8);
  }

  /** The message parsed by Jakarta Mail, for assertions on its MIME structure. */
  public MimeMessage toMimeMessage() throws MessagingException {
    return new MimeMessage(null, new ByteArrayInputStream(data));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Received that
        && envelopeFrom.equals(that.envelopeFrom)
        && recipients.equals(that.recipients)
        && Arrays.equals(data, that.data)
        && connectionNumber == that.connectionNumber;
  }

  @Override
  public int hashCode() {
    return Objects.hash(envelopeFrom, recipients, Arrays.hashCode(data), connectionNumber);
  }

  @Override
  public String toString() {
    return "Received[from=<"
        + envelopeFrom
        + ">, to="
        + recipients
        + ", "
        + data.length
        + " bytes, connection "
        + connectionNumber
        + "]";
  }
}
