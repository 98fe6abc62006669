package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.FolderKey;
import dev.herald.InputLimits;
import dev.herald.contacts.OptOutList;
import dev.herald.identity.Forgotten;
import dev.herald.identity.UnsubscribeTokens;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.TestFiles;
import dev.herald.testing.Xlsx;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald optout import}: unsubscribes from a web form or a provider's export, read as
 * contact lists are read (separators, encodings, workbooks), checked row by row, and added once
 * each.
 */
class OptoutImportTest {
  @TempDir Path dir;

  private static final String LIST_BEFORE =
      "email,reason,date\nold@news.example,phoned,2026-01-05\n";

  @BeforeEach
  void folder() {
    TestFiles.write(dir, "contacts/optout.csv", LIST_BEFORE);
  }

  private String list() {
    return TestFiles.read(dir.resolve("contacts/optout.csv"));
  }

  private boolean suppressed(String address) {
    return OptOutList.load(dir.resolve("contacts/optout.csv"), InputLimits.DEFAULT)
        .contains(address);
  }

  @Test
  void aSemicolonExportWithReasonsAndDatesAddsOnlyTheNewOnes() {
    TestFiles.write(
        dir,
        "web-form.csv",
        "Email;Reason;Date\n"
            + "anna@news.example;web form;2026-11-30\n"
            + "OLD@news.example;again;2026-11-30\n"
            + "ben@news.example;;2026-12-01 14:30\n"
            + "Anna@News.example;repeat;2026-11-30\n");

    CliRun.Result r = CliRun.in(dir).run("optout", "import", "web-form.csv");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "semicolon-separated, UTF-8");
    assertContains(r.out(), "2 new, 2 already on the list, 0 invalid; added to ");
    assertEquals(
        LIST_BEFORE
            + "anna@news.example,web form,2026-11-30\n"
            + "ben@news.example,imported from web-form.csv,2026-12-01\n",
        list());

