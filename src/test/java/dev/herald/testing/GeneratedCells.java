package dev.herald.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Seeded cell values built from what spreadsheets, RFC 4180 and terminals treat specially, for
 * round-trip tests of every CSV file herald writes. Seeded, so that a failing value can be
 * replayed.
 */
public final class GeneratedCells {
  /** Pieces every CSV herald writes must carry. */
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
    "\u202E",
    "é",
    "=SUM(A1)",
    "@cmd",
    "x@y.example",
    ";"
  };

  /** Line breaks, for files whose cells may hold them (not the one-line-a-record journal). */
  private static final String[] BREAKS = {"\r", "\n", "\r\n"};

  /** Values that start with a guard character, written out so that they are always tried. */
  private static final List<String> GUARDED = List.of("'", "''", "'=x", "'+1", "=x", "'x", "\"'\"");

  private GeneratedCells() {}

  /**
   * {@code count} values: the guarded ones, then random joins of one to five pieces, half of them
   * with the piece first, where a formula guard acts.
   */
  public static Stream<String> values(int count, long seed, boolean lineBreaks) {
    Random random = new Random(seed);
    List<String> pieces = new ArrayList<>(List.of(PIECES));
    if (lineBreaks) {
      pieces.addAll(List.of(BREAKS));
    }
    List<String> values = new ArrayList<>(GUARDED);
    while (values.size() < count) {
      StringBuilder v = new StringBuilder("r");
      int n = 1 + random.nextInt(5);
      for (int i = 0; i < n; i++) {
        v.append(pieces.get(random.nextInt(pieces.size())));
      }
      values.add(random.nextBoolean() ? v.substring(1) : v.toString());
    }
    return values.stream();
  }
}
