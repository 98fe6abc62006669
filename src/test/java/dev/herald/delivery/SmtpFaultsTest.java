package dev.herald.delivery;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.DropPoint;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.JsonText;
import dev.herald.testing.Received;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Smtp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald send} against an SMTP server that misbehaves as scripted: permanent and temporary
 * refusals, refused and dropped connections, a server that goes away, a wrong login, and the
 * parallelism and rate it is given.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SmtpFaultsTest {
  static final String ROSSI = "g.rossi@quotidiano-regioni.example";
  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private CliRun.Result send(FaultySmtpServer server, String... more) {
    return send(Smtp.FAST_RETRIES, server, more);
  }

  private CliRun.Result send(Map<String, String> env, FaultySmtpServer server, String... more) {
    return CliRun.in(dir).env(env).run(Smtp.send(server.host(), server.port(), more));
  }

  /** How many messages each recipient got, lower-cased. */
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

  @Test
  void aPermanentRefusalFailsThatOneAndTheRestAreSent() {
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().rejectRecipient(ROSSI, 550, "5.1.1 mailbox unknown").start()) {
      r = send(server);
      assertEquals(14, server.acceptedCount());
      assertTrue(server.messagesTo(ROSSI).isEmpty());
    }

    assertEquals(3, r.exitCode(), r::toString);
    assertContains(r.out(), "14 sent, 1 failed, 0 deferred");
    assertContains(r.out(), "Failed (the server refused them; --retry-failed tries again):");
    assertTrue(
        r.out().lines().anyMatch(l -> l.matches("  " + ROSSI + ": 550 5\\.1\\.1 mailbox unknown")),
        r::toString);
    List<JournalEntry> failed = SendJournal.entries(dir, Outcome.FAILED);
    assertEquals(1, failed.size());
    assertEquals(ROSSI, failed.get(0).recipient());
    assertContains(failed.get(0).reply(), "550 5.1.1 mailbox unknown");
    assertEquals(14, SendJournal.entries(dir, Outcome.SENT).size());
  }

  @Test
  void aFailedRecipientIsLeftAloneUntilRetryFailed() {
    try (FaultySmtpServer refusing =
        FaultySmtpServer.builder().rejectRecipient(ROSSI, 550, "5.1.1 mailbox unknown").start()) {
      assertEquals(3, send(refusing).exitCode());
    }

    try (FaultySmtpServer fixed = FaultySmtpServer.builder().start()) {
      CliRun.Result rerun = send(fixed);

      assertEquals(0, rerun.exitCode(), rerun::toString);
      assertContains(rerun.out(), "14 already sent");
      assertContains(rerun.out(), "1 failed before");
      assertEquals(0, fixed.acceptedCount());

      CliRun.Result retry = send(fixed, "--retry-failed");

      assertEquals(0, retry.exitCode(), retry::toString);
      assertContains(retry.out(), "1 sent, 0 failed");
      assertEquals(1, fixed.messagesTo(ROSSI).size());
      assertEquals(1, fixed.acceptedCount());
    }
    assertEquals(
        Map.of(ROSSI, 1),
        SendJournal.count(dir, Outcome.SENT).entrySet().stream()
            .filter(e -> e.getKey().equals(ROSSI))
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    assertEquals(15, SendJournal.count(dir, Outcome.SENT).size());
  }

  @Test
  void theJsonSummaryListsTheFailedWithTheirReply() {
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().rejectRecipient(ROSSI, 550, "5.1.1 mailbox unknown").start()) {
      r = send(server, "--format", "json");
    }

    assertEquals(3, r.exitCode(), r::toString);
    Map<String, Object> json = JsonText.object(r.out().strip());
    assertEquals(14L, json.get("sent"));
    assertEquals(3L, json.get("exit_code"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> failed = (List<Map<String, Object>>) json.get("failed");
    assertEquals(1, failed.size());
    assertEquals(ROSSI, failed.get(0).get("recipient"));
    assertContains((String) failed.get(0).get("reply"), "550 5.1.1 mailbox unknown");
  }

  @Test
  void aTemporaryRefusalAtRcptIsRetried() {
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().deferAtRcpt(ROSSI, 2, 451, "4.3.0 try again later").start()) {
      r = send(server);
      GreenMailSendTest.assertEachGotOne(perRecipient(server));
    }

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "15 sent, 0 failed, 0 deferred");
    assertTrue(SendJournal.entries(dir, Outcome.DEFERRED).isEmpty());
    assertEquals(15, SendJournal.count(dir, Outcome.SENT).size());
  }

  @Test
  void aTemporaryRefusalAtTheEndOfDataIsRetried() {
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().deferAtData(ROSSI, 2, 452, "4.3.1 out of memory").start()) {
      r = send(server);
      GreenMailSendTest.assertEachGotOne(perRecipient(server));
    }

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "15 sent, 0 failed, 0 deferred");
  }

  @Test
  void aRefusalThatDoesNotEndIsDeferredAndSentByALaterRun() {
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .deferAtRcpt(ROSSI, 1000, 451, "4.3.0 greylisted, try again later")
            .start()) {
      r = send(server);
      assertEquals(14, server.acceptedCount());
    }

    assertEquals(3, r.exitCode(), r::toString);
    assertContains(r.out(), "14 sent, 0 failed, 1 deferred");
    assertContains(r.out(), "Deferred (temporary failures; a re-run tries again):");
    assertContains(r.out(), "  " + ROSSI + ": 451 4.3.0 greylisted, try again later");
    List<JournalEntry> deferred = SendJournal.entries(dir, Outcome.DEFERRED);
    assertEquals(1, deferred.size());
    assertEquals(ROSSI, deferred.get(0).recipient());
    assertContains(deferred.get(0).reply(), "451 4.3.0 greylisted");

    try (FaultySmtpServer later = FaultySmtpServer.builder().start()) {
      CliRun.Result rerun = send(later);

      assertEquals(0, rerun.exitCode(), rerun::toString);
      assertContains(rerun.out(), "1 sent, 0 failed, 0 deferred");
      assertEquals(1, later.acceptedCount());
      assertEquals(1, later.messagesTo(ROSSI).size());
    }
  }

  @Test
  void aBusyGreetingIsRetriedOnANewConnection() {
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().replyOnConnect(421, "4.3.2 too busy, come back", 2).start()) {
      r = send(server);
      assertEquals(2, server.refusedConnectionCount());
      GreenMailSendTest.assertEachGotOne(perRecipient(server));
    }

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "15 sent, 0 failed, 0 deferred");
  }

  @Test
  void a421InTheMiddleOfASessionIsRetriedOnANewConnection() {
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .deferAtRcpt(ROSSI, 1, 421, "4.4.2 closing transmission channel")
            .start()) {
      r = send(server, "--connections", "1");
      assertEquals(2, server.connectionCount(), server::toString);
      GreenMailSendTest.assertEachGotOne(perRecipient(server));
    }

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "15 sent, 0 failed, 0 deferred");
  }

  @Test
  void connectionsDroppedAtMailFromAreReplacedAndEveryoneGetsItOnce() {
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .dropConnectionAfterMessages(4)
            .dropAt(DropPoint.MAIL_FROM)
            .start()) {
      r = send(server, "--connections", "2");
      // 15 messages at 4 a connection: at least four connections, all but one per worker cut off
      assertTrue(server.droppedConnectionCount() >= 2, server::toString);
      server.messagesPerConnection().values().forEach(n -> assertTrue(n <= 4, server::toString));
      // nothing of the message cut off had gone out, so sending it again made no duplicate
      GreenMailSendTest.assertEachGotOne(perRecipient(server));
    }

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "15 sent, 0 failed, 0 deferred");
    Map<String, Integer> sent = SendJournal.count(dir, Outcome.SENT);
    assertEquals(15, sent.size());
    sent.forEach((rcpt, n) -> assertEquals(1, n, rcpt));
  }

  @Test
  void aConnectionDroppedAfterTheWholeMessageMakesNoDuplicateAndAsksNoResend() {
    // The client cannot tell a server that discarded the message (END_OF_DATA) from one that kept
    // it (AFTER_ACCEPT): either way the message is unknown, never sent a second time.
    for (DropPoint point : List.of(DropPoint.END_OF_DATA, DropPoint.AFTER_ACCEPT)) {
      Path folder = dir.resolve(point.name());
      Samples.copyTo(folder);
      CliRun.Result r;
      Map<String, Integer> counts;
      int dropped;
      try (FaultySmtpServer server =
          FaultySmtpServer.builder().dropConnectionAfterMessages(4).dropAt(point).start()) {
        r =
            CliRun.in(folder)
                .env(Smtp.FAST_RETRIES)
                .run(Smtp.send(server.host(), server.port(), "--connections", "2"));
        counts = perRecipient(server);
        dropped = server.droppedConnectionCount();
      }

      assertEquals(3, r.exitCode(), r::toString);
      assertTrue(dropped >= 1, "no connection was dropped");
      counts.forEach((rcpt, n) -> assertEquals(1, n, rcpt + " got " + n));
      Map<String, Integer> unknown = SendJournal.count(folder, Outcome.UNKNOWN);
      assertEquals(dropped, unknown.size(), r::toString);
      assertEquals(15, SendJournal.count(folder, Outcome.SENT).size() + unknown.size());
      assertContains(r.out(), dropped + " unknown");
    }
  }

  @Test
  void anUnreachableServerIsExitFourAndNamesHostAndPort() {
    int port = Smtp.closedPort();

    CliRun.Result r = CliRun.in(dir).env(Smtp.FAST_RETRIES).run(Smtp.send("127.0.0.1", port));

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "cannot reach the SMTP server 127.0.0.1:" + port);
    assertContains(r.err(), "Nothing was sent; a re-run continues.");
    assertTrue(SendJournal.entries(dir, Outcome.SENT).isEmpty());
    assertTrue(SendJournal.entries(dir, Outcome.ATTEMPT).isEmpty());
  }

  @Test
  void aWrongPasswordIsExitFourNamingTheLogin() {
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().requireAuth("press-office", "right-password").start()) {
      Map<String, String> env = new HashMap<>(Smtp.FAST_RETRIES);
      env.put("HERALD_SMTP_PASSWORD", "wrong-password");
      r = send(env, server, "--smtp-user", "press-office");
      assertEquals(0, server.acceptedCount());
      assertEquals(List.of(), server.authenticatedUsers());
    }

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "refused the login for user 'press-office'");
    assertContains(r.err(), "HERALD_SMTP_PASSWORD");
    assertTrue(SendJournal.entries(dir, Outcome.SENT).isEmpty());
  }

  @Test
  void aServerThatWantsALoginAndGetsNoneIsExitFourAndNothingIsFailed() {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().requireAuth("press-office", "right-password").start()) {
      CliRun.Result r = send(server);

      assertEquals(4, r.exitCode(), r::toString);
      assertContains(r.err(), "requires a login: 530");
      assertContains(r.err(), "--smtp-user");
      assertFalse(r.all().contains("'null'"), r::toString);
      assertTrue(SendJournal.entries(dir, Outcome.FAILED).isEmpty());

      Map<String, String> env = new HashMap<>(Smtp.FAST_RETRIES);
      env.put("HERALD_SMTP_PASSWORD", "right-password");
      CliRun.Result rerun = send(env, server, "--smtp-user", "press-office");

      assertEquals(0, rerun.exitCode(), rerun::toString);
      assertContains(rerun.out(), "15 sent, 0 failed");
      GreenMailSendTest.assertEachGotOne(perRecipient(server));
    }
  }

  @Test
  void aJournalInUseByAnotherRunSendsNothing() {
    try (FaultySmtpServer server = FaultySmtpServer.builder().start();
        Journal other = Journal.open(dir.resolve(SendJournal.FILE))) {
      CliRun.Result r = send(server);

      assertEquals(4, r.exitCode(), r::toString);
      assertContains(r.err(), "is in use by another herald run");
      assertEquals(0, server.connectionCount());
    }
  }

  @Test
  void theRightPasswordLogsInOncePerConnection() {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().requireAuth("press-office", "right-password").start()) {
      Map<String, String> env = new HashMap<>(Smtp.FAST_RETRIES);
      env.put("HERALD_SMTP_PASSWORD", "right-password");
      CliRun.Result r = send(env, server, "--smtp-user", "press-office", "--connections", "2");

      assertEquals(0, r.exitCode(), r::toString);
      GreenMailSendTest.assertEachGotOne(perRecipient(server));
      assertEquals(server.connectionCount(), server.authenticatedUsers().size());
    }
  }

  @Test
  void connectionsRunInParallelUpToTheNumberGiven() {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofMillis(100)).start()) {
      CliRun.Result r = send(server, "--connections", "3");

      assertEquals(0, r.exitCode(), r::toString);
      GreenMailSendTest.assertEachGotOne(perRecipient(server));
      assertTrue(server.maxConcurrentConnections() <= 3, server::toString);
      assertTrue(
          server.maxConcurrentConnections() > 1,
          "max concurrent " + server.maxConcurrentConnections());
      assertTrue(server.connectionCount() <= 3, "connections: " + server.connectionCount());
    }
  }

  @Test
  void oneConnectionCarriesEveryMessage() {
    try (FaultySmtpServer server = FaultySmtpServer.builder().start()) {
      CliRun.Result r = send(server, "--connections", "1");

      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(Map.of(1, 15), server.messagesPerConnection());
    }
  }

  @Test
  void theRateSpacesMessagesOverAllConnections() {
    try (FaultySmtpServer server = FaultySmtpServer.builder().start()) {
      long start = System.nanoTime();
      CliRun.Result r = send(server, "--rate", "600/min", "--limit", "5", "--connections", "3");
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(5, server.acceptedCount());
      // 600 a minute is one every 100 ms: the fifth cannot go before 400 ms have passed
      assertTrue(elapsedMillis >= 400, "5 messages in " + elapsedMillis + " ms");
    }
  }

  @Test
  void aServerThatGoesAwayStopsTheRunAndARerunSendsTheRest() throws Exception {
    CliRun.Result r;
    FaultySmtpServer first =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofMillis(50)).start();
    try (first) {
      CompletableFuture<CliRun.Result> run =
          CompletableFuture.supplyAsync(() -> send(first, "--connections", "1"));
      first.awaitAccepted(3, WAIT);
      first.close();
      r = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    int sentBefore = SendJournal.count(dir, Outcome.SENT).size();
    // The message held when the server went had gone out whole: unknown, if the close came then.
    java.util.Set<String> unknown = SendJournal.count(dir, Outcome.UNKNOWN).keySet();
    int left = 15 - sentBefore - unknown.size();

    assertEquals(3, r.exitCode(), r::toString);
    assertTrue(unknown.size() <= 1, unknown::toString);
    assertContains(r.out(), "became unreachable");
    assertContains(r.out(), left + " not attempted; a re-run continues.");

    try (FaultySmtpServer second = FaultySmtpServer.builder().start()) {
      CliRun.Result rerun = send(second);

      assertEquals(0, rerun.exitCode(), rerun::toString);
      assertContains(rerun.out(), left + " sent");
      assertEquals(left, second.acceptedCount(), rerun::toString);
      // the messages that never reached the server are not announced as possible duplicates
      assertFalse(rerun.out().contains("Sent again"), rerun::toString);
      // nobody got two; everyone but the unknown one got one, and the unknown one got it or not,
      // depending on whether the server had kept it when it went
      Map<String, Integer> counts = perRecipient(first, second);
      counts.forEach((rcpt, n) -> assertEquals(1, n, rcpt));
      Map<String, Integer> known = new HashMap<>(counts);
      unknown.forEach(known::remove);
      assertEquals(15 - unknown.size(), known.size(), counts::toString);
    }
    Map<String, Integer> sent = SendJournal.count(dir, Outcome.SENT);
    assertEquals(15 - unknown.size(), sent.size());
    assertFalse(sent.values().stream().anyMatch(n -> n > 1));
  }
}
