package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.JsonText;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Smtp;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** With no SMTP host configured anywhere, {@code send} writes the outbox and emails nothing. */
class SendOutboxTest {
  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private Path outbox() {
    return dir.resolve("outbox").resolve(Samples.CAMPAIGN);
  }

  @Test
  void writesOneMessagePerContactAndSaysNothingWasEmailed() throws Exception {
    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE);

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Wrote 15 messages of campaign " + Samples.CAMPAIGN);
    assertContains(r.out(), "Nothing was emailed: no SMTP server is configured");
    List<Path> emls = Eml.files(outbox());
    assertEquals(15, emls.size());
    Set<String> to = new HashSet<>();
    for (Path eml : emls) {
      Eml.assertLinesOk(eml);
      MimeMessage m = Eml.parse(eml);
      to.add(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
    }
    assertEquals(15, to.size());
    assertFalse(to.contains("w.desmet@kempische-koerier.example"));
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void theJournalSaysOutboxNotSent() {
    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE);

    assertEquals(0, r.exitCode(), r::toString);
    List<JournalEntry> entries = SendJournal.entries(dir);
    assertEquals(15, entries.size());
    for (JournalEntry e : entries) {
      assertEquals(Outcome.OUTBOX, e.outcome(), e::toString);
    }
  }

  @Test
  void aLaterSmtpRunStillSendsToEveryone() {
    CliRun.in(dir).run("send", Samples.TEMPLATE);
    CliRun.in(dir).run("send", Samples.TEMPLATE); // a second look at the outbox changes nothing

    CliRun.Result r =
        CliRun.in(dir).run(Smtp.send(mail.getSmtp().getBindTo(), mail.getSmtp().getPort()));

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, mail.getReceivedMessages().length);
    assertContains(r.out(), "15 sent");
    assertContains(r.out(), "0 already sent");
  }

  @Test
  void aSecondOutboxRunReplacesTheFirst() {
    CliRun.in(dir).run("send", Samples.TEMPLATE);

    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE, "--where", "language=pl");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(5, Eml.files(outbox()).size());
  }

  @Test
  void outboxChoosesTheFolder() {
    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE, "--outbox", "review/out");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, Eml.files(dir.resolve("review/out").resolve(Samples.CAMPAIGN)).size());
    assertFalse(Files.exists(dir.resolve("outbox")));
  }

  @Test
  void theJsonSummarySaysOutbox() {
    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE, "--format", "json");

    assertEquals(0, r.exitCode(), r::toString);
    Map<String, Object> json = JsonText.object(r.out().strip());
    assertEquals("outbox", json.get("status"));
    assertEquals(null, json.get("server"));
    assertEquals(15L, json.get("written"));
    assertFalse(json.containsKey("sent"), "an outbox run never says sent: " + json);
    assertEquals(0L, json.get("exit_code"));
    assertTrue(((String) json.get("outbox")).endsWith(Samples.CAMPAIGN), json::toString);
  }
}
