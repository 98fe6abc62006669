package dev.herald.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Seeded cell values built from what spreadsheets and RFC 4180 treat specially. */
final class GeneratedCells {
  private static final String[] PIECES = {
    "'",
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\"",
    ",",
    " ",
    "''",
    "a",
    "Z",
    "0",
    "ł",
    "ß",
    "中",
    "\uD83D\uDCF0",
    "é",
    "=SUM(A1)",
    "x@y.example",
    ";"
  };

  private GeneratedCells() {}

  static Stream<String> values(int count, long seed) {
    Random random = new Random(seed);
    List<String> values = new ArrayList<>(List.of("'", "''", "'=x", "'+1", "=x", "'x", "\"'\""));
    while (values.size() < count) {
      StringBuilder v = new StringBuilder("r");
      int n = 1 + random.nextInt(5);
      for (int i = 0; i < n; i++) {
        v.append(PIECES[random.nextInt(PIECES.length)]);
      }
      // the first character too, where the formula guard acts
      values.add(random.nextBoolean() ? v.substring(1) : v.toString());
    }
    return values.stream();
  }
}
