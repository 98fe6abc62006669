package dev.herald.interviews;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interview and reply logs write their cells with the shared CSV cell module: every value,
 * appended or rewritten, reads back as it was.
 */
class LogFileCellsTest {
  private static final List<String> COLUMNS = List.of("value", "after");

  private static final String[] PIECES = {
    "'",
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    "\"",
    ",",
    " ",
    "''",
    "a",
    "0",
    "ł",
    "中",
    "\uD83D\uDCF0",
    "=SUM(A1)",
    "@cmd"
  };

  @TempDir Path dir;

  static Stream<String> values() {
    Random random = new Random(33L);
    List<String> values = new ArrayList<>(List.of("'", "''", "'=x", "'+1", "=x", "'x"));
    while (values.size() < 200) {
      StringBuilder v = new StringBuilder();
      int n = 1 + random.nextInt(5);
      for (int i = 0; i < n; i++) {
        v.append(PIECES[random.nextInt(PIECES.length)]);
      }
      values.add(v.toString());
    }
    return values.stream();
  }

  private List<List<String>> read(Path file) {
    List<List<String>> rows = new ArrayList<>();
    LogFile.forEach(file, COLUMNS, "a test log", row -> rows.add(row.values()));
    return rows;
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("values")
  void appendedAndRewrittenValuesReadBack(String value) {
    Path appended = dir.resolve("appended.csv");
    LogFile.append(appended, COLUMNS, List.of(List.of(value, "x")));
    assertEquals(List.of(List.of(value, "x")), read(appended));

    Path rewritten = dir.resolve("rewritten.csv");
    LogFile.replace(rewritten, LogFile.text(COLUMNS, List.of(List.of("x", value))));
    assertEquals(List.of(List.of("x", value)), read(rewritten));
  }
}
