package dev.herald.privacy;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.FolderKey;
import dev.herald.InputLimits;
import dev.herald.contacts.OptOutList;
import dev.herald.identity.Forgotten;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile spellings: one address written in upper case, with its internationalised domain in
 * Unicode (composed and decomposed) and in its ASCII form, in the lists, the journal and the
 * opt-out list, is forgotten in every one of them by any one of its spellings; and an opt-out
 * pseudonym made under another key stops every command rather than go unmatched.
 */
class ForgetSpellingsTest {
  @TempDir Path dir;

  private static final String UNICODE = "redakcja@gazeta-białostocka.example";
  private static final String ASCII = "REDAKCJA@xn--gazeta-biaostocka-c4c.example";
  private static final String DECOMPOSED = "Redakcja@GAZETA-BIAŁOSTOCKA.example";

  @Test
  void everySpellingIsForgottenByAnyOther() {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\n\nNews for {{first_name}}.\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,last_name\n"
            + UNICODE
            + ",Jadwiga,Białek\nother@news.example,Olga,Inna\n");
    TestFiles.write(
        dir,
        "contacts/regional/list.csv",
        "email,first_name,last_name\n" + ASCII + ",Jadwiga,Białek\n");
    TestFiles.write(
        dir, "contacts/optout.csv", "email,reason,date\n" + DECOMPOSED + ",asked,2026-01-02\n");
    try (Journal j = Journal.open(dir.resolve("logs/sends.csv"))) {
      j.appendDurably(
          new JournalEntry(
              CliRun.NOW, "c1", UNICODE, Outcome.SENT, "250 ok", "<c1.x@herald.example>"));
      j.appendDurably(
          new JournalEntry(
              CliRun.NOW, "c2", ASCII, Outcome.FAILED, "550 <" + ASCII + "> unknown", "<old-id>"));
    }

    CliRun.Result r =
        CliRun.in(dir).run("forget", "  Redakcja@Gazeta-Białostocka.EXAMPLE ", "--yes");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "2 lines pseudonymised in");
    assertEquals(
        List.of(),
        Grep.files(
            dir,
            "redakcja@gazeta-białostocka.example",
            "redakcja@xn--gazeta-biaostocka-c4c.example",
            "Jadwiga Białek"));
    String journal = TestFiles.read(dir.resolve("logs/sends.csv"));
    String token = Forgotten.token(FolderKey.load(Map.of(), dir), ASCII);
    assertContains(journal, "c2," + token + ",failed,550 <" + token + "> unknown,<forgotten.");
    assertContains(
        TestFiles.read(dir.resolve("contacts/optout.csv")), token + ",erased on request");
    assertTrue(
        OptOutList.load(
                List.of(dir.resolve("contacts/optout.csv")),
                InputLimits.DEFAULT,
                FolderKey.load(Map.of(), dir))
            .contains(UNICODE));
    CliRun.Result check = CliRun.in(dir).run("check", "templates/release.md");
    assertEquals(0, check.exitCode(), check::toString);
    assertContains(check.out(), "1 to send");
  }

  @Test
  void aPseudonymMadeUnderAnotherKeyStopsTheRun() {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\n\nNews.\n");
    TestFiles.write(dir, "contacts/media.csv", "email\n" + UNICODE + "\n");
    Map<String, String> laptop = Map.of("HERALD_KEY", "k".repeat(40));
    assertEquals(0, CliRun.in(dir).env(laptop).run("forget", UNICODE, "--yes").exitCode());
    TestFiles.write(dir, "contacts/media.csv", "email\n" + UNICODE + "\n");

    CliRun.Result ci =
        CliRun.in(dir)
            .env(Map.of("HERALD_KEY", "c".repeat(40)))
            .run("check", "templates/release.md");

    assertEquals(2, ci.exitCode(), ci::toString);
    assertContains(ci.out(), "was left by herald forget under another key than the one in use");
    CliRun.Result same = CliRun.in(dir).env(laptop).run("check", "templates/release.md");
    assertEquals(0, same.exitCode(), same::toString);
    assertContains(same.out(), "1 suppressed");
    assertThrows(
        IllegalStateException.class,
        () ->
            OptOutList.load(dir.resolve("contacts/optout.csv"), InputLimits.DEFAULT)
                .contains(UNICODE),
        "a list with pseudonyms must be loaded with the key");
  }
}
