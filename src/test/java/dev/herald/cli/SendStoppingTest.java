package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.ExitCodes;
import dev.herald.journal.Outcome;
import dev.herald.testing.ChildHerald;
import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.JsonText;
import dev.herald.testing.Received;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Slow;
import dev.herald.testing.Smtp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (a CI job's timeout) and Ctrl-C sent to a real herald process mid-send: it takes no new
 * message, journals the replies in flight, prints its summary and exits 5; a re-run sends only what
 * is missing.
 */
@Slow
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SendStoppingTest {
  static final int CONTACTS = 60;
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private ChildHerald child;

  private Process start(FaultySmtpServer server, String... more) throws Exception {
    Samples.copyTo(dir);
    ChildHerald.contacts(dir, CONTACTS);
    child = ChildHerald.in(dir).env(Smtp.FAST_RETRIES);
    String[] args = Smtp.send(server.host(), server.port(), "--connections", "2");
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return child.start(all);
  }

  private int exitOf(Process p, Duration within) throws Exception {
    if (!p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("the child did not end within " + within + "\n" + child.output());
    }
    return p.exitValue();
  }

  private static Map<String, Integer> perRecipient(FaultySmtpServer server) {
    Map<String, Integer> counts = new HashMap<>();
    for (Received r : server.received()) {
      for (String rcpt : r.recipients()) {
        counts.merge(rcpt.toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static void awaitSettled(FaultySmtpServer server) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (server.inFlightCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, server.inFlightCount(), "the server still holds messages");
  }

  /** Every message the server accepted is journalled as sent; the re-run sends the rest once. */
  private void assertJournalHoldsEveryReplyAndRerunCompletes(FaultySmtpServer server)
      throws Exception {
    awaitSettled(server);
    Map<String, Integer> accepted = perRecipient(server);
    assertTrue(accepted.size() < CONTACTS, "the child finished before it was stopped");
    Map<String, Integer> journalled = SendJournal.count(dir, Outcome.SENT);
    assertEquals(accepted.keySet(), journalled.keySet(), child.output());

    CliRun.Result rerun =
        CliRun.in(dir).env(Smtp.FAST_RETRIES).run(Smtp.send(server.host(), server.port()));
    assertEquals(0, rerun.exitCode(), rerun::toString);
    assertFalse(rerun.out().contains("Sent again"), rerun::toString);
    Map<String, Integer> all = perRecipient(server);
    assertEquals(CONTACTS, all.size());
    all.forEach((rcpt, n) -> assertEquals(1, n, rcpt + " got the release " + n + " times"));
  }

  @Test
  void sigtermStopsAfterTheRepliesInFlightWithASummaryAndExit5() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofMillis(150)).start()) {
      Process p = start(server);
      server.awaitAccepted(6, WAIT);
      server.awaitInFlight(1, WAIT);
      p.destroy(); // SIGTERM
      assertEquals(ExitCodes.STOPPED, exitOf(p, Duration.ofSeconds(30)), child.output());
      String out = child.out();
      assertTrue(out.contains("Stopped early: interrupted by SIGTERM."), child.output());
      assertTrue(out.contains("not attempted; a re-run continues"), child.output());
      assertTrue(out.contains("Journal: logs/sends.csv"), child.output());
      assertTrue(child.err().contains("herald: stopping (SIGTERM)"), child.output());
      assertJournalHoldsEveryReplyAndRerunCompletes(server);
    }
  }

  @Test
  void ctrlCWithJsonPrintsTheJsonSummaryWithStatusStopped() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofMillis(150)).start()) {
      Process p = start(server, "--format", "json");
      server.awaitAccepted(6, WAIT);
      server.awaitInFlight(1, WAIT);
      ChildHerald.interrupt(p);
      assertEquals(ExitCodes.STOPPED, exitOf(p, Duration.ofSeconds(30)), child.output());
      Map<String, Object> json = JsonText.object(child.out());
      assertEquals("stopped", json.get("status"), child.output());
      assertEquals(5, ((Number) json.get("exit_code")).intValue());
      assertEquals("interrupted by SIGINT.", json.get("stopped"));
      awaitSettled(server);
      assertEquals(
          SendJournal.count(dir, Outcome.SENT).size(), ((Number) json.get("sent")).intValue());
      assertJournalHoldsEveryReplyAndRerunCompletes(server);
    }
  }

  @Test
  void aServerThatDoesNotAnswerIsWaitedForAFewSecondsOnly() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofSeconds(40)).start()) {
      Process p = start(server);
      server.awaitInFlight(2, WAIT);
      long start = System.nanoTime();
      p.destroy();
      assertEquals(ExitCodes.STOPPED, exitOf(p, Duration.ofSeconds(20)), child.output());
      long took = (System.nanoTime() - start) / 1_000_000;
      assertTrue(took >= 4_500, "stopped after " + took + " ms, before the grace ran out");
      String out = child.out();
      assertTrue(
          out.contains("2 messages were handed to the server, which had not replied"),
          child.output());
      assertTrue(out.contains("0 sent"), child.output());
      // the two are on record as attempts: a re-run sends them again, and says so
      assertEquals(2, SendJournal.count(dir, Outcome.ATTEMPT).size());
    }
  }

  @Test
  void aSecondCtrlCStopsAtOnce() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofSeconds(40)).start()) {
      Process p = start(server);
      server.awaitInFlight(2, WAIT);
      ChildHerald.interrupt(p);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!child.err().contains("herald: stopping (SIGINT)") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long start = System.nanoTime();
      ChildHerald.interrupt(p);
      assertEquals(ExitCodes.STOPPED, exitOf(p, Duration.ofSeconds(20)), child.output());
      long took = (System.nanoTime() - start) / 1_000_000;
      assertTrue(took < 3_000, "a second Ctrl-C took " + took + " ms");
      assertTrue(child.err().contains("stopped at once (Ctrl-C twice)"), child.output());
    }
  }

  @Test
  void aSigtermAfterCtrlCIsNotASecondCtrlC() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofMillis(500)).start()) {
      Process p = start(server);
      server.awaitInFlight(2, WAIT);
      ChildHerald.interrupt(p);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!child.err().contains("herald: stopping (SIGINT)") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      p.destroy(); // SIGTERM: the orderly stop goes on
      assertEquals(ExitCodes.STOPPED, exitOf(p, Duration.ofSeconds(30)), child.output());
      assertFalse(child.err().contains("stopped at once"), child.output());
      assertTrue(child.out().contains("Stopped early: interrupted by SIGINT."), child.output());
      assertJournalHoldsEveryReplyAndRerunCompletes(server);
    }
  }
}
