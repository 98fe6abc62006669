package dev.herald.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.FolderKey;
import dev.herald.InputLimits;
import dev.herald.contacts.OptOutList;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.Slow;
import dev.herald.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A forget killed (SIGKILL) in a child JVM between two files: the address stays suppressed, every
 * file reads, the locks are free again, and a second forget completes the erasure.
 */
@Slow
class ForgetCrashTest {
  @TempDir Path dir;

  private static final String ADDRESS = "anna@news.example";

  @ParameterizedTest(name = "killed after {0} files")
  @ValueSource(ints = {1, 2, 3})
  void aKillBetweenFilesLeavesTheAddressUnmailable(int files) throws Exception {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\n\nNews for {{first_name}}.\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,last_name\n" + ADDRESS + ",Anna,Nowak\nben@news.example,Ben,Smit\n");
    TestFiles.write(dir, "contacts/optout.csv", "email,reason,date\n");
    TestFiles.write(
        dir,
        "logs/replies.csv",
        "received,campaign,email,kind,message_id,subject,review,from\n"
            + "2026-11-30T08:00:00Z,c1,"
            + ADDRESS
            + ",other,<r1@x>,Thanks,,"
            + ADDRESS
            + "\n");
    try (Journal j = Journal.open(dir.resolve("logs/sends.csv"))) {
      j.appendDurably(new JournalEntry(CliRun.NOW, "c1", ADDRESS, Outcome.SENT, "250 ok", "<x>"));
    }
    FolderKey key = FolderKey.load(Map.of(), dir);
    Path out = dir.resolve("child-out.txt");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData",
                "-cp",
                System.getProperty("java.class.path"),
                ForgetCrashChild.class.getName(),
                dir.toString(),
                ADDRESS,
                String.valueOf(files))
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("child-err.txt").toFile())
            .start();
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(out, StandardCharsets.UTF_8).contains("PAUSED")) {
        assertTrue(child.isAlive(), () -> "the child ended early: " + read(dir));
        assertTrue(System.nanoTime() < until, () -> "the child never paused: " + read(dir));
        Thread.sleep(20);
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    Files.delete(out);
    Files.deleteIfExists(dir.resolve("child-err.txt"));

    assertTrue(
        OptOutList.load(List.of(dir.resolve("contacts/optout.csv")), InputLimits.DEFAULT, key)
            .contains(ADDRESS),
        "suppressed after " + files + " files");
    CliRun.Result check = CliRun.in(dir).run("check", "templates/release.md");
    assertEquals(0, check.exitCode(), check::toString);
    TestFiles.assertContains(check.out(), "1 to send, 1 suppressed");
    CliRun.Result report = CliRun.in(dir).run("report");
    assertEquals(0, report.exitCode(), report::toString);

    CliRun.Result again = CliRun.in(dir).run("forget", ADDRESS, "--yes");

    assertEquals(0, again.exitCode(), again::toString);
    assertEquals(List.of(), Grep.files(dir, ADDRESS, "Anna Nowak"));
  }

  private static String read(Path dir) {
    try {
      return Files.readString(dir.resolve("child-out.txt"))
          + Files.readString(dir.resolve("child-err.txt"));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
