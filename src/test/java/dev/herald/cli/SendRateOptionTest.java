package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.HeraldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --rate N/min} (or N/s, N/h) read as messages a minute. */
class SendRateOptionTest {
  @Test
  void noRateIsNoLimit() {
    assertEquals(0, Rate.parse(null, "--rate").perMinute());
  }

  @ParameterizedTest
  @CsvSource({
    "600/min, 600",
    "600/m, 600",
    "600/minute, 600",
    "600, 600",
    "' 120/MIN ', 120",
    "10/s, 600",
    "10/sec, 600",
    "1/second, 60",
    "3600/h, 60",
    "3600/hour, 60",
    "60/h, 1",
    "90/h, 1",
    "1/min, 1",
    "99999999/s, 2147483647"
  })
  void readsEachUnit(String spec, int perMinute) {
    assertEquals(perMinute, Rate.parse(spec, "--rate").perMinute());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0/min",
        "-5/min",
        "fast",
        "10/day",
        "10/",
        "/min",
        "1.5/s",
        "10 per min",
        "",
        "30/h"
      })
  void anythingElseIsAnInputErrorQuotingIt(String spec) {
    HeraldException e =
        assertThrows(HeraldException.class, () -> Rate.parse(spec, "--rate").perMinute());

    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("'" + spec + "'"), e.getMessage());
  }
}
