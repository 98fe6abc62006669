package dev.herald;

import java.nio.file.Path;

/**
 * One thing wrong with the input, located as precisely as we can: file, line (1-based, 0 when the
 * whole file is concerned) and column (1-based, 0 when not known). In a spreadsheet, {@code sheet}
 * names the sheet, {@code line} is the row, and the location is the cell: {@code Contacts!C14}.
 */
public record Problem(Path file, long line, int column, String message, String sheet) {

  public Problem {
    // Messages quote contact data, which may hold terminal escape sequences.
    message = Display.visible(message);
  }

  public Problem(Path file, long line, int column, String message) {
    this(file, line, column, message, null);
  }

  public static Problem at(Path file, long line, String message) {
    return new Problem(file, line, 0, message);
  }

  public static Problem file(Path file, String message) {
    return new Problem(file, 0, 0, message);
  }

  /** The location as an editor understands it: {@code file:line:column}. */
  public String location() {
    StringBuilder s = new StringBuilder(Display.path(file));
    if (sheet != null) {
      s.append(": ").append(sheetName(sheet));
      if (line > 0) {
        s.append(column > 0 ? "!" + columnLetters(column) + line : " row " + line);
      }
      return s.toString();
    }
    if (line > 0) {
      s.append(':').append(line);
      if (column > 0) {
        s.append(':').append(column);
      }
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return location() + ": " + message;
  }

  /** A sheet name as a cell reference needs it: {@code Contacts}, or {@code 'Press list'}. */
  public static String sheetName(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_.]*") ? name : "'" + name.replace("'", "''") + "'";
  }

  /** A spreadsheet column's letters: 1 is A, 27 is AA. */
  public static String columnLetters(int n) {
    StringBuilder s = new StringBuilder();
    for (int c = n; c > 0; c = (c - 1) / 26) {
      s.insert(0, (char) ('A' + (c - 1) % 26));
    }
    return s.toString();
  }
}
