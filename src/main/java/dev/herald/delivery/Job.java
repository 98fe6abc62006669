package dev.herald.delivery;

import dev.herald.contacts.Columns;
import dev.herald.contacts.Contact;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.journal.TemplateRecord;
import dev.herald.message.MessageBuilder;
import java.time.Instant;

/**
 * One due contact on its way to a connection: a render thread makes its message, then a connection
 * sends it. {@code wasInFlight}: a previous run was cut off while sending to it.
 */
public record Job(Contact contact, boolean wasInFlight) {

  /**
   * The journal line that says how message {@code m} to {@code contact} went: with the template it
   * was sent from, its subject, and the contact's source and legal basis.
   */
  static JournalEntry entry(
      Instant time,
      String campaign,
      Contact contact,
      Outcome outcome,
      String reply,
      MessageBuilder.Built m,
      TemplateRecord template) {
    return new JournalEntry(
        time,
        campaign,
        contact.email(),
        outcome,
        reply,
        m.messageId(),
        template.path(),
        template.hash(),
        m.subject(),
        contact.value(Columns.SOURCE),
        contact.value(Columns.LEGAL_BASIS));
  }

  /** What became of one message, on one line: "sent anna@kurier.example: 250 2.0.0 Ok". */
  static String describe(JournalEntry e) {
    String what = e.outcome().csv() + " " + e.recipient();
    return e.reply().isEmpty() ? what : what + ": " + e.reply();
  }
}
