package dev.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.InputLimits;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suppression list beside the contact file. */
class OptOutListTest {
  @TempDir Path dir;

  @Test
  void aMissingListIsEmpty() {
    OptOutList list = OptOutList.load(dir.resolve("contacts/optout.csv"), InputLimits.DEFAULT);

    assertEquals(0, list.size());
    assertFalse(list.contains("anna@news.example"));
  }

  @Test
  void addressesMatchCaseInsensitively() {
    Path file =
        TestFiles.write(
            dir,
            "contacts/optout.csv",
            "email,reason,date\nW.DeSmet@Kempische-Koerier.example,,\n");

    OptOutList list = OptOutList.load(file, InputLimits.DEFAULT);

    assertTrue(list.contains("w.desmet@KEMPISCHE-koerier.example"));
  }

  @Test
  void addAppendsARowOnceAndReadsBack() throws Exception {
    Path file =
        TestFiles.write(dir, "contacts/optout.csv", "email,reason,date\na@news.example,x,y");
    OptOutList list = OptOutList.load(file, InputLimits.DEFAULT);

    assertTrue(list.add("B@News.example", "=asked, by reply", LocalDate.of(2026, 11, 27)));
    assertFalse(list.add("b@news.example", "again", LocalDate.of(2026, 11, 28)));

    assertEquals(
        "email,reason,date\na@news.example,x,y\nB@News.example,\"'=asked, by reply\",2026-11-27\n",
        Files.readString(file));
    OptOutList again = OptOutList.load(file, InputLimits.DEFAULT);
    assertEquals(2, again.size());
    assertTrue(again.contains("b@news.example"));
  }

  @Test
  void anAddressThatLooksLikeAFormulaIsSuppressedAfterItIsWritten() throws Exception {
    Path file = dir.resolve("contacts/optout.csv");
    OptOutList list = OptOutList.load(file, InputLimits.DEFAULT);

    list.add("=2+5@news.example", "unsubscribe reply", LocalDate.of(2026, 11, 27));
    list.add("-desk@news.example", "unsubscribe reply", LocalDate.of(2026, 11, 27));

    assertTrue(Files.readString(file).contains("\n'=2+5@news.example,"), "neutralised on disk");
    OptOutList again = OptOutList.load(file, InputLimits.DEFAULT);
    assertTrue(again.contains("=2+5@news.example"));
    assertTrue(again.contains("-desk@news.example"));
    assertFalse(again.contains("'=2+5@news.example"));
  }

  @Test
  void addCreatesTheFileWithAHeader() throws Exception {
    Path file = dir.resolve("contacts/optout.csv");
    OptOutList list = OptOutList.load(file, InputLimits.DEFAULT);

    list.add("c@news.example", "unsubscribe reply", LocalDate.of(2026, 11, 27));

    assertEquals(
        "email,reason,date\nc@news.example,unsubscribe reply,2026-11-27\n", Files.readString(file));
  }

  @Test
  void anEntryAddedToAListWithCapitalisedColumnsKeepsItsReasonAndDate() throws Exception {
    Path file = dir.resolve("optout.csv");
    TestFiles.write(dir, "optout.csv", "Email,Reason,Date\nold@news.example,asked,2026-01-02\n");

    OptOutList list = OptOutList.load(file, InputLimits.DEFAULT);
    assertTrue(list.add("new@news.example", "phoned", LocalDate.of(2026, 12, 2)));

    assertTrue(
        Files.readString(file).endsWith("new@news.example,phoned,2026-12-02\n"),
        Files.readString(file));
  }
}
