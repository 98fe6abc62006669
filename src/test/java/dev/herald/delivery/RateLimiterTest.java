package dev.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link RateLimiter#tryAcquire}: what a connection asks before it sends the next envelope early,
 * so that no envelope goes out for a message before its time.
 */
class RateLimiterTest {
  @Test
  void withoutALimitEverySlotIsFree() {
    RateLimiter none = new RateLimiter(0);
    for (int i = 0; i < 1000; i++) {
      assertTrue(none.tryAcquire());
    }
  }

  @Test
  void aSlotNotYetDueIsNotTaken() {
    RateLimiter oneAMinute = new RateLimiter(1);
    assertTrue(oneAMinute.tryAcquire(), "the first slot is due at once");
    assertFalse(oneAMinute.tryAcquire(), "the next is a minute away");
    assertFalse(oneAMinute.tryAcquire(), "a refused try takes nothing, and is still refused");
  }

  @Test
  void aSlotTakenByAcquireIsNotTakenAgain() throws InterruptedException {
    RateLimiter oneAMinute = new RateLimiter(1);
    oneAMinute.acquire();
    assertFalse(oneAMinute.tryAcquire());
  }
}
