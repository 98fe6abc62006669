package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad settings name the place they came from, and every command answers --help. */
class SettingsMessagesTest {
  @TempDir Path dir;

  @Test
  void aBadRateFromTheEnvironmentNamesTheVariable() {
    Samples.copyTo(dir);
    CliRun.Result r =
        CliRun.in(dir)
            .env(Map.of("HERALD_SMTP_RATE", "5/fortnight"))
            .run(Smtp.send("127.0.0.1", Smtp.closedPort()));
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("HERALD_SMTP_RATE takes N/min"), r.toString());
  }

  @Test
  void aRateThatWouldOverflowIsRefusedRatherThanWrappingAround() {
    assertThrowsInput(() -> Rate.parse("999999999999999999/s", "--rate").perMinute());
    assertEquals(Integer.MAX_VALUE, Rate.parse("99999999999999/s", "--rate").perMinute());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "100000", "soon"})
  void aTimeoutOutsideOneSecondToAnHourIsRefused(String value) throws Exception {
    Samples.copyTo(dir);
    Files.writeString(dir.resolve("herald.properties"), "smtp.timeout=" + value + "\n");
    CliRun.Result r = CliRun.in(dir).run(Smtp.send("127.0.0.1", Smtp.closedPort()));
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("smtp.timeout"), r.toString());
    assertTrue(r.err().contains("from 1 to 3600"), r.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"check", "preview", "send", "report"})
  void everyCommandAnswersHelp(String command) {
    CliRun.Result r = CliRun.in(dir).run(command, "--help");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("Usage: herald " + command), r.toString());
  }

  private static void assertThrowsInput(Runnable r) {
    dev.herald.HeraldException e =
        org.junit.jupiter.api.Assertions.assertThrows(dev.herald.HeraldException.class, r::run);
    assertEquals(2, e.exitCode());
  }

  @Test
  void aFailedRunWithJsonOutputStillPrintsJsonOnStdout() {
    Samples.copyTo(dir);
    CliRun.Result r =
        CliRun.in(dir).run(Smtp.send("127.0.0.1", Smtp.closedPort(), "--format", "json"));
    assertEquals(4, r.exitCode(), r.toString());
    assertTrue(r.out().contains("\"status\": \"error\""), r.toString());
    assertTrue(r.out().contains("\"exit_code\": 4"), r.toString());
    assertTrue(r.err().contains("cannot reach the SMTP server"), r.toString());
  }
}
