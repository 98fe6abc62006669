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
}
