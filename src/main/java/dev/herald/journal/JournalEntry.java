package dev.herald.journal;

import dev.herald.Display;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One line of the send journal.
 *
 * <p>The journal keeps milliseconds, so {@code time} is truncated to them here and an entry reads
 * back equal to the one written. {@code reply} is the server's reply as {@link Display#reply} keeps
 * it: on one line, control and bidirectional characters escaped, at most a few hundred characters,
 * so that no server can make the journal unreadable (a 4 MB reply) or write terminal escapes into
 * it. A missing {@code reply} or {@code messageId} is the empty string.
 *
 * <p>{@code template} and {@code templateHash} say which release the line was sent from (see {@link
 * TemplateRecord}); both are empty on lines written before the journal had those columns, and on
 * lines that come from no template.
 *
 * <p>{@code subject} is the message's subject as sent (decoded, on one line), so that a follow-up
 * can thread under it; {@code contactSource} and {@code legalBasis} are the contact's columns of
 * those names when the list has them, so that a press office can say why it wrote to an address.
 * All three are empty on lines written before the journal had those columns.
 */
public record JournalEntry(
    Instant time,
    String campaign,
    String recipient,
    Outcome outcome,
    String reply,
    String messageId,
    String template,
    String templateHash,
    String subject,
    String contactSource,
    String legalBasis) {

  /** A line that records no template. */
  public JournalEntry(
      Instant time,
      String campaign,
      String recipient,
      Outcome outcome,
      String reply,
      String messageId) {
    this(time, campaign, recipient, outcome, reply, messageId, "", "");
  }

  /** A line that records no subject and no provenance. */
  public JournalEntry(
      Instant time,
      String campaign,
      String recipient,
      Outcome outcome,
      String reply,
      String messageId,
      String template,
      String templateHash) {
    this(time, campaign, recipient, outcome, reply, messageId, template, templateHash, "", "", "");
  }

  public JournalEntry {
    time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
    Objects.requireNonNull(campaign, "campaign");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(outcome, "outcome");
    reply = reply == null ? "" : Display.reply(reply);
    messageId = messageId == null ? "" : messageId;
    template = template == null ? "" : template;
    templateHash = templateHash == null ? "" : templateHash;
    subject = oneLine(subject);
    contactSource = oneLine(contactSource);
    legalBasis = oneLine(legalBasis);
  }

  // A journal line is one line: a value can never start another (the reader would take it as a
  // damaged file). Everything else is kept as it is, so that a follow-up's "Re:" quotes the subject
  // exactly.
  private static String oneLine(String s) {
    return s == null ? "" : s.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
  }

  /** The template this line was sent from; {@link TemplateRecord#NONE} if none is recorded. */
  public TemplateRecord source() {
    return template.isEmpty() && templateHash.isEmpty()
        ? TemplateRecord.NONE
        : new TemplateRecord(template, templateHash);
  }
}
