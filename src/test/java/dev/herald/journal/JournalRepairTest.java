package dev.herald.journal;

import static dev.herald.journal.Entries.entry;
import static dev.herald.journal.Entries.readAll;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines cut short by a crash, and lines damaged some other way. */
class JournalRepairTest {
  private static final String HEADER = JournalCsv.HEADER + "\n";

  @TempDir Path dir;

  private final JournalEntry first = entry(1, Outcome.ATTEMPT);
  private final JournalEntry second = entry(1, Outcome.SENT);
  private final JournalEntry torn =
      new JournalEntry(
          Instant.parse("2026-11-27T09:52:00.456Z"),
          "podlaskie-2021",
          "ewa.nowak@example.pl",
          Outcome.FAILED,
          "550 5.7.1 Message rejected, \"policy\"",
          "<podlaskie-2021.2@herald.example>");

  @Test
  void aLastLineCutAnywhereIsSkippedAndNewEntriesFollowIt() throws Exception {
    String whole = HEADER + JournalCsv.line(first) + JournalCsv.line(second);
    String tornLine = JournalCsv.line(torn);
    byte[] tornBytes = tornLine.getBytes(UTF_8);
    // every cut: inside the time, inside the quoted reply, just before a doubled quote, inside
    // the message-id and just before its closing '>' (everything but the final line break is a
    // complete line: see aCompleteLastLineWithoutItsLineBreakCounts)
    for (int cut = 1; cut < tornBytes.length - 1; cut++) {
      Path file = dir.resolve("cut-" + cut + "/sends.csv");
      Files.createDirectories(file.getParent());
      Files.write(file, concat(whole.getBytes(UTF_8), tornBytes, cut));
      String context = "cut after " + cut + " bytes of " + tornLine;

      assertEquals(List.of(first, second), readAll(file), context + " (read before repair)");
      try (Journal journal = Journal.open(file)) {
        journal.appendDurably(entry(2, Outcome.ATTEMPT));
        journal.appendDurably(entry(2, Outcome.SENT));
      }
      assertEquals(
          List.of(first, second, entry(2, Outcome.ATTEMPT), entry(2, Outcome.SENT)),
          readAll(file),
          context);
      assertTrue(Files.readString(file, UTF_8).contains(JournalCsv.TORN_MARKER + "\n"), context);
    }
  }

  @Test
  void aLastLineWithATemplateCutAnywhereIsSkipped() throws Exception {
    JournalEntry withTemplate =
        new JournalEntry(
            Instant.parse("2026-11-27T09:52:00.456Z"),
            "podlaskie-2021",
            "ewa.nowak@example.pl",
            Outcome.SENT,
            "250 ok",
            "<podlaskie-2021.2@herald.example>",
            "templates/2026-12/release.md",
            "0123456789abcdef");
    String whole = HEADER + JournalCsv.line(first);
    byte[] tornBytes = JournalCsv.line(withTemplate).getBytes(UTF_8);
    // every cut, including one just after the message-id, one after the template path and one
    // inside the hash, up to the last digit of the hash
    for (int cut = 1; cut < tornBytes.length - 1; cut++) {
      Path file = dir.resolve("cut-template-" + cut + "/sends.csv");
      Files.createDirectories(file.getParent());
      Files.write(file, concat(whole.getBytes(UTF_8), tornBytes, cut));
      assertEquals(List.of(first), readAll(file), "cut after " + cut);
    }
    Path file = dir.resolve("whole/sends.csv");
    Files.createDirectories(file.getParent());
    Files.write(file, concat(whole.getBytes(UTF_8), tornBytes, tornBytes.length - 1));
    assertEquals(List.of(first, withTemplate), readAll(file), "all but the line break is whole");
  }

