package dev.herald.cli;

import dev.herald.Display;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/** Plain-text tables for the terminal: columns padded to their widest cell, long cells cut. */
final class Tables {
  private Tables() {}

  /**
   * Prints {@code rows} (the first is the header) with two spaces between columns. Cells longer
   * than {@code maxCell} characters are cut with an ellipsis, except in the last column, which is
   * never padded either. Columns whose cells below the header are all numbers are aligned right.
   */
  static void print(PrintWriter out, List<List<String>> rows, int maxCell) {
    int columns = rows.get(0).size();
    int[] width = new int[columns];
    boolean[] numeric = new boolean[columns];
    Arrays.fill(numeric, rows.size() > 1);
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns; c++) {
        String cell = cell(rows.get(r), c, columns, maxCell);
        width[c] = Math.max(width[c], cell.length());
        numeric[c] &= r == 0 || cell.matches("\\d+");
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = cell(row, c, columns, maxCell);
        String pad = " ".repeat(width[c] - cell.length());
        if (numeric[c]) {
          line.append(pad).append(cell);
        } else {
          line.append(cell).append(c < columns - 1 ? pad : "");
        }
        if (c < columns - 1) {
          line.append("  ");
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String cell(List<String> row, int c, int columns, int maxCell) {
    return c == columns - 1 ? Display.oneLine(row.get(c)) : cut(row.get(c), maxCell);
  }

  /** A cell as it can be shown on one line: control characters become spaces, cut if long. */
  static String cut(String cell, int max) {
    String c = Display.oneLine(cell);
    return c.length() <= max ? c : c.substring(0, max - 1) + "…";
  }
}
