package dev.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.InputLimits;
import dev.herald.csv.Cells;
import dev.herald.testing.GeneratedCells;
import dev.herald.testing.Slow;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every value herald writes to a CSV file reads back as it was: the cell module is the one the
 * opt-out list, the journal and the interview and reply logs share.
 */
@Slow
class CsvRoundTripTest {
  @TempDir Path dir;

  static Stream<String> values() {
    return Stream.concat(Stream.of(""), GeneratedCells.values(400, 9L, true));
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("values")
  void aCellReadsBackAsItWasWritten(String value) throws Exception {
    String line = Cells.line(List.of(value, "next"));
    try (CSVParser parser =
        CSVParser.builder().setReader(new StringReader(line)).setFormat(CSVFormat.RFC4180).get()) {
      List<CSVRecord> records = parser.getRecords();
      assertEquals(1, records.size(), line);
      assertEquals(value, Cells.unguard(records.get(0).get(0)), line);
      assertEquals("next", records.get(0).get(1));
    }
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("values")
  void noCellStartsLikeAFormula(String value) {
    String cell = Cells.cell(value);
    String inside = cell.startsWith("\"") ? cell.substring(1) : cell;
    assertFalse(
        !inside.isEmpty() && "=+-@\t\r".indexOf(inside.charAt(0)) >= 0,
        () -> "a spreadsheet would run " + cell);
  }

  /** Addresses a media list may hold that start with what the formula guard cares about. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "'bob@news.example",
        "''bob@news.example",
        "'=bob@news.example",
        "=2+5@news.example",
        "+48@news.example",
        "-desk@news.example",
        "o'donnell@regional-monitor.example",
        "redakcja@gazeta-białostocka.example",
        "desk@straße.example",
      })
  void anOptOutEntryHeraldWritesReadsBackAsTheSameAddress(String address) throws Exception {
    Path file = dir.resolve("contacts/optout.csv");
    assertTrue(OptOutList.canHold(address), address);
    assertTrue(OptOutList.load(file, InputLimits.DEFAULT).add(address, "asked", LocalDate.EPOCH));

    OptOutList again = OptOutList.load(file, InputLimits.DEFAULT);

    assertTrue(again.contains(address), Files.readString(file));
    assertEquals(1, again.size());
    assertEquals(List.of(), again.warnings());
    assertFalse(again.contains(address.substring(1)), "the apostrophe is part of the address");
  }

  /**
   * Whatever herald is asked to add, the list stays readable: what {@link OptOutList#canHold}
   * refuses is never written, and what it accepts reads back as the same address.
   */
  @ParameterizedTest(name = "[{index}]")
  @MethodSource("candidates")
  void heraldNeverWritesAnEntryItWouldRefuseToRead(String candidate) throws Exception {
    Path file = dir.resolve("contacts/optout.csv");
    OptOutList list = OptOutList.load(file, InputLimits.DEFAULT);
    list.add("first@news.example", "asked", LocalDate.EPOCH);
    String before = Files.readString(file);

    boolean added = list.add(candidate, "bounced: 550 \0 \uFFFD" + candidate, LocalDate.EPOCH);

    assertEquals(OptOutList.canHold(candidate), added, candidate);
    if (!added) {
      assertEquals(before, Files.readString(file));
    }
    OptOutList again = OptOutList.load(file, InputLimits.DEFAULT);
    assertEquals(List.of(), again.warnings());
    assertTrue(again.contains("first@news.example"));
    assertEquals(added, again.contains(candidate), candidate);
  }

  static Stream<String> candidates() {
    Random random = new Random(11L);
    List<String> fixed =
        List.of(
            "root@localhost",
            "",
            "a@b@news.example",
            "anna@ne\u200Bws.example",
            "anna@news.example\u202E",
            "\"x\"@news.example",
            "anna@news.example,evil@news.example",
            "anna@news.example\nemail",
            "'anna@news.example",
            "=cmd|' /C calc'!A0@news.example",
            "ann\0a@news.example");
    return Stream.concat(
        fixed.stream(),
        GeneratedCells.values(139, 11L, true)
            .map(v -> v + (random.nextBoolean() ? "x@news.example" : "@ｎｅｗｓ.example")));
  }

  @Test
  void aListWrittenByAnOlderHeraldStillSuppressesAnApostropheAddress() throws Exception {
    // Before the cell module was shared, 'bob@… was written as it was.
    Path file = dir.resolve("optout.csv");
    Files.writeString(file, "email,reason,date\n'bob@news.example,asked,\n");

    OptOutList list = OptOutList.load(file, InputLimits.DEFAULT);

    assertTrue(list.contains("'bob@news.example"));
  }

  @Test
  void anAddedEntryFollowsTheColumnsOfTheListItJoins() throws Exception {
    Path file = dir.resolve("optout.csv");
    Files.writeString(file, "date,email\n2026-01-01,a@news.example\n");

    OptOutList.load(file, InputLimits.DEFAULT).add("b@news.example", "asked", LocalDate.EPOCH);

    assertEquals(
        "date,email\n2026-01-01,a@news.example\n1970-01-01,b@news.example\n",
        Files.readString(file));
    assertTrue(OptOutList.load(file, InputLimits.DEFAULT).contains("B@NEWS.example"));
  }
}
