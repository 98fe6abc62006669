package dev.herald.delivery;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.DropPoint;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages that went to the server whole and got no final reply (a reply slower than the data
 * timeout, a connection dropped after the final ".", a reply that is not one): recorded as {@code
 * unknown}, never sent again by this run or a later one unless {@code --retry-unknown}, and a
 * server that stalls every message stops the run after three.
 */
@Slow
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AmbiguousOutcomeTest {
  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  /** Retries take no time; the reply to the end of data is awaited one second. */
  private static Map<String, String> shortDataTimeout() {
    Map<String, String> env = new HashMap<>(Smtp.FAST_RETRIES);
    env.put("HERALD_SMTP_DATA_TIMEOUT", "1");
    return env;
  }

  private CliRun.Result send(Map<String, String> env, FaultySmtpServer server, String... more) {
    return CliRun.in(dir).env(env).run(Smtp.send(server.host(), server.port(), more));
  }

  private static Map<String, Integer> perRecipient(FaultySmtpServer... servers) {
    Map<String, Integer> counts = new HashMap<>();
    for (FaultySmtpServer server : servers) {
      for (Received r : server.received()) {
        for (String rcpt : r.recipients()) {
          counts.merge(rcpt.toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private Set<String> unknownInJournal() {
    return SendJournal.entries(dir, Outcome.UNKNOWN).stream()
        .map(JournalEntry::recipient)
        .collect(Collectors.toSet());
  }

  @Test
  void aReplySlowerThanTheDataTimeoutIsUnknownAndNotSentAgainUnlessAsked() throws Exception {
    CliRun.Result first;
    try (FaultySmtpServer slow =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofMillis(2500)).start()) {
      first = send(shortDataTimeout(), slow, "--limit", "2", "--connections", "1");
      // the server answers late, and keeps each message: one copy each, never a second
      slow.awaitAccepted(2, Duration.ofSeconds(10));
      Map<String, Integer> got = perRecipient(slow);
      assertEquals(2, got.size(), got::toString);
      got.forEach((rcpt, n) -> assertEquals(1, n, rcpt));
      assertEquals(2, slow.connectionCount(), slow::toString);
    }

    assertEquals(3, first.exitCode(), first::toString);
    assertContains(first.out(), "0 sent, 0 failed, 0 deferred, 2 unknown");
    assertContains(first.out(), "Unknown (sent whole, no reply came");
    assertContains(first.out(), "no reply to the end of data within 1 s (smtp.data-timeout)");
    Set<String> unknown = unknownInJournal();
    assertEquals(2, unknown.size());
    assertTrue(SendJournal.entries(dir, Outcome.DEFERRED).isEmpty());

    try (FaultySmtpServer fast = FaultySmtpServer.builder().start()) {
      CliRun.Result rerun = send(Smtp.FAST_RETRIES, fast, "--format", "json");

      assertEquals(0, rerun.exitCode(), rerun::toString);
      assertEquals(13, fast.acceptedCount());
      unknown.forEach(rcpt -> assertTrue(fast.messagesTo(rcpt).isEmpty(), rcpt));
      assertEquals(
          2L, map(JsonText.object(rerun.out().strip()).get("skipped")).get("unknown_before"));

      CliRun.Result retry = send(Smtp.FAST_RETRIES, fast, "--retry-unknown");

      assertEquals(0, retry.exitCode(), retry::toString);
      assertContains(retry.out(), "2 sent, 0 failed, 0 deferred");
      unknown.forEach(rcpt -> assertEquals(1, fast.messagesTo(rcpt).size(), rcpt));
      assertEquals(15, fast.acceptedCount());
    }
  }

  @Test
  void aServerThatStallsEveryMessageIsGivenUpAfterThree() throws Exception {
    CliRun.Result r;
    try (FaultySmtpServer stalling =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofMillis(2500)).start()) {
      r = send(shortDataTimeout(), stalling, "--connections", "1", "--format", "json");
      stalling.awaitAccepted(3, Duration.ofSeconds(10));
      assertEquals(3, stalling.connectionCount(), stalling::toString);
      perRecipient(stalling).forEach((rcpt, n) -> assertEquals(1, n, rcpt));
    }

    // three may have been delivered: partly, not "could not deliver at all"
    assertEquals(3, r.exitCode(), r::toString);
    Map<String, Object> json = JsonText.object(r.out().strip());
    assertEquals(3, ((List<?>) json.get("unknown")).size());
    assertEquals(12L, json.get("not_attempted"));
    assertContains((String) json.get("stopped"), "did not answer the end of 3 messages in a row");
    assertEquals(3, unknownInJournal().size());
    assertEquals(3, SendJournal.entries(dir, Outcome.ATTEMPT).size());
  }

  @Test
  void aConnectionDroppedAfterTheWholeMessageIsUnknown() {
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .dropConnectionAfterMessages(2)
            .dropAt(DropPoint.AFTER_ACCEPT)
            .start()) {
      r = send(Smtp.FAST_RETRIES, server, "--connections", "1");
      // the message whose reply was lost was not sent again: nobody got two
      Map<String, Integer> got = perRecipient(server);
      assertEquals(15, got.size(), got::toString);
      got.forEach((rcpt, n) -> assertEquals(1, n, rcpt));
    }

    assertEquals(3, r.exitCode(), r::toString);
    int unknown = unknownInJournal().size();
    assertEquals(5, unknown, r::toString); // every third message, on five connections
    assertEquals(10, SendJournal.count(dir, Outcome.SENT).size());
    assertContains(r.out(), "10 sent, 0 failed, 0 deferred, 5 unknown");
    assertContains(r.out(), "the connection broke after the whole message was sent");
  }

  @Test
  void aMalformedFinalReplyIsUnknownAndDescribedNotAnInternalError() {
    CliRun.Result r;
    try (FaultySmtpServer server = FaultySmtpServer.builder().rawFinalReply("OK thanks").start()) {
      r = send(Smtp.FAST_RETRIES, server, "--limit", "3", "--connections", "1");
      Map<String, Integer> got = perRecipient(server);
      assertEquals(3, got.size(), got::toString);
      got.forEach((rcpt, n) -> assertEquals(1, n, rcpt));
    }

    assertEquals(3, r.exitCode(), r::toString);
    List<JournalEntry> unknown = SendJournal.entries(dir, Outcome.UNKNOWN);
    assertEquals(3, unknown.size());
    for (JournalEntry e : unknown) {
      assertContains(e.reply(), "no valid reply to the end of data (the server sent: OK thanks)");
      assertFalse(e.reply().contains("Exception"), e::toString);
      assertFalse(e.reply().contains("java."), e::toString);
    }
    assertFalse(r.all().contains("Exception"), r::toString);
  }

  @Test
  void theReportCountsUnknownOutcomes() {
    try (FaultySmtpServer server = FaultySmtpServer.builder().rawFinalReply("250").start()) {
      // "250" alone, without text, is a valid reply (RFC 5321 section 4.2: the text may be empty)
      assertEquals(0, send(Smtp.FAST_RETRIES, server, "--limit", "1").exitCode());
    }
    try (FaultySmtpServer server = FaultySmtpServer.builder().rawFinalReply("2x0 ok").start()) {
      assertEquals(3, send(Smtp.FAST_RETRIES, server, "--limit", "2").exitCode());
    }

    CliRun.Result report = CliRun.in(dir).run("report", "--format", "json");

    assertEquals(0, report.exitCode(), report::toString);
    Map<String, Object> c =
        map(((List<?>) JsonText.object(report.out().strip()).get("campaigns")).get(0));
    assertEquals(1L, c.get("sent"));
    assertEquals(2L, c.get("unknown"));
    CliRun.Result table = CliRun.in(dir).run("report");
    assertTrue(
        table.out().lines().anyMatch(l -> l.matches("  Unknown +2  \\(sent whole.*")),
        table::toString);
  }
}
