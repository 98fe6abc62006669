package dev.herald.delivery;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.JsonText;
import dev.herald.testing.PipeliningSmtpServer;
import dev.herald.testing.PipeliningSmtpServer.Script;
import dev.herald.testing.Received;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Smtp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy address that the server refuses (the boss's mailbox is full) does not fail the
 * journalists' messages: each journalist gets theirs, and the refused copy is reported once.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RefusedCopiesTest {
  static final String ARCHIVE = "archive@next2met.example";
  static final String BOSS = "boss@next2met.example";
  static final String FULL = "5.2.2 mailbox full";

  @TempDir Path dir;

  @BeforeEach
  void sample() throws IOException {
    Samples.copyTo(dir);
    for (String name : List.of("podlaskie-digitalisation.md", "podlaskie-digitalisation.pl.md")) {
      Path t = dir.resolve("templates").resolve(name);
      String text = Files.readString(t);
      int blank = text.indexOf("\n\n");
      Files.writeString(
          t,
          text.substring(0, blank + 1)
              + "Bcc: "
              + ARCHIVE
              + ", Boss <"
              + BOSS
              + ">\n"
              + text.substring(blank + 1));
    }
  }

  private CliRun.Result send(String host, int port, String... more) {
    return CliRun.in(dir).env(Smtp.FAST_RETRIES).run(Smtp.send(host, port, more));
  }

  /** Every journalist got one message, the archive one copy of each, the boss none. */
  private static void assertJournalistsGotOneEach(Map<String, Integer> counts) {
    assertEquals(15, counts.remove(ARCHIVE), "the archive got a copy of every message");
    assertEquals(null, counts.remove(BOSS), "the boss's full mailbox got nothing");
    GreenMailSendTest.assertEachGotOne(counts);
  }

  private void assertReportedOnce(CliRun.Result r) {
    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "15 sent, 0 failed, 0 deferred");
    assertContains(r.out(), "Warning: the server refused a copy address");
    assertContains(r.out(), "  " + BOSS + ": 552 " + FULL + " (15 messages)");
    assertEquals(1, r.out().split(BOSS, -1).length - 1, r::toString);
    assertTrue(!r.out().contains(ARCHIVE), r::toString);
    assertEquals(15, SendJournal.entries(dir, Outcome.SENT).size());
  }

  @Test
  void aRefusedBccIsReportedOnceAndEveryJournalistGetsTheirMessage() {
    CliRun.Result r;
    Map<String, Integer> counts = new HashMap<>();
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().rejectRecipient(BOSS, 552, FULL).start()) {
      r = send(server.host(), server.port(), "--connections", "2");
      for (Received m : server.received()) {
        for (String rcpt : m.recipients()) {
          counts.merge(rcpt.toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
      }
    }
    assertJournalistsGotOneEach(counts);
    assertReportedOnce(r);
  }

  @Test
  void overAPipelinedConnectionTooAndTheJsonNamesTheRefusedCopy() {
    CliRun.Result r;
    Map<String, Integer> counts = new HashMap<>();
    try (PipeliningSmtpServer server =
        PipeliningSmtpServer.start(
            new Script(Map.of(BOSS, "552 " + FULL), 0, Map.of(), true, false))) {
      r = send(server.host(), server.port(), "--format", "json");
      for (PipeliningSmtpServer.Message m : server.received()) {
        for (String rcpt : m.recipients()) {
          counts.merge(rcpt.toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
      }
    }
    assertJournalistsGotOneEach(counts);
    assertEquals(0, r.exitCode(), r::toString);
    Map<String, Object> json = JsonText.object(r.out());
    assertEquals("done", json.get("status"));
    assertEquals(
        List.of(Map.of("address", BOSS, "reply", "552 " + FULL, "messages", 15L)),
        normalise(json.get("refused_copies")),
        r::toString);
  }

  @Test
  void theJournalistsOwnRefusalIsStillTheirFailureAndNoCopyGoesOutForIt() {
    String rossi = "g.rossi@quotidiano-regioni.example";
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .rejectRecipient(BOSS, 552, FULL)
            .rejectRecipient(rossi, 550, "5.1.1 mailbox unknown")
            .start()) {
      r = send(server.host(), server.port());
      assertEquals(14, server.acceptedCount());
      assertTrue(server.messagesTo(rossi).isEmpty());
      assertEquals(14, server.messagesTo(ARCHIVE).size(), "no archive copy of Rossi's message");
    }
    assertEquals(3, r.exitCode(), r::toString);
    assertContains(r.out(), "14 sent, 1 failed, 0 deferred");
    assertContains(r.out(), rossi + ": 550 5.1.1 mailbox unknown");
    assertContains(r.out(), "  " + BOSS + ": 552 " + FULL + " (14 messages)");
  }

  @Test
  void aCopyAddressWithANonAsciiLocalPartIsRefusedBeforeAnythingIsSent() throws IOException {
    // Without SMTPUTF8 such an address went out garbled (szef.dziaBu@…): someone else's mailbox.
    // It is held to the rules of a contact's own address instead, and named.
    for (String name : List.of("podlaskie-digitalisation.md", "podlaskie-digitalisation.pl.md")) {
      Path t = dir.resolve("templates").resolve(name);
      Files.writeString(
          t, Files.readString(t).replace("Bcc: ", "Cc: szef.dzia\u0142u@next2met.example\nBcc: "));
    }
    CliRun.Result r;
    try (FaultySmtpServer server = FaultySmtpServer.builder().start()) {
      r = send(server.host(), server.port());
      assertEquals(0, server.received().size(), r::toString);
    }
    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.all(), "szef.dzia\u0142u@next2met.example");
    assertContains(r.all(), "has characters or dots not allowed before the @");
  }

  @SuppressWarnings("unchecked")
  private static Object normalise(Object refused) {
    return ((List<Object>) refused)
        .stream()
            .map(
                o -> {
                  Map<String, Object> m = new HashMap<>((Map<String, Object>) o);
                  m.put("messages", ((Number) m.get("messages")).longValue());
                  return m;
                })
            .toList();
  }
}
