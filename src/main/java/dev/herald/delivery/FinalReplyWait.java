package dev.herald.delivery;

import dev.herald.mailserver.WriteWatchdog;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * One connection's wait for the reply to the end of a message: each read of it, and the whole of
 * it, bounded by {@code smtp.data-timeout} instead of the connection's usual read timeout (RFC 5321
 * section 4.5.3.2.6 suggests 10 minutes: a server may scan the message before it answers). For a
 * connection whose socket herald does not know, waiting changes nothing.
 */
final class FinalReplyWait {
  private final Socket socket;
  private final WriteWatchdog.Watched writes;
  private final Duration timeout;
  // the socket's read timeout before the wait, to restore after it; empty if it could not be read
  private OptionalInt normal = OptionalInt.empty();

  /** {@code socket} and {@code writes} are null when the socket is not known. */
  FinalReplyWait(Socket socket, WriteWatchdog.Watched writes, Duration timeout) {
    this.socket = socket;
    this.writes = writes;
    this.timeout = timeout;
  }

  /**
   * Starts the wait. The whole reply, not only each line of it, must come within the data timeout:
   * a server sending {@code 250-} continuation lines for ever would otherwise hold the run for
   * ever.
   */
  void begin() {
    normal = readTimeout();
    setReadTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    if (writes != null) {
      writes.readBy(System.nanoTime() + timeout.toNanos());
    }
  }

  /** Ends the bound on the whole reply; whether that bound is what ended the reply. */
  boolean boundHit() {
    return writes != null && writes.readDone();
  }

  /** Gives the socket its usual read timeout back. */
  void end() {
    normal.ifPresent(this::setReadTimeout);
  }

  private OptionalInt readTimeout() {
    try {
      return socket == null ? OptionalInt.empty() : OptionalInt.of(socket.getSoTimeout());
    } catch (IOException e) {
      return OptionalInt.empty();
    }
  }

  private void setReadTimeout(int millis) {
    if (socket == null) {
      return;
    }
    try {
      socket.setSoTimeout(millis);
    } catch (IOException e) {
      // a closed socket: the read that follows says so
    }
  }
}
