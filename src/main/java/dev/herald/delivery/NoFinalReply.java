package dev.herald.delivery;

import dev.herald.mailserver.Failure;
import jakarta.mail.MessagingException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * The whole message went to the server and no valid reply to its end came: the server may have
 * delivered it, so it must not be sent again as if it had not (the outcome is {@code unknown}). The
 * message describes what happened in plain words, never as an exception's name.
 */
final class NoFinalReply extends MessagingException {
  private static final long serialVersionUID = 1L;
  private final boolean timedOut;

  private NoFinalReply(String description, boolean timedOut, Exception cause) {
    super(description, cause);
    this.timedOut = timedOut;
  }

  /** Whether the server said nothing within the data timeout (rather than hang up). */
  boolean timedOut() {
    return timedOut;
  }

  static NoFinalReply timedOut(Duration waited, Exception cause) {
    return new NoFinalReply(
        "no reply to the end of data within "
            + (waited.toMillis() % 1000 == 0
                ? String.valueOf(waited.toSeconds())
                : String.format(Locale.ROOT, "%.1f", waited.toMillis() / 1000.0))
            + " s (smtp.data-timeout); the server may have delivered it",
        true,
        cause);
  }

  static NoFinalReply of(MessagingException e, Duration waited) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return timedOut(waited, e);
      }
    }
    return new NoFinalReply(
        "the connection broke after the whole message was sent, before the server replied;"
            + " the server may have delivered it",
        false,
        e);
  }

  static NoFinalReply malformed(int code, String said) {
    String text = Failure.oneLine(said);
    // Angus's readServerResponse gives -1 when no reply code could be read (the stream ended)
    if (code == -1 && (text.isEmpty() || text.equals("[EOF]"))) {
      return new NoFinalReply(
          "the server closed the connection after the whole message was sent, without a reply;"
              + " it may have delivered it",
          false,
          null);
    }
    return new NoFinalReply(
        "no valid reply to the end of data (the server sent: "
            + text
            + "); it may have delivered it",
        false,
        null);
  }
}
