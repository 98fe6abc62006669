package dev.herald.journal;

import java.util.Locale;
import java.util.Optional;

/** What happened to one message, as recorded in the {@code outcome} column of the journal. */
public enum Outcome {
  /** Written just before the message is handed to the server. */
  ATTEMPT,
  /** The server accepted the message. */
  SENT,
  /** The server refused the message permanently (a 5xx reply). */
  FAILED,
  /** Temporary failures went on after every retry, so the run gave up on this message. */
  DEFERRED,
  /** Written to the local outbox instead of emailed; never counts as sent. */
  OUTBOX,
  /** A delivery status notification later said the message bounced. */
  BOUNCED,
  /**
   * The whole message went to the server and no valid final reply came (a timeout, a dropped
   * connection, a malformed reply): it may or may not have been delivered, so it is not sent again
   * unless asked ({@code --retry-unknown}).
   */
  UNKNOWN,
  /**
   * A copy of the sent message was appended to the mailbox's Sent folder ({@code send --save-sent};
   * the reply column names the folder). Says nothing about delivery, so it never changes whether a
   * recipient is sent to.
   */
  SAVED;

  private final String csv = name().toLowerCase(Locale.ROOT);

  /** The value written in the journal, such as {@code sent}. */
  public String csv() {
    return csv;
  }

  /** The outcome whose journal value is {@code value} (ignoring case), if there is one. */
  public static Optional<Outcome> parse(String value) {
    for (Outcome outcome : values()) {
      if (outcome.csv.equalsIgnoreCase(value)) {
        return Optional.of(outcome);
      }
    }
    return Optional.empty();
  }
}
