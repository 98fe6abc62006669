package dev.herald.contacts;

import dev.herald.Problem;
import java.util.List;

/** Where a contact file's records come from: CSV text, or one sheet of a workbook. */
interface RowSource extends AutoCloseable {

  /**
   * One record as read: its cells, the line (CSV) or row (sheet) it starts on, and a problem that
   * makes it unusable as a whole (a cell holding a formula error), or null.
   */
  record Raw(List<String> cells, long line, Problem problem) {
    Raw(List<String> cells, long line) {
      this(cells, line, null);
    }
  }

  /** Reading cannot go on past this point; {@code problem} says where and why. */
  final class Stop extends Exception {
    private static final long serialVersionUID = 1L;

    final transient Problem problem;

    Stop(Problem problem) {
      super(problem.message());
      this.problem = problem;
    }
  }

  /**
   * The next record that is not blank (a blank line, an empty spreadsheet row), or null at the end.
   */
  Raw next() throws Stop;

  /** How the file is read, for {@code check}: "semicolon-separated, Windows-1250". */
  String describe();

  /**
   * A problem at {@code line} (row) and {@code column} (1-based; 0 for the whole record), located
   * as this kind of file is: {@code file:line:column}, or the sheet and cell.
   */
  Problem problem(long line, int column, String message);

  /** The text encoding, for a message about bytes that do not decode: "UTF-8". */
  String encoding();

  /** What separates values, in words for a message: "comma", or "cell" for a sheet. */
  String separator();

  @Override
  void close();
}
