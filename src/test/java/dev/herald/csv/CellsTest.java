package dev.herald.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cells written for RFC 4180 readers and spreadsheets alike. */
class CellsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "plain | plain",
        "a,b | \"a,b\"",
        "say \"hi\" | \"say \"\"hi\"\"\"",
        "=SUM(A1) | '=SUM(A1)",
        "+48 85 123 | '+48 85 123",
        "-1 | '-1",
        "@home | '@home",
        "=a,b | \"'=a,b\"",
      })
  void quotesAndNeutralises(String value, String cell) {
    assertEquals(cell, Cells.cell(value));
  }

  @org.junit.jupiter.api.Test
  void aLineEndsInANewlineAndQuotesLineBreaks() {
    assertEquals("a,\"b\nc\",\r\n".replace("\r\n", "\n"), Cells.line(List.of("a", "b\nc", "")));
    assertEquals("\"x\ry\"\n", Cells.line(List.of("x\ry")));
  }
}
