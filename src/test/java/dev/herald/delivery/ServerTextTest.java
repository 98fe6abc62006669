package dev.herald.delivery;

import static dev.herald.testing.TestFiles.assertContains;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.Display;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Smtp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a server says reaches the journal and the terminal only capped and escaped: a 4 MB reply
 * cannot make the journal unreadable, and escape sequences, OSC, BEL and U+202E in a 550 cannot
 * reach the terminal raw.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerTextTest {
  static final String ROSSI = "g.rossi@quotidiano-regioni.example";
  static final String LAMBERT = "c.lambert@echo-des-regions.example";

  /** Clears the screen, retitles the window, rings the bell, and turns the rest backwards. */
  static final String HOSTILE =
      "5.7.1 \u001b[2J\u001b]0;pwned\u0007 refused \u202Egnp.exe \u009b31m \u2066x\u2069 \u200F";

  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  /** Whether {@code text} holds a character that a terminal would act on or reorder with. */
  static void assertNothingRaw(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean raw = Character.isISOControl(c) && c != '\n' || Display.isBidiControl(c);
      assertTrue(!raw, () -> String.format("U+%04X raw in: %s", (int) c, text));
    }
  }

  @Test
  void aFourMegabyteReplyIsJournalledCappedAndTheJournalStaysReadable() throws Exception {
    String huge = "5.1.1 " + "x".repeat(4 * 1024 * 1024);
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().rejectRecipient(ROSSI, 550, huge).start()) {
      r = CliRun.in(dir).env(Smtp.FAST_RETRIES).run(Smtp.send(server.host(), server.port()));
    }

    assertEquals(3, r.exitCode(), r::toString);
    List<JournalEntry> failed = SendJournal.entries(dir, Outcome.FAILED);
    assertEquals(1, failed.size());
    String reply = failed.get(0).reply();
    assertTrue(reply.startsWith("550 5.1.1 xxx"), reply);
    assertTrue(reply.endsWith("…"), reply);
    assertEquals(Display.MAX_REPLY, reply.length());
    assertTrue(Files.size(dir.resolve(SendJournal.FILE)) < 64 * 1024);
    assertTrue(r.out().length() < 10_000, "the summary holds the reply capped");

    // every command still reads the journal
    CliRun.Result report = CliRun.in(dir).run("report");
    assertEquals(0, report.exitCode(), report::toString);
    assertContains(report.out(), "Failed                    1");
    try (FaultySmtpServer fixed = FaultySmtpServer.builder().start()) {
      CliRun.Result rerun =
          CliRun.in(dir).env(Smtp.FAST_RETRIES).run(Smtp.send(fixed.host(), fixed.port()));
      assertEquals(0, rerun.exitCode(), rerun::toString);
      assertContains(rerun.out(), "14 already sent");
      assertContains(rerun.out(), "1 failed before");
      assertEquals(0, fixed.acceptedCount());
    }
  }

  @Test
  void escapesInAReplyReachNeitherTheTerminalNorTheJournalRaw() throws Exception {
    CliRun.Result r;
    CliRun.Result json;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .rejectRecipient(ROSSI, 550, HOSTILE)
            .deferAtRcpt(LAMBERT, 100, 451, HOSTILE)
            .start()) {
      r = CliRun.in(dir).env(Smtp.FAST_RETRIES).run(Smtp.send(server.host(), server.port()));
      json =
          CliRun.in(dir)
              .env(Smtp.FAST_RETRIES)
              .run(Smtp.send(server.host(), server.port(), "--format", "json"));
    }

    assertEquals(3, r.exitCode(), r::toString);
    assertNothingRaw(r.all());
    assertNothingRaw(json.all());
    assertContains(r.out(), ROSSI + ": 550 5.7.1 \\u001B[2J\\u001B]0;pwned\\u0007 refused");
    assertContains(r.out(), "\\u202Egnp.exe");
    assertContains(r.out(), LAMBERT + ": 451 5.7.1 \\u001B[2J");
    String journal = Files.readString(dir.resolve(SendJournal.FILE), UTF_8);
    assertNothingRaw(journal.replace("\r", ""));
    assertContains(journal, "\\u202Egnp.exe");
    CliRun.Result report = CliRun.in(dir).run("report");
    assertEquals(0, report.exitCode(), report::toString);
    assertNothingRaw(report.all());
  }
}
