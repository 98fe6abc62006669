package dev.herald.journal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One line of the send journal.
 *
 * <p>The journal keeps milliseconds, so {@code time} is truncated to them here and an entry reads
 * back equal to the one written. {@code reply} is the server's reply on one line: CR, LF and CRLF
 * become a space each. A missing {@code reply} or {@code messageId} is the empty string.
 */
public record JournalEntry(
    Instant time,
    String campaign,
    String recipient,
    Outcome outcome,
    String reply,
    String messageId) {

  public JournalEntry {
    time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
    Objects.requireNonNull(campaign, "campaign");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(outcome, "outcome");
    reply = reply == null ? "" : foldLines(reply);
    messageId = messageId == null ? "" : messageId;
  }

  private static String foldLines(String text) {
    return text.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
  }
}
