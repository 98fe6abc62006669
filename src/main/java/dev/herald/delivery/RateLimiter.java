package dev.herald.delivery;

/**
 * Spaces messages evenly so that all connections together send at most {@code perMinute} a minute.
 * Each caller reserves the next free slot and sleeps until it.
 */
public final class RateLimiter {
  // the time between two messages; 0: no limit (perMinute 0 or less)
  private final long intervalNanos;
  private long next;

  /** At most {@code perMinute} messages a minute; 0 or less: as fast as the connections go. */
  public RateLimiter(int perMinute) {
    this.intervalNanos = perMinute <= 0 ? 0 : 60_000_000_000L / perMinute;
    this.next = System.nanoTime();
  }

  public void acquire() throws InterruptedException {
    if (intervalNanos == 0) {
      return;
    }
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      slot = Math.max(next, now);
      next = slot + intervalNanos;
    }
    long wait = slot - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  /**
   * Takes the next slot only if it is due now, without waiting: whether it was taken. Always true
   * without a limit.
   */
  public boolean tryAcquire() {
    if (intervalNanos == 0) {
      return true;
    }
    synchronized (this) {
      long now = System.nanoTime();
      if (next - now > 0) {
        return false;
      }
      next = now + intervalNanos;
      return true;
    }
  }
}
