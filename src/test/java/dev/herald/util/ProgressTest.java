package dev.herald.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Progress is drawn on the stream the command was given, never on the process's own. */
class ProgressTest {
  @Test
  void theBarIsDrawnOnTheGivenStream() {
    StringWriter err = new StringWriter();

    try (Progress p = Progress.bar("Sending", 3, new PrintWriter(err))) {
      p.step();
      p.step();
      p.step();
    }

    String drawn = err.toString();
    assertTrue(drawn.contains("Sending"), drawn);
    assertTrue(drawn.contains("3/3"), drawn);
    assertTrue(drawn.startsWith("\r"), "redrawn in place: " + drawn);
    assertTrue(drawn.endsWith(System.lineSeparator()), "ends its line: " + drawn);
  }

  @Test
  void aNoteGoesOnALineOfItsOwnOnTheGivenStream() {
    StringWriter err = new StringWriter();

    try (Progress p = Progress.bar("Sending", 2, new PrintWriter(err))) {
      p.note("retrying in 2s");
    }

    assertTrue(err.toString().contains(System.lineSeparator() + "retrying in 2s"), err::toString);
  }

  @Test
  void withoutATerminalALineEveryIntervalGoesToTheGivenStream() {
    StringWriter err = new StringWriter();
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    try (Progress p = Progress.lines(new PrintWriter(err), "sent", 2, clock, Duration.ZERO)) {
      p.step();
    }

    assertEquals(
        "sent 1/2 (1000/s, about 0s left)" + System.lineSeparator(), err.toString(), err::toString);
  }

  @Test
  void aRateBelowOneASecondIsShownPerMinute() {
    assertEquals("240/s", Progress.rate(1200, Duration.ofSeconds(5)));
    assertEquals("2.5/s", Progress.rate(5, Duration.ofSeconds(2)));
    assertEquals("1.0/s", Progress.rate(60, Duration.ofMinutes(1)));
    assertEquals("30/min", Progress.rate(30, Duration.ofMinutes(1)));
    assertEquals("6.0/min", Progress.rate(1, Duration.ofSeconds(10)));
    assertEquals("0.5/min", Progress.rate(1, Duration.ofMinutes(2)));
  }

  @Test
  void aSlowRunsLinesSayHowManyAMinuteAndLongWaitsInWords() {
    StringWriter err = new StringWriter();
    Instant start = Instant.parse("2026-11-27T10:00:00Z");
    Instant[] now = {start};
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };

    try (Progress p =
        Progress.lines(new PrintWriter(err), "sent", 1000, clock, Duration.ofSeconds(5))) {
      now[0] = start.plusSeconds(10); // held to 6 a minute: 999 left take 2 hours 46 minutes
      p.step();
    }

    assertEquals(
        "sent 1/1000 (6.0/min, about 2 hours 46 minutes left)" + System.lineSeparator(),
        err.toString());
  }

  @Test
  void waitsUnderAnHourInMinutesAndSecondsLongerInWords() {
    assertEquals("45s", Progress.human(Duration.ofSeconds(45)));
    assertEquals("12m 5s", Progress.human(Duration.ofSeconds(725)));
    assertEquals("3 hours 5 minutes", Progress.human(Duration.ofMinutes(185)));
    assertEquals("22 days", Progress.human(Duration.ofDays(22)));
  }
}
