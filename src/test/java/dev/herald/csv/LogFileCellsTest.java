package dev.herald.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.testing.GeneratedCells;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  @TempDir Path dir;

  static Stream<String> values() {
    return GeneratedCells.values(200, 33L, true);
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
