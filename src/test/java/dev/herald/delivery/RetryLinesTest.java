package dev.herald.delivery;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A wait before a retry is never silent: one line per retry, in a CI log as on a terminal. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RetryLinesTest {
  private static final Pattern CONNECT_RETRY =
      Pattern.compile(
          "connect to 127\\.0\\.0\\.1:\\d+ failed \\(([^\\n]*)\\); trying again in ([0-9.]+) s"
              + " \\(attempt (\\d+) of 7\\)");

  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  @Test
  void aBusyGreetingPrintsOneLinePerRetryAndTheRunThenSends() {
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().replyOnConnect(421, "4.3.2 too busy, come back", 3).start()) {
      r =
          CliRun.in(dir)
              .env(Map.of("HERALD_SMTP_RETRY_DELAY_MS", "1", "HERALD_SMTP_ATTEMPTS", "7"))
              .run(Smtp.send(server.host(), server.port(), "--connections", "1"));
      assertEquals(3, server.refusedConnectionCount());
    }
    assertEquals(0, r.exitCode(), r::toString);
    Matcher m = CONNECT_RETRY.matcher(r.err());
    int lines = 0;
    while (m.find()) {
      lines++;
      assertContains(m.group(1), "421");
      assertEquals(String.valueOf(lines + 1), m.group(3), r::toString);
      // 1 ms doubling, plus at most a quarter: 1, 2, 4 ms
      assertEquals(true, Double.parseDouble(m.group(2)) <= 0.005, r::toString);
    }
    assertEquals(3, lines, r::toString);
  }

  @Test
  void aServerThatStaysBusyIsGivenUpAfterTheLastAttemptWithALineForEachWait() {
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().replyOnConnect(421, "4.3.2 too busy", 50).start()) {
      r =
          CliRun.in(dir)
              .env(Map.of("HERALD_SMTP_RETRY_DELAY_MS", "1", "HERALD_SMTP_ATTEMPTS", "7"))
              .run(Smtp.send(server.host(), server.port()));
      assertEquals(7, server.refusedConnectionCount());
    }
    assertEquals(4, r.exitCode(), r::toString);
    Matcher m = CONNECT_RETRY.matcher(r.err());
    int lines = 0;
    while (m.find()) {
      lines++;
    }
    assertEquals(6, lines, r::toString);
  }
}
