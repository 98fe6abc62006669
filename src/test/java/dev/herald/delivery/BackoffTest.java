package dev.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The wait between tries: doubling from the configured delay, jitter included never over 60 s. */
class BackoffTest {
  private static final Duration TWO_S = Duration.ofSeconds(2);

  @Test
  void theWaitDoublesFromTheConfiguredDelay() {
    assertEquals(Duration.ofSeconds(2), Backoff.before(TWO_S, 2, 0));
    assertEquals(Duration.ofSeconds(4), Backoff.before(TWO_S, 3, 0));
    assertEquals(Duration.ofSeconds(8), Backoff.before(TWO_S, 4, 0));
    assertEquals(Duration.ofSeconds(32), Backoff.before(TWO_S, 6, 0));
    assertEquals(Duration.ofMillis(2500), Backoff.before(TWO_S, 2, 1), "a quarter more at most");
  }

  @Test
  void sevenAttemptsAgainstABusyServerWaitAtMostAMinuteEach() {
    // the case: smtp.attempts=7 waited 2+4+8+16+32+64 s; now the last wait is 60 s
    assertEquals(Duration.ofSeconds(60), Backoff.before(TWO_S, 7, 0));
    assertEquals(Duration.ofSeconds(60), Backoff.before(TWO_S, 7, 1), "jitter stays under the cap");
    assertEquals(Duration.ofSeconds(60), Backoff.before(Duration.ofMinutes(10), 2, 0.5));
  }

  static Stream<Arguments> generated() {
    Random random = new Random(16);
    List<Arguments> cases = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long first = random.nextInt(4) == 0 ? random.nextInt(600_001) : random.nextInt(5000);
      cases.add(Arguments.of(first, 2 + random.nextInt(120), random.nextDouble()));
    }
    cases.add(Arguments.of(600_000L, 100, 1.0));
    cases.add(Arguments.of(1L, 100, 1.0));
    cases.add(Arguments.of(0L, 2, 1.0));
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("generated")
  void noWaitIsLongerThanTheCapOrShorterThanTheDoubledDelay(long firstMs, int next, double r) {
    Duration wait = Backoff.before(Duration.ofMillis(firstMs), next, r);
    assertTrue(wait.compareTo(Backoff.CAP) <= 0, () -> wait + " is over the cap");
    long doubled = firstMs << Math.min(next - 2, 20);
    assertTrue(
        wait.toMillis() >= Math.min(doubled, Backoff.CAP.toMillis()),
        () -> wait + " is shorter than the doubled delay");
  }

  @Test
  void theLineSaysTheWaitPlainly() {
    assertEquals("8 s", Backoff.human(Duration.ofSeconds(8)));
    assertEquals("2.5 s", Backoff.human(Duration.ofMillis(2500)));
    assertEquals("0.002 s", Backoff.human(Duration.ofMillis(2)));
  }
}