  @Test
  void aJournalFromBeforeTheTemplateColumnsReadsAndGetsTheNewHeaderOnOpen() throws Exception {
    Path file = dir.resolve("logs/sends.csv");
    Files.createDirectories(file.getParent());
    String old =
        "time,campaign,recipient,outcome,reply,message_id\r\n"
            + "2026-11-20T10:00:00.000Z,c,a@example.org,attempt,,<1@herald.example>\r\n"
            + "2026-11-20T10:00:01.000Z,c,a@example.org,sent,250 ok,<1@herald.example>";
    Files.writeString(file, old, UTF_8);
    List<JournalEntry> before = readAll(file);
    assertEquals(2, before.size(), "the last line counts without its line break");
    assertEquals(TemplateRecord.NONE, before.get(1).source());
    java.util.Set<java.nio.file.attribute.PosixFilePermission> mode =
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
    Files.setPosixFilePermissions(file, mode);

    JournalEntry next =
        new JournalEntry(
            Instant.parse("2026-11-27T10:00:00Z"),
            "c",
            "b@example.org",
            Outcome.SENT,
            "250 ok",
            "<2@herald.example>",
            "templates/c.md",
            "0123456789abcdef");
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(next);
    }
    String after = Files.readString(file, UTF_8);
    assertTrue(after.startsWith(HEADER), after);
    assertTrue(
        after.contains(old.substring(old.indexOf('\n') + 1)), "the old lines are kept: " + after);
    List<JournalEntry> entries = readAll(file);
    assertEquals(before, entries.subList(0, 2));
    assertEquals(next, entries.get(2));
    assertEquals(mode, Files.getPosixFilePermissions(file), "the journal keeps its permissions");
    try (var files = Files.list(file.getParent())) {
      assertEquals(
          List.of("sends.csv", "sends.csv.lock"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void aCompleteLastLineWithoutItsLineBreakCounts() throws Exception {
    // An editor or a spreadsheet saved the journal without its final line break: the last line
    // is whole, and the message it records as sent must not be sent again.
    Path file = dir.resolve("sends.csv");
    String saved = HEADER + JournalCsv.line(first) + JournalCsv.line(second);
    Files.writeString(file, saved.substring(0, saved.length() - 1), UTF_8);
    assertEquals(List.of(first, second), readAll(file));
    assertEquals(
        CampaignState.Status.SENT,
        CampaignState.load(file, "podlaskie-2021").status(first.recipient()));

    JournalEntry third = entry(3, Outcome.ATTEMPT);
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(third);
    }
    // the missing line break is added before the new line, and no marker: nothing was torn
    assertEquals(saved + JournalCsv.line(third), Files.readString(file, UTF_8));
    assertEquals(List.of(first, second, third), readAll(file));
  }

  @Test
  void aCompleteLastLineThatIsNotAnEntryIsAnInputErrorNamingItsLine() throws Exception {
    String[] lastLines = {
      "2026-11-27T09:52:00.000Z,podlaskie-2021,x@example.org,delivered,,<id@herald.example>",
      "yesterday,podlaskie-2021,x@example.org,sent,250 ok,<id@herald.example>",
      "2026-11-27T09:52:00.000Z,podlaskie-2021,x@example.org,sent,250 ok,<id@herald.example>,t.md,"
          + "0123456789abcdef,Subject,source,basis,more",
    };
    for (String last : lastLines) {
      for (String end : List.of("", "\n")) {
        Path file = dir.resolve("case-" + Math.abs((last + end).hashCode()) + ".csv");
        String content = HEADER + JournalCsv.line(first) + last + end;
        Files.writeString(file, content, UTF_8);
        HeraldException e = assertThrows(HeraldException.class, () -> readAll(file), last + end);
        assertEquals(ExitCodes.INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith(file + ":3: "), e.getMessage());
        assertThrows(HeraldException.class, () -> Journal.open(file));
        assertEquals(content, Files.readString(file, UTF_8), "a damaged journal is left as it was");
      }
    }
  }

  @Test
  void aLastLineCutInsideAMultiByteCharacterIsSkipped() throws Exception {
    Path file = dir.resolve("sends.csv");
    byte[] line =
        JournalCsv.line(
                new JournalEntry(Entries.T0, "c", "łukasz@example.pl", Outcome.SENT, "", ""))
            .getBytes(UTF_8);
    int cut = "2026-11-27T09:51:23.123Z,c,".length() + 1; // between the two bytes of ł
    Files.write(file, concat(HEADER.getBytes(UTF_8), line, cut));
    assertEquals(List.of(), readAll(file));
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(first);
    }
    assertEquals(List.of(first), readAll(file));
  }

  @Test
  void aTornHeaderIsCompleted() throws Exception {
    Path file = dir.resolve("sends.csv");
    Files.writeString(file, "time,campaign,recip");
    assertEquals(List.of(), readAll(file));
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(first);
    }
    assertEquals(HEADER + JournalCsv.line(first), Files.readString(file, UTF_8));
  }

