package dev.herald.delivery;

import dev.herald.mailserver.Failure;
import dev.herald.mailserver.ServerConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * How often and how patiently to try a connection or a message again; {@code notes} prints one line
 * per retry (see {@link #line}).
 */
record Retry(int attempts, Duration delay, Consumer<String> notes) {
  Retry(int attempts, Duration delay) {
    this(attempts, delay, line -> {});
  }

  /**
   * Says why and waits before try number {@code next} (2 for the first retry), as {@link Backoff}
   * says; {@code recipient} is null when connecting failed.
   */
  void pause(ServerConfig server, String recipient, Failure last, int next)
      throws InterruptedException {
    Duration wait = Backoff.before(delay, next, ThreadLocalRandom.current().nextDouble());
    notes.accept(line(server, recipient, last, wait, next, attempts));
    Thread.sleep(wait.toMillis());
  }

  /**
   * The line printed before a wait: "connect to HOST:PORT failed (REPLY); trying again in 8 s
   * (attempt 3 of 7)", or for a message, "RECIPIENT via HOST:PORT: REPLY; trying again ...".
   */
  private static String line(
      ServerConfig server, String recipient, Failure failure, Duration wait, int next, int of) {
    String reply = failure == null || failure.reply().isEmpty() ? "no reply" : failure.reply();
    return (recipient == null
            ? "connect to " + server.address() + " failed (" + reply + ")"
            : recipient + " via " + server.address() + ": " + reply)
        + "; trying again in "
        + Backoff.human(wait)
        + " (attempt "
        + next
        + " of "
        + of
        + ")";
  }
}
