package dev.herald.journal;

import static dev.herald.journal.Entries.entry;
import static dev.herald.journal.Entries.readAll;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subject and provenance columns: written, read back, cut short, and older journals. */
class JournalColumnsTest {
  @TempDir Path dir;

  private final JournalEntry first = entry(1, Outcome.SENT);

  private final JournalEntry full =
      new JournalEntry(
          Instant.parse("2026-11-27T09:52:00.456Z"),
          "podlaskie-2021",
          "ewa.nowak@example.pl",
          Outcome.SENT,
          "250 ok",
          "<podlaskie-2021.2@herald.example>",
          "templates/2026-12/release.md",
          "0123456789abcdef",
          "Fostering digitalisation in the Podlaskie Region, \"Next2Met\"",
          "=public editorial address",
          "consent 2026-03-02, by e-mail");

  @Test
  void subjectSourceAndLegalBasisReadBackExactly() throws Exception {
    Path file = dir.resolve("sends.csv");
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(first);
      journal.appendDurably(full);
    }
    assertEquals(List.of(first, full), readAll(file));
    String line = Files.readAllLines(file, UTF_8).get(2);
    assertTrue(line.contains(",'=public editorial address,"), "formula guard: " + line);
    assertEquals("consent 2026-03-02, by e-mail", readAll(file).get(1).legalBasis());
  }

  @Test
  void aLineBreakInAValueNeverStartsAnotherLine() {
    JournalEntry e =
        new JournalEntry(
            Instant.EPOCH,
            "c",
            "a@example.org",
            Outcome.SENT,
            "",
            "",
            "",
            "",
            "a\r\nb\nc\rd",
            "x\ny",
            "z\r");
    assertEquals("a b c d", e.subject());
    assertEquals("x y", e.contactSource());
    assertEquals("z ", e.legalBasis());
    assertEquals(1, JournalCsv.line(e).split("\n", -1).length - 1);
  }

  @Test
  void aLineCutBeforeTheNewColumnsIsSkippedAndOneCutInsideThemIsKept() throws Exception {
    String head = JournalCsv.HEADER + "\n" + JournalCsv.line(first);
    String line = JournalCsv.line(full);
    byte[] bytes = line.getBytes(UTF_8);
    int hashEnd = line.indexOf("0123456789abcdef") + 16;
    for (int cut = 1; cut < bytes.length - 1; cut++) {
      Path file = dir.resolve("cut-" + cut + "/sends.csv");
      Files.createDirectories(file.getParent());
      byte[] content = new byte[head.length() + cut];
      System.arraycopy(head.getBytes(UTF_8), 0, content, 0, head.length());
      System.arraycopy(bytes, 0, content, head.length(), cut);
      Files.write(file, content);
      List<JournalEntry> read = readAll(file);
      String cutText = line.substring(0, cut);
      int values = cutText.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1).length;
      boolean openQuote = cutText.chars().filter(c -> c == '"').count() % 2 == 1;
      if (cut <= hashEnd || values < JournalCsv.COLUMNS.size() || openQuote) {
        assertEquals(List.of(first), read, "cut after " + cut + ": " + cutText);
      } else {
        assertEquals(2, read.size(), "cut after " + cut + ": " + cutText);
        JournalEntry kept = read.get(1);
        assertEquals(full.recipient(), kept.recipient());
        assertEquals(full.outcome(), kept.outcome());
        assertEquals(full.subject(), kept.subject());
        assertEquals(full.contactSource(), kept.contactSource());
        assertTrue(full.legalBasis().startsWith(kept.legalBasis()), kept.legalBasis());
      }
    }
  }

  @Test
  void aJournalWithTheTemplateColumnsReadsAndGetsTheNewHeaderOnOpen() throws Exception {
    Path file = dir.resolve("logs/sends.csv");
    Files.createDirectories(file.getParent());
    String old =
        "time,campaign,recipient,outcome,reply,message_id,template,template_hash\n"
            + "2026-11-20T10:00:00.000Z,c,a@example.org,attempt,,<1@herald.example>,t.md,"
            + "0123456789abcdef\n"
            + "2026-11-20T10:00:01.000Z,c,a@example.org,sent,250 ok,<1@herald.example>,t.md,"
            + "0123456789abcdef\n";
    Files.writeString(file, old, UTF_8);
    List<JournalEntry> before = readAll(file);
    assertEquals(2, before.size());
    assertEquals("", before.get(1).subject());
    assertEquals("t.md", before.get(1).template());

    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(full);
    }
    String after = Files.readString(file, UTF_8);
    assertTrue(after.startsWith(JournalCsv.HEADER + "\n"), after);
    assertTrue(after.contains(old.substring(old.indexOf('\n') + 1)), after);
    assertEquals(List.of(before.get(0), before.get(1), full), readAll(file));
    assertFalse(Files.exists(dir.resolve("logs/sends.csv.upgrading")));
  }

  @Test
  void anUnendedLineOfTheTemplateWidthUnderTheNewHeaderWasCutShort() throws Exception {
    Path file = dir.resolve("sends.csv");
    String eight =
        "2026-11-20T10:00:01.000Z,c,a@example.org,sent,250 ok,<1@herald.example>,t.md,"
            + "0123456789abcdef";
    Files.writeString(file, JournalCsv.HEADER + "\n" + JournalCsv.line(first) + eight, UTF_8);
    assertEquals(List.of(first), readAll(file));
    Files.writeString(
        file, JournalCsv.HEADER + "\n" + JournalCsv.line(first) + eight + "\n", UTF_8);
    assertEquals(2, readAll(file).size(), "a whole line of the older width still counts");
  }
}
