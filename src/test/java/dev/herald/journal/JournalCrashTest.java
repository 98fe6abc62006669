package dev.herald.journal;

import static dev.herald.journal.Entries.readAll;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.Slow;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a JVM that is appending to the journal and checks what it acknowledged survived. */
@Slow
class JournalCrashTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everyAcknowledgedEntrySurvivesAKill() throws Exception {
    Path file = dir.resolve("logs/sends.csv");
    Path stderr = dir.resolve("child-stderr.txt");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                JournalCrashChild.class.getName(),
                file.toString())
            .redirectError(stderr.toFile())
            .start();
    long acknowledged = 0;
    try (BufferedReader out = child.inputReader(UTF_8)) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        acknowledged = Long.parseLong(line);
        if (acknowledged >= 500) {
          break;
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertTrue(
        acknowledged >= 500,
        "the child stopped after " + acknowledged + ": " + Files.readString(stderr));

    List<JournalEntry> entries = readAll(file);
    assertTrue(
        entries.size() >= acknowledged,
        entries.size() + " entries in the journal, " + acknowledged + " acknowledged");
    for (int n = 0; n < entries.size(); n++) {
      assertEquals("contact" + n + "@example.org", entries.get(n).recipient());
    }

    // a later run repairs whatever the kill left and carries on
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(Entries.entry(1, Outcome.SENT));
    }
    List<JournalEntry> after = readAll(file);
    assertEquals(entries, after.subList(0, entries.size()));
    assertEquals(Entries.entry(1, Outcome.SENT), after.get(after.size() - 1));
  }
}
