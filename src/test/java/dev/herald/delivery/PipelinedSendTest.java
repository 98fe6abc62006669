package dev.herald.delivery;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.PipeliningSmtpServer;
import dev.herald.testing.PipeliningSmtpServer.Script;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Smtp;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald send} to a server that offers PIPELINING (RFC 2920): the envelope and DATA go in
 * one write, and every refusal is still read, classified and journaled as it is one command at a
 * time.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PipelinedSendTest {
  static final String ROSSI = "g.rossi@quotidiano-regioni.example";

  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private CliRun.Result send(PipeliningSmtpServer server, String... more) {
    return send(Smtp.FAST_RETRIES, server, more);
  }

  private CliRun.Result send(Map<String, String> env, PipeliningSmtpServer server, String... more) {
    return CliRun.in(dir).env(env).run(Smtp.send(server.host(), server.port(), more));
  }

  private static Map<String, Integer> perRecipient(PipeliningSmtpServer server) {
    Map<String, Integer> counts = new HashMap<>();
    for (PipeliningSmtpServer.Message m : server.received()) {
      for (String r : m.recipients()) {
        counts.merge(r.toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static void assertEachGotOne(PipeliningSmtpServer server) {
    GreenMailSendTest.assertEachGotOne(perRecipient(server));
  }

  private void addToTemplates(String header, String bodyLine) throws IOException {
    for (String name : List.of("podlaskie-digitalisation.md", "podlaskie-digitalisation.pl.md")) {
      Path t = dir.resolve("templates").resolve(name);
      String text = Files.readString(t);
      int blank = text.indexOf("\n\n");
      text = text.substring(0, blank + 1) + header + text.substring(blank + 1);
      Files.writeString(t, text + bodyLine);
    }
  }

  @Test
  void everyMessageGoesInOnePipelinedTransactionAndArrivesIntact() throws Exception {
    // A line that starts with a dot must be doubled on the wire (RFC 5321 section 4.5.2), and one
    // that is only a dot would otherwise end the message early.
    addToTemplates("", "\n.\n\n.hidden line that starts with a dot\n");
    CliRun.Result r;
    try (PipeliningSmtpServer server = PipeliningSmtpServer.start(Script.none())) {
      r = send(server, "--connections", "2");
      assertEachGotOne(server);
      assertEquals(15, server.transactions());
      assertEquals(15, server.pipelined(), "MAIL, RCPT and DATA in one group each time");
      // Two connections: each one's first envelope goes alone, and up to 13 follow a "." on the
      // same connection; how many depends on whether the render threads had the next message
      // ready when its predecessor's dot went out (a loaded machine renders slower).
      assertTrue(
          server.earlyEnvelopes() > 0,
          "the next envelope goes with the previous dot: " + server.earlyEnvelopes());
      for (PipeliningSmtpServer.Message m : server.received()) {
        MimeMessage parsed =
            new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(m.content()));
        assertEquals("press@next2met.example", m.from());
        assertTrue(
            Set.of(GreenMailSendTest.ENGLISH_SUBJECT, GreenMailSendTest.POLISH_SUBJECT)
                .contains(parsed.getSubject()),
            parsed.getSubject());
        String text = m.text();
        assertContains(text, "\r\n.hidden line that starts with a dot\r\n");
        assertContains(text, "\r\n.\r\n");
        assertTrue(!text.contains("\r\nBcc:"), "no Bcc header goes to the server");
      }
    }
    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "15 sent, 0 failed, 0 deferred");
    for (JournalEntry e : SendJournal.entries(dir, Outcome.SENT)) {
      assertContains(e.reply(), "250 2.0.0 queued as");
    }
  }

  @Test
  void severalRecipientsAreSentTheirDataOnlyOnceAllAreAccepted() throws Exception {
    addToTemplates("Cc: Next2Met news desk <desk@next2met.example>\n", "");
    CliRun.Result r;
    try (PipeliningSmtpServer server =
        PipeliningSmtpServer.start(
            new Script(Map.of(ROSSI, "550 5.1.1 mailbox unknown"), 0, Map.of(), true, false))) {
      r = send(server);
      List<PipeliningSmtpServer.Message> got = server.received();
      assertEquals(14, got.size(), "ROSSI's message is not sent to the news desk alone");
      for (PipeliningSmtpServer.Message m : got) {
        assertEquals(2, m.recipients().size());
        assertTrue(m.recipients().contains("desk@next2met.example"));
      }
      assertEquals(0, server.pipelined(), "DATA waits for the RCPT replies with two recipients");
    }
    assertEquals(3, r.exitCode(), r::toString);
    assertContains(r.out(), "14 sent, 1 failed, 0 deferred");
    List<JournalEntry> failed = SendJournal.entries(dir, Outcome.FAILED);
    assertEquals(1, failed.size());
    assertEquals(ROSSI, failed.get(0).recipient());
    assertContains(failed.get(0).reply(), "550 5.1.1 mailbox unknown");
  }

  @Test
  void aRefusedRecipientFailsAndTheRestAreSent() {
    CliRun.Result r;
    try (PipeliningSmtpServer server =
        PipeliningSmtpServer.start(
            new Script(Map.of(ROSSI, "550 5.1.1 mailbox unknown"), 0, Map.of(), false, false))) {
      r = send(server, "--connections", "3");
      assertEquals(14, server.received().size());
      assertTrue(perRecipient(server).get(ROSSI) == null);
    }
    assertEquals(3, r.exitCode(), r::toString);
    assertContains(r.out(), "14 sent, 1 failed, 0 deferred");
    assertTrue(
        r.out().lines().anyMatch(l -> l.matches("  " + ROSSI + ": 550 5\\.1\\.1 mailbox unknown")),
        r::toString);
  }

  @Test
  void dataTakenAfterTheOnlyRecipientWasRefusedSendsNothing() {
    // A server that breaks RFC 2920 and says 354 with no recipient: herald must not send an empty
    // message or this one; it drops the connection and carries on over a new one.
    CliRun.Result r;
    try (PipeliningSmtpServer server =
        PipeliningSmtpServer.start(
            new Script(Map.of(ROSSI, "550 5.1.1 mailbox unknown"), 0, Map.of(), true, false))) {
      r = send(server);
      assertEquals(14, server.received().size(), r::toString);
      for (PipeliningSmtpServer.Message m : server.received()) {
        assertEquals(1, m.recipients().size());
        assertTrue(m.content().length > 1000);
      }
    }
    assertEquals(3, r.exitCode(), r::toString);
    assertContains(r.out(), "14 sent, 1 failed, 0 deferred");
  }

  @Test
  void aRefusalAtTheEndOfDataKeepsTheNextEnvelopeSentBehindIt() throws Exception {
    // ROSSI's message is refused for good at its ".", after the next envelope went out behind it:
    // no RSET may end that next transaction, and the next message goes out whole.
    CliRun.Result r;
    try (PipeliningSmtpServer server =
        PipeliningSmtpServer.start(
            new Script(Map.of(), 0, Map.of(ROSSI, 99), false, false).permanentAtData())) {
      r = send(server, "--connections", "1");
      assertEquals(14, server.received().size(), r::toString);
      assertTrue(perRecipient(server).get(ROSSI) == null);
      assertTrue(server.earlyEnvelopes() > 0, "early envelopes: " + server.earlyEnvelopes());
    }
    assertEquals(3, r.exitCode(), r::toString);
    assertContains(r.out(), "14 sent, 1 failed, 0 deferred");
    List<JournalEntry> failed = SendJournal.entries(dir, Outcome.FAILED);
    assertEquals(1, failed.size());
    assertEquals(ROSSI, failed.get(0).recipient());
    assertEquals(14, SendJournal.entries(dir, Outcome.SENT).size());
  }

  @Test
  void aRefusedEarlyEnvelopeFailsOnlyItsOwnMessage() {
    // One connection: the refused recipient's envelope goes out behind the previous message's
    // ".", that message is still sent and recorded, and the refusal is the refused one's alone.
    CliRun.Result r;
    try (PipeliningSmtpServer server =
        PipeliningSmtpServer.start(
            new Script(Map.of(ROSSI, "550 5.1.1 mailbox unknown"), 0, Map.of(), false, false))) {
      r = send(server, "--connections", "1");
      assertEquals(14, server.received().size());
      assertTrue(perRecipient(server).get(ROSSI) == null);
      assertTrue(server.earlyEnvelopes() > 0, "early envelopes: " + server.earlyEnvelopes());
    }
    assertEquals(3, r.exitCode(), r::toString);
    assertContains(r.out(), "14 sent, 1 failed, 0 deferred");
    assertEquals(14, SendJournal.entries(dir, Outcome.SENT).size());
  }

  @Test
  void aTemporaryRefusalOfMailFromIsRetried() {
    CliRun.Result r;
    try (PipeliningSmtpServer server =
        PipeliningSmtpServer.start(new Script(Map.of(), 3, Map.of(), false, false))) {
      r = send(server);
      assertEachGotOne(server);
    }
    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "15 sent, 0 failed, 0 deferred");
  }

  @Test
  void aTemporaryRefusalAtTheEndOfDataIsRetriedOnce() {
    CliRun.Result r;
    try (PipeliningSmtpServer server =
        PipeliningSmtpServer.start(new Script(Map.of(), 0, Map.of(ROSSI, 2), false, false))) {
      r = send(server, "--connections", "1");
      assertEachGotOne(server);
    }
    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "15 sent, 0 failed, 0 deferred");
  }

  @Test
  void aServerThatStopsReadingTimesTheWriteOut() throws Exception {
    Map<String, String> env = new HashMap<>(Smtp.FAST_RETRIES);
    env.put("HERALD_SMTP_TIMEOUT", "1");
    env.put("HERALD_SMTP_ATTEMPTS", "2");
    // A message far larger than the socket buffers, so that the write has to wait for the server.
    Path big = dir.resolve("templates/attachments/big.bin");
    byte[] noise = new byte[6 << 20];
    new java.util.Random(1).nextBytes(noise);
    Files.write(big, noise);
    addToTemplates("Attachment: attachments/big.bin\n", "");
    CliRun.Result r;
    long start = System.nanoTime();
    try (PipeliningSmtpServer server =
        PipeliningSmtpServer.start(new Script(Map.of(), 0, Map.of(), false, true))) {
      r = send(env, server, "--only", ROSSI);
      assertTrue(server.awaitStall(0));
      assertTrue(server.received().isEmpty());
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertTrue(seconds < 30, "took " + seconds + " s");
    assertEquals(3, r.exitCode(), r::toString);
    assertContains(r.out(), "0 sent, 0 failed, 1 deferred");
    assertContains(r.out(), "write timed out after 1 s: the server stopped reading");
  }
}
