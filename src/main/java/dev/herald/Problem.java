package dev.herald;

import java.nio.file.Path;

/**
 * One thing wrong with the input, located as precisely as we can: file, line (1-based, 0 when the
 * whole file is concerned) and column (1-based, 0 when not known).
 */
public record Problem(Path file, long line, int column, String message) {

  public Problem {
    // Messages quote contact data, which may hold terminal escape sequences.
    message = Display.visible(message);
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
}
