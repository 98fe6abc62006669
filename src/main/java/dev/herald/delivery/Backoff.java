package dev.herald.delivery;

import java.time.Duration;
import java.util.Locale;

/**
 * How long to wait before trying again: the configured delay ({@code smtp.retry-delay-ms}) before
 * the second try, doubling for each try after it, with up to a quarter more at random so that
 * parallel connections do not all come back at the same instant, and never more than {@link #CAP}
 * in all. Without the cap, {@code smtp.attempts=12} would wait about 68 minutes in silence.
 */
final class Backoff {
  /** The longest any wait between two tries may be, jitter included. */
  static final Duration CAP = Duration.ofSeconds(60);

  private Backoff() {}

  /**
   * The wait before try number {@code next} (2 for the first retry) with the jitter {@code random}
   * (a number from 0 to 1, as {@link java.util.concurrent.ThreadLocalRandom#nextDouble()} gives).
   */
  static Duration before(Duration first, int next, double random) {
    long cap = CAP.toMillis();
    long firstMillis = Math.max(0, Math.min(first.toMillis(), cap));
    int doublings = Math.max(0, Math.min(next - 2, 20));
    long base = Math.min(firstMillis << doublings, cap); // at most 60 000 << 20: no overflow
    long jitter = base <= 1 ? 0 : (long) (base / 4.0 * Math.max(0, Math.min(random, 1)));
    return Duration.ofMillis(Math.min(base + jitter, cap));
  }

  /** A wait as the retry line says it: "8 s", "1.5 s", "0.002 s". */
  static String human(Duration wait) {
    long ms = wait.toMillis();
    if (ms % 1000 == 0) {
      return ms / 1000 + " s";
    }
    if (ms >= 1000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return String.format(Locale.ROOT, "%.3f s", ms / 1000.0);
  }
}