    CliRun.Result again = CliRun.in(dir).run("optout", "import", "web-form.csv");
    assertEquals(0, again.exitCode(), again::toString);
    assertContains(again.out(), "0 new, 4 already on the list, 0 invalid.");
  }

  @Test
  void invalidRowsAreAllNamedAndNothingIsAddedUnlessSkipped() {
    TestFiles.write(
        dir,
        "export.csv",
        "email\n"
            + "anna@news.example\n"
            + "not-an-address\n"
            + "ben@\n"
            + "ca\u200Bra@news.example\n"
            + "dora@news.example\n");

    CliRun.Result r = CliRun.in(dir).run("optout", "import", "export.csv");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "3 rows are invalid; nothing was added to ");
    assertContains(r.err(), "export.csv:3:1:");
    assertContains(r.err(), "export.csv:4:1:");
    assertContains(r.err(), "export.csv:5:1:");
    assertContains(r.err(), "--skip-invalid");
    assertEquals(LIST_BEFORE, list());

    CliRun.Result skipped = CliRun.in(dir).run("optout", "import", "export.csv", "--skip-invalid");
    assertEquals(0, skipped.exitCode(), skipped::toString);
    assertContains(skipped.err(), "skipped: ");
    assertContains(skipped.err(), "export.csv:3:1:");
    assertContains(skipped.out(), "2 new, 0 already on the list, 3 invalid");
    assertTrue(suppressed("dora@news.example"));
    assertFalse(list().contains("ca\u200Bra"), "never writes an entry it would refuse to read");
  }

  @Test
  void windows1250IsNamedAndReadWithEncoding() throws Exception {
    Path file = dir.resolve("lista.csv");
    Files.write(
        file,
        ("email;powód\nl.wrobel@kurier-białostocki.example;wypisz mnie\nzaneta@gazeta-łódź.example;rezygnacja\n")
            .getBytes(Charset.forName("windows-1250")));

    CliRun.Result refused = CliRun.in(dir).run("optout", "import", "lista.csv");
    assertEquals(2, refused.exitCode(), refused::toString);
    assertContains(refused.all(), "probably Windows-1250");
    assertEquals(LIST_BEFORE, list());

    CliRun.Result r =
        CliRun.in(dir).run("optout", "import", "lista.csv", "--encoding", "windows-1250");
    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "2 new");
    assertTrue(suppressed("l.wrobel@kurier-białostocki.example"), list());
    assertTrue(suppressed("zaneta@gazeta-łódź.example"), list());
  }

  @Test
  void aWorkbookSheetIsRead() {
    new Xlsx()
        .sheet(
            "Unsubscribed",
            List.of(
                List.<Object>of("Email Address", "Reason"),
                List.<Object>of("anna@news.example", "provider"),
                List.<Object>of("ben@news.example", "provider")))
        .write(dir.resolve("provider.xlsx"));

    CliRun.Result noColumn = CliRun.in(dir).run("optout", "import", "provider.xlsx");
    assertEquals(2, noColumn.exitCode(), noColumn::toString);
    assertContains(noColumn.err(), "has no column 'email'");
    assertContains(noColumn.err(), "--column \"Email Address\"");

    CliRun.Result r =
        CliRun.in(dir)
            .run("optout", "import", "provider.xlsx", "--column", "email address", "--dry-run");
    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "2 new, 0 already on the list, 0 invalid (dry run: nothing written");
    assertEquals(LIST_BEFORE, list());

    r = CliRun.in(dir).run("optout", "import", "provider.xlsx", "--column", "Email Address");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(suppressed("anna@news.example") && suppressed("ben@news.example"), list());
    assertContains(list(), "anna@news.example,provider,2026-11-27\n");
  }

  @Test
  void aBareListOfAddressesHasNoHeader() {
    TestFiles.write(dir, "pasted.csv", "anna@news.example\nben@news.example\n");

    CliRun.Result r = CliRun.in(dir).run("optout", "import", "pasted.csv");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "the only column (no header)");
    assertContains(r.out(), "2 new");
    assertTrue(suppressed("anna@news.example"));
  }

  @Test
  void aDateThatIsNotIsoIsWarnedAboutAndTodayKept() {
    TestFiles.write(dir, "form.csv", "email,date\nanna@news.example,02/12/2026\n");

    CliRun.Result r = CliRun.in(dir).run("optout", "import", "form.csv");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.err(), "form.csv:2:2: date '02/12/2026' is not a date such as 2026-12-02");
    assertContains(list(), "anna@news.example,imported from form.csv,2026-11-27\n");
  }

  @Test
  void aMissingFileOrAnUnclosedQuoteIsExitTwo() {
    CliRun.Result missing = CliRun.in(dir).run("optout", "import", "nowhere.csv");
    assertEquals(2, missing.exitCode(), missing::toString);
    assertContains(missing.err(), "nowhere.csv: no such file");

    TestFiles.write(dir, "broken.csv", "email,reason\nanna@news.example,\"never closed\n");
    CliRun.Result broken = CliRun.in(dir).run("optout", "import", "broken.csv");
    assertEquals(2, broken.exitCode(), broken::toString);
    assertContains(broken.err(), "never closed (unbalanced \")");
    assertEquals(LIST_BEFORE, list());
  }

  @Test
  void tokensFromTheHttpsEndpointAreResolvedThroughTheJournal() {
    FolderKey key = FolderKey.load(Map.of(), dir);
    try (Journal journal = Journal.open(dir.resolve("logs/sends.csv"))) {
      journal.appendDurably(
          new JournalEntry(
              CliRun.NOW, "news", "anna@news.example", Outcome.SENT, "250 OK", "<n.1@x.example>"));
    }
    String token = UnsubscribeTokens.of(key, "news", "anna@news.example");
    TestFiles.write(
        dir,
        "clicks.csv",
        "token,date\n" + token + ",2026-11-30\naaaaaaaaaaaaaaaa,2026-11-30\nnot-a-token,\n");

    CliRun.Result r = CliRun.in(dir).run("optout", "import", "clicks.csv");
    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "clicks.csv:3:1: token 'aaaaaaaaaaaaaaaa' was given to nobody");
    assertContains(r.err(), "clicks.csv:4:1: 'not-a-token' is not an unsubscribe token");
    assertEquals(LIST_BEFORE, list());

    r = CliRun.in(dir).run("optout", "import", "clicks.csv", "--skip-invalid");
    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "1 new, 0 already on the list, 2 invalid");
    assertContains(list(), "anna@news.example,unsubscribe link (web),2026-11-30\n");
  }

  @Test
  void aTokenOfAMessageWhoseOutcomeIsUnknownIsHonoured() {
    // the whole message went out and no final reply came: it may well have arrived, and the
    // journalist may click its link; the token was given all the same
    FolderKey key = FolderKey.load(Map.of(), dir);
    try (Journal journal = Journal.open(dir.resolve("logs/sends.csv"))) {
      journal.appendDurably(
          new JournalEntry(
              CliRun.NOW, "news", "anna@news.example", Outcome.ATTEMPT, "", "<n.1@x.example>"));
      journal.appendDurably(
          new JournalEntry(
              CliRun.NOW,
              "news",
              "anna@news.example",
              Outcome.UNKNOWN,
              "no reply to the final dot",
              "<n.1@x.example>"));
      journal.appendDurably(
          new JournalEntry(
              CliRun.NOW, "news", "ben@news.example", Outcome.FAILED, "550 no", "<n.2@x.example>"));
    }
    TestFiles.write(
        dir,
        "clicks.csv",
        "token\n"
            + UnsubscribeTokens.of(key, "news", "anna@news.example")
            + "\n"
            + UnsubscribeTokens.of(key, "news", "ben@news.example")
            + "\n");

    CliRun.Result r = CliRun.in(dir).run("optout", "import", "clicks.csv", "--skip-invalid");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "1 new, 0 already on the list, 1 invalid");
    assertTrue(suppressed("anna@news.example"), this::list);
    assertFalse(suppressed("ben@news.example"), this::list);
  }

  @Test
  void aListThatForgetLeftAPseudonymInStillImports() {
    FolderKey key = FolderKey.load(Map.of(), dir);
    String pseudonym = Forgotten.token(key, "g.rossi@news.example");
    TestFiles.write(
        dir,
        "contacts/optout.csv",
        LIST_BEFORE + pseudonym + ",erased on request (herald forget),2026-11-02\n");
    TestFiles.write(dir, "web-form.csv", "email\nanna@news.example\nG.Rossi@NEWS.example\n");

    CliRun.Result r = CliRun.in(dir).run("optout", "import", "web-form.csv");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "1 new, 1 already on the list, 0 invalid");
    assertTrue(suppressed("anna@news.example"), this::list);
    assertFalse(list().toLowerCase(java.util.Locale.ROOT).contains("rossi"), this::list);
  }
}
