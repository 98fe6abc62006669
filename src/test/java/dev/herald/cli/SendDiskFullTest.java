package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.ExitCodes;
import dev.herald.journal.Outcome;
import dev.herald.testing.ChildHerald;
import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Received;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Slow;
import dev.herald.testing.Smtp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal cannot be written any more mid-run (a full disk): the run stops with exit 5 and a
 * true summary, names what the server accepted but the journal does not record, and the re-run
 * sends only what is missing. The disk is filled for real: by a limit on file size in a child
 * process ({@code ulimit -f}, "File too large"), and, where this machine lets a test mount one, by
 * a small tmpfs ("No space left on device"). JournalDiskFullTest covers the journal itself.
 */
@Slow
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SendDiskFullTest {
  static final int CONTACTS = 300;
  static final int CONNECTIONS = 2;
  static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  private static Map<String, Integer> perRecipient(FaultySmtpServer server) {
    Map<String, Integer> counts = new HashMap<>();
    for (Received r : server.received()) {
      for (String rcpt : r.recipients()) {
        counts.merge(rcpt.toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static int sentInSummary(String out) {
    Matcher m = Pattern.compile(": (\\d+) sent, ").matcher(out);
    assertTrue(m.find(), out);
    return Integer.parseInt(m.group(1));
  }

  /** The recipients listed under "Accepted by the server but not recorded in the journal". */
  private static Set<String> namedUnjournalled(String out) {
    Set<String> named = new TreeSet<>();
    boolean in = false;
    for (String line : out.split("\n")) {
      if (line.startsWith("Accepted by the server but not recorded")) {
        in = true;
      } else if (in && line.startsWith("  ")) {
        named.add(line.strip().toLowerCase(Locale.ROOT));
      } else {
        in = false;
      }
    }
    return named;
  }

  /** What the stopped run said, checked against the server and the journal; then the re-run. */
  private void assertTrueSummaryAndRerun(FaultySmtpServer server, String out, String[] rerunArgs) {
    assertTrue(out.contains("partly delivered, journal could not be written"), out);
    Map<String, Integer> accepted = perRecipient(server);
    assertTrue(accepted.size() > 0 && accepted.size() < CONTACTS, accepted.size() + "\n" + out);
    Set<String> named = namedUnjournalled(out);
    assertTrue(named.size() <= CONNECTIONS, "more than one per connection: " + named);
    // every message the server took is either counted as sent or named
    assertEquals(accepted.size(), sentInSummary(out) + named.size(), out);
    Set<String> journalled = SendJournal.count(dir, Outcome.SENT).keySet();
    Set<String> missing = new TreeSet<>(accepted.keySet());
    missing.removeAll(journalled);
    assertTrue(named.containsAll(missing), "not named: " + missing + "\n" + out);

    CliRun.Result rerun = CliRun.in(dir).env(Smtp.FAST_RETRIES).run(rerunArgs);
    assertEquals(0, rerun.exitCode(), rerun::toString);
    Map<String, Integer> all = perRecipient(server);
    assertEquals(CONTACTS, all.size());
    Set<String> twice = new TreeSet<>();
    all.forEach(
        (rcpt, n) -> {
          assertTrue(n <= 2, rcpt + " got it " + n + " times");
          if (n == 2) {
            twice.add(rcpt);
          }
        });
    // only a message accepted but not journalled is sent again
    assertTrue(named.containsAll(twice), "twice: " + twice + ", named: " + named);
  }

  @Test
  void aJournalThatStopsGrowingStopsTheRunWithExit5() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell for ulimit");
    Samples.copyTo(dir);
    ChildHerald.contacts(dir, CONTACTS);
    try (FaultySmtpServer server = FaultySmtpServer.builder().start()) {
      ChildHerald child = ChildHerald.in(dir).env(Smtp.FAST_RETRIES).fileSizeLimitKb(32);
      Process p =
          child.start(
              Smtp.send(
                  server.host(), server.port(), "--connections", String.valueOf(CONNECTIONS)));
      assertTrue(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), child.output());
      assertEquals(ExitCodes.STOPPED, p.exitValue(), child.output());
      String out = child.out();
      assertTrue(out.contains("File too large"), child.output());
      assertTrue(out.contains("Stopped early: partly delivered"), child.output());
      assertTrueSummaryAndRerun(server, out, Smtp.send(server.host(), server.port()));
    }
  }

  @Test
  void inOutboxModeAJournalFailureIsNotIgnored() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell for ulimit");
    Samples.copyTo(dir);
    ChildHerald.contacts(dir, CONTACTS);
    ChildHerald child = ChildHerald.in(dir).fileSizeLimitKb(32);
    Process p = child.start("send", Samples.TEMPLATE, "--yes", "--format", "json");
    assertTrue(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), child.output());
    assertEquals(ExitCodes.STOPPED, p.exitValue(), child.output());
    String out = child.out();
    assertTrue(out.contains("\"status\": \"stopped\""), child.output());
    assertTrue(out.contains("partly delivered, journal could not be written"), child.output());
    assertTrue(out.contains("File too large"), child.output());
  }

  @Test
  void aFullTmpfsStopsTheRunWithExit5() throws Exception {
    Path full = dir.resolve("full");
    Files.createDirectories(full);
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", full.toString())
            .redirectErrorStream(true)
            .start();
    mount.getInputStream().readAllBytes();
    assumeTrue(
        mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0,
        "mounting a tmpfs is not allowed here");
    try {
      Samples.copyTo(dir);
      ChildHerald.contacts(dir, CONTACTS);
      Files.createDirectories(dir.resolve("logs"));
      Files.createSymbolicLink(dir.resolve("logs/sends.csv"), full.resolve("sends.csv"));
      try (FaultySmtpServer server = FaultySmtpServer.builder().start()) {
        CliRun.Result r =
            CliRun.in(dir)
                .env(Smtp.FAST_RETRIES)
                .run(
                    Smtp.send(
                        server.host(),
                        server.port(),
                        "--connections",
                        String.valueOf(CONNECTIONS)));
        assertEquals(ExitCodes.STOPPED, r.exitCode(), r::toString);
        assertTrue(r.out().contains("No space left on device"), r::toString);
        // room again: the journal moves to the ordinary disk, as a user would free space
        Path kept = dir.resolve("kept.csv");
        Files.copy(full.resolve("sends.csv"), kept);
        Files.delete(dir.resolve("logs/sends.csv"));
        Files.move(kept, dir.resolve("logs/sends.csv"));
        assertTrueSummaryAndRerun(server, r.out(), Smtp.send(server.host(), server.port()));
      }
    } finally {
      new ProcessBuilder("umount", full.toString()).inheritIO().start().waitFor();
    }
  }
}
