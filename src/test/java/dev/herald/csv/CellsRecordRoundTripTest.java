package dev.herald.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.GeneratedCells;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link Cells} writes, {@link RecordReader} reads back as it was: the module's own writer and
 * reader agree on every hostile cell, and the formula guard goes on and comes off exactly once.
 */
class CellsRecordRoundTripTest {
  static Stream<String> hostile() {
    return Stream.concat(
        Stream.of("", "\"", "\"\"", ",", "\r\n", "\uFEFFbom", "a\"b", "\u202Eevil", "x\ny"),
        GeneratedCells.values(300, 12L, true));
  }

  private static RecordReader.Record readOne(String text) throws IOException {
    try (RecordReader reader = new RecordReader(new ByteArrayInputStream(text.getBytes(UTF_8)))) {
      RecordReader.Record record = reader.next();
      assertNull(reader.next(), () -> "one record in " + text);
      return record;
    }
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("hostile")
  void aHostileCellReadsBackAsItWasWritten(String value) throws IOException {
    String line = Cells.line(List.of("before", value, "after"));
    RecordReader.Record record = readOne(line);
    assertNull(record.problem(), line);
    assertTrue(record.terminated(), line);
    assertEquals(
        List.of("before", value, "after"),
        record.values().stream().map(Cells::unguard).toList(),
        line);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"=1+1", "+48 85", "-2", "@SUM(A1)", "\tx", "\rx", "'quoted"})
  void theFormulaGuardPrefixesOneApostropheAndReadingTakesItOff(String value) throws IOException {
    String cell = Cells.cell(value);
    String inside = cell.startsWith("\"") ? cell.substring(1) : cell;
    assertTrue(inside.startsWith("'" + value.charAt(0)), cell);
    assertEquals(value, Cells.unguard(readOne(cell + "\n").values().get(0)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"plain", "a'b", "x=1", "1-2", "mail@example.org", " =lead"})
  void aCellThatCannotRunAsAFormulaIsWrittenAsItIs(String value) {
    assertEquals(value, Cells.cell(value));
    assertEquals(value, Cells.unguard(Cells.neutralise(value)));
  }

  @Test
  void aLineCutShortByACrashIsReportedAsSuch() throws IOException {
    RecordReader.Record cut = readOne("a,\"b,c");
    assertTrue(cut.openQuote());
    assertFalse(cut.openQuoteSpansLines());
    assertFalse(cut.terminated());
    assertEquals("a quoted value is never closed", cut.problem());
  }
}
