package dev.herald.journal;

import static dev.herald.journal.Entries.T0;
import static dev.herald.journal.Entries.readAll;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JournalFormatTest {
  @TempDir Path dir;

  @Test
  void writesHeaderAndOneLinePerEntry() throws Exception {
    Path file = dir.resolve("logs/sends.csv");
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(
          new JournalEntry(
              T0,
              "podlaskie-2021",
              "anna.kowalska@example.pl",
              Outcome.SENT,
              "250 2.0.0 Ok: queued",
              "<podlaskie-2021.1@herald.example>"));
      journal.appendDurably(
          new JournalEntry(
              Instant.parse("2026-11-27T09:51:24Z"),
              "podlaskie-2021",
              "jean@example.fr",
              Outcome.FAILED,
              "550 5.1.1 <jean@example.fr>: Recipient address rejected, user unknown",
              ""));
    }
    assertEquals(
        "time,campaign,recipient,outcome,reply,message_id,template,template_hash,subject,source,"
            + "legal_basis\n"
            + "2026-11-27T09:51:23.123Z,podlaskie-2021,anna.kowalska@example.pl,sent,"
            + "250 2.0.0 Ok: queued,<podlaskie-2021.1@herald.example>,,,,,\n"
            + "2026-11-27T09:51:24.000Z,podlaskie-2021,jean@example.fr,failed,"
            + "\"550 5.1.1 <jean@example.fr>: Recipient address rejected, user unknown\",,,,,,\n",
        Files.readString(file, UTF_8));
  }

  @Test
  void entryKeepsMillisecondsAndFoldsTheReplyOntoOneLine() {
    JournalEntry entry =
        new JournalEntry(
            Instant.parse("2026-11-27T09:51:23.123456789Z"),
            "c",
            "r@example.org",
            Outcome.DEFERRED,
            "451-4.7.1 Try again later\r\n451 4.7.1 Greylisted\nfor 5 min\r",
            null);
    assertEquals(Instant.parse("2026-11-27T09:51:23.123Z"), entry.time());
    assertEquals("451-4.7.1 Try again later 451 4.7.1 Greylisted for 5 min", entry.reply());
    assertEquals("", entry.messageId());
  }

  @Test
  void formulaCellsAreGuardedInTheFile() throws Exception {
    Path file = dir.resolve("sends.csv");
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(
          new JournalEntry(
              T0,
              "=HYPERLINK(\"http://x\")",
              "+48@example.pl",
              Outcome.SENT,
              "-1",
              "@id",
              "=templates/x.md",
              "0123456789abcdef"));
    }
    String line = Files.readAllLines(file, UTF_8).get(1);
    assertEquals(
        "2026-11-27T09:51:23.123Z,\"'=HYPERLINK(\"\"http://x\"\")\",'+48@example.pl,sent,'-1,'@id,"
            + "'=templates/x.md,0123456789abcdef,,,",
        line);
    assertEquals("=templates/x.md", readAll(file).get(0).template());
  }

  static Stream<String> trickyValues() {
    return Stream.of(
        "plain",
        "",
        "comma, inside",
        "say \"hello\"",
        "\"",
        "\"\"",
        ",",
        "two\nlines",
        "windows\r\nline",
        "lone\rcarriage return",
        "trailing newline\n",
        "=1+1",
        "+48 85 123 45 67",
        "-42",
        "@mention",
        "\ttab first",
        "\rcarriage return first",
        "'quoted",
        "''twice",
        "'=already guarded",
        "'",
        "=",
        "Zażółć gęślą jaźń",
        "Łódź, Białystok",
        "Ελληνικά και français: élève",
        "日本語のメール",
        "emoji 📰🎤",
        " leading and trailing spaces ",
        "#not a comment",
        "# the line above was cut short when a run stopped mid-write; herald ignores it",
        "time,campaign,recipient,outcome,reply,message_id",
        "2026-11-27T09:51:23.123Z,a,b,sent,,");
  }

  @ParameterizedTest
  @MethodSource("trickyValues")
  void everyValueReadsBackExactly(String value) {
    Path file = dir.resolve("sends.csv");
    List<JournalEntry> written =
        List.of(
            new JournalEntry(T0, value, "first@example.org", Outcome.ATTEMPT, value, value),
            new JournalEntry(T0, "campaign", value, Outcome.SENT, "250 ok", "<id>"),
            new JournalEntry(T0, value, value, Outcome.BOUNCED, value, value));
    try (Journal journal = Journal.open(file)) {
      written.forEach(journal::appendDurably);
    }
    assertEquals(written, readAll(file));
    // and a later run can still append to it
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(Entries.entry(1, Outcome.SENT));
    }
    List<JournalEntry> again = readAll(file);
    assertEquals(4, again.size());
    assertEquals(written, again.subList(0, 3));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-27T09:51:23.123Z",
        "2028-02-29T23:59:59.999Z",
        "0000-01-01T00:00:00.000Z",
        "2026-11-27T09:51:23Z",
        "2026-11-27T09:51:23.123456Z",
        "+10000-01-01T00:00:00.000Z",
        "2027-02-29T00:00:00.000Z",
        "2026-13-01T00:00:00.000Z",
        "2026-11-31T00:00:00.000Z",
        "2026-11-27T24:00:00.000Z",
        "2026-11-27T09:60:00.000Z",
        "2026-11-27T09:51:23.12xZ",
        "2026-11-27 09:51:23.123Z",
        "2026-11-27T09:51:23.123+01:00",
        "yesterday"
      })
  void timesParseExactlyAsInstantParseDoes(String text) {
    Object expected;
    try {
      expected = Instant.parse(text);
    } catch (DateTimeParseException e) {
      expected = DateTimeParseException.class;
    }
    Object actual;
    try {
      actual = JournalCsv.parseTime(text);
    } catch (DateTimeParseException e) {
      actual = DateTimeParseException.class;
    }
    assertEquals(expected, actual);
  }

  @Test
  void readsAJournalSavedWithCrlfAndAByteOrderMark() throws Exception {
    Path file = dir.resolve("sends.csv");
    Files.writeString(
        file,
        "\uFEFFtime,campaign,recipient,outcome,reply,message_id\r\n"
            + "2026-11-27T09:51:23.123Z,c,a@example.org,sent,\"250 ok\r\nsee you\",<1>\r\n"
            + "2026-11-27T09:51:24Z,c,b@example.org,failed,550 no,<2>\r\n",
        UTF_8);
    List<JournalEntry> entries = readAll(file);
    assertEquals(2, entries.size());
    assertEquals("250 ok see you", entries.get(0).reply());
    assertEquals(Instant.parse("2026-11-27T09:51:24Z"), entries.get(1).time());
    assertTrue(entries.get(1).messageId().equals("<2>"));
  }
}