  @Test
  void aCrashAgainWhileRepairingIsRepairedToo() throws Exception {
    Path file = dir.resolve("sends.csv");
    String cutMarker = JournalCsv.TORN_MARKER.substring(0, 10);
    Files.writeString(
        file, HEADER + JournalCsv.line(first) + "2026-11-27T09:5\n" + cutMarker, UTF_8);
    assertEquals(List.of(first), readAll(file));
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(second);
    }
    assertEquals(List.of(first, second), readAll(file));
  }

  @Test
  void aGarbledLastLineIsSkippedEvenWithItsLineBreak() throws Exception {
    Path file = dir.resolve("sends.csv");
    Files.writeString(file, HEADER + JournalCsv.line(first) + "\0\0\0\0\n", UTF_8);
    assertEquals(List.of(first), readAll(file));
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(second);
    }
    assertEquals(List.of(first, second), readAll(file));
  }

  @Test
  void aGarbledLineElsewhereIsAnInputErrorNamingItsLine() throws Exception {
    Path file = dir.resolve("logs/sends.csv");
    Files.createDirectories(file.getParent());
    String content =
        HEADER
            + JournalCsv.line(first)
            + "2026-11-27T09:52:00.000Z,c,x@example.org\n"
            + JournalCsv.line(second);
    Files.writeString(file, content, UTF_8);

    HeraldException e = assertThrows(HeraldException.class, () -> readAll(file));
    assertEquals(ExitCodes.INPUT, e.exitCode());
    assertTrue(e.getMessage().startsWith(file + ":3: expected 11 values"), e.getMessage());
    assertTrue(e.getMessage().contains("sends.csv:3:"));

    HeraldException onOpen = assertThrows(HeraldException.class, () -> Journal.open(file));
    assertEquals(ExitCodes.INPUT, onOpen.exitCode());
    assertTrue(onOpen.getMessage().contains("sends.csv:3:"), onOpen.getMessage());
    assertEquals(content, Files.readString(file, UTF_8), "a damaged journal is left as it was");
  }

  @Test
  void eachKindOfDamageNamesItsLine() throws Exception {
    String[][] cases = {
      {"2026-11-27T09:52:00.000Z,c,x@example.org,sent,,,\n", "expected 11 values"},
      {"yesterday,c,x@example.org,sent,,\n", "the time \"yesterday\" is not a UTC time"},
      {"2026-11-27T09:52:00.000Z,c,x@example.org,delivered,,\n", "unknown outcome \"delivered\""},
      {"2026-11-27T09:52:00.000Z,c,x\"y@example.org,sent,,\n", "a quote inside a value"},
      {"2026-11-27T09:52:00.000Z,\"c\"d,x@example.org,sent,,\n", "unexpected text after"},
      {"2026-11-27T09:52:00.000Z,c,x@example.org,sent,\r,\n", "a carriage return outside"},
    };
    for (int i = 0; i < cases.length; i++) {
      Path file = dir.resolve("case-" + i + ".csv");
      Files.writeString(
          file, HEADER + JournalCsv.line(first) + cases[i][0] + JournalCsv.line(second), UTF_8);
      HeraldException e = assertThrows(HeraldException.class, () -> readAll(file));
      assertTrue(
          e.getMessage().startsWith(file + ":3: " + cases[i][1]),
          cases[i][0] + " gave: " + e.getMessage());
    }
  }

  @Test
  void invalidUtf8IsNamedByLine() throws Exception {
    Path file = dir.resolve("sends.csv");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes((HEADER + JournalCsv.line(first)).getBytes(UTF_8));
    bytes.writeBytes("2026-11-27T09:52:00.000Z,c,x".getBytes(UTF_8));
    bytes.write(0xff); // a byte that never occurs in UTF-8
    bytes.writeBytes("@example.org,sent,,\n".getBytes(UTF_8));
    bytes.writeBytes(JournalCsv.line(second).getBytes(UTF_8));
    Files.write(file, bytes.toByteArray());
    HeraldException e = assertThrows(HeraldException.class, () -> readAll(file));
    assertTrue(
        e.getMessage().startsWith(file + ":3: text that is not valid UTF-8"), e.getMessage());
  }

  @Test
  void aQuoteLeftOpenAcrossLinesIsNotTakenForATornLine() throws Exception {
    Path file = dir.resolve("sends.csv");
    String content =
        HEADER
            + JournalCsv.line(first)
            + "2026-11-27T09:52:00.000Z,\"c,x@example.org,sent,,\n"
            + JournalCsv.line(second);
    Files.writeString(file, content, UTF_8);
    HeraldException e = assertThrows(HeraldException.class, () -> readAll(file));
    assertEquals(ExitCodes.INPUT, e.exitCode());
    assertTrue(
        e.getMessage().startsWith(file + ":3: a quoted value starts on this line and is never"),
        e.getMessage());
    assertThrows(HeraldException.class, () -> Journal.open(file));
    assertEquals(content, Files.readString(file, UTF_8));
  }

  @Test
  void aMissingJournalHasNoEntriesAndIsNotCreatedByReading() {
    Path file = dir.resolve("logs/sends.csv");
    assertEquals(List.of(), readAll(file));
    assertFalse(Files.exists(file.getParent()));
  }

  @Test
  void blankLinesAreIgnored() throws Exception {
    Path file = dir.resolve("sends.csv");
    Files.writeString(
        file, HEADER + "\n" + JournalCsv.line(first) + "\r\n\n" + JournalCsv.line(second), UTF_8);
    assertEquals(List.of(first, second), readAll(file));
  }

  /** {@code a} followed by the first {@code n} bytes of {@code b}. */
  private static byte[] concat(byte[] a, byte[] b, int n) {
    byte[] out = new byte[a.length + n];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, n);
    return out;
  }
}
