package dev.herald.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.FolderKey;
import dev.herald.InputLimits;
import dev.herald.contacts.OptOutList;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A forget that stops after any one file (a crash between two atomic replacements) leaves the
 * address suppressed, every file whole, and a second forget completes it: the opt-out pseudonym is
 * written first.
 */
class ErasureOrderTest {
  @TempDir Path dir;

  private static final String ADDRESS = "anna@news.example";

  private Places places() {
    return new Places(
        dir,
        dir.resolve("contacts"),
        dir.resolve("logs/sends.csv"),
        dir.resolve("logs/replies.csv"),
        dir.resolve("logs/interviews.csv"),
        List.of(dir.resolve("contacts/optout.csv")),
        List.of(dir.resolve("outbox"), dir.resolve("preview")));
  }

  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @ParameterizedTest(name = "stopped after {0} steps")
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void aStopBetweenFilesLeavesTheAddressSuppressedAndARerunCompletesIt(int steps) {
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
            + ",other,<r1@x>,Thanks Anna Nowak,,"
            + ADDRESS
            + "\n");
    TestFiles.write(
        dir,
        "outbox/c1/00001-anna-at-news.example.eml",
        "To: Anna Nowak <" + ADDRESS + ">\r\n\r\nHello\r\n");
    try (Journal j = Journal.open(dir.resolve("logs/sends.csv"))) {
      j.appendDurably(new JournalEntry(CliRun.NOW, "c1", ADDRESS, Outcome.SENT, "250 ok", "<x>"));
    }
    FolderKey key = FolderKey.load(Map.of(), dir);
    List<String> done = new ArrayList<>();
    try (ForgetLocks locks = ForgetLocks.take(places())) {
      Person person = new Person(ADDRESS);
      Holdings held = PersonSearch.find(places(), person, key, InputLimits.DEFAULT);
      Erasure erasure = new Erasure(places(), person, key, held, null);
      assertThrows(
          Stop.class,
          () ->
              erasure.run(
                  LocalDate.EPOCH,
                  locks.journal(),
                  step -> {
                    done.add(step);
                    if (done.size() == steps) {
                      throw new Stop();
                    }
                  }));
    }
    assertTrue(done.get(0).endsWith("optout.csv: the pseudonym added"), done::toString);
    assertTrue(
        OptOutList.load(List.of(dir.resolve("contacts/optout.csv")), InputLimits.DEFAULT, key)
            .contains("ANNA@news.example"),
        "suppressed after " + done);
    CliRun.Result check = CliRun.in(dir).run("report");
    assertEquals(0, check.exitCode(), check::toString);

    CliRun.Result again = CliRun.in(dir).run("forget", ADDRESS, "--yes");

    assertEquals(0, again.exitCode(), again::toString);
    assertEquals(List.of(), Grep.files(dir, ADDRESS, "Anna Nowak", "anna-at-news.example"));
    assertEquals(
        1,
        TestFiles.read(dir.resolve("contacts/optout.csv")).split("forgotten:", -1).length - 1,
        "one pseudonym, however often forget ran");
  }
}
