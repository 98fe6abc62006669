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
    reply = reply == null ? "" : Display.reply(reply);
    messageId = messageId == null ? "" : messageId;
  }
}
