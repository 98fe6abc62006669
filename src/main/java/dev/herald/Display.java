package dev.herald;

import java.nio.file.Path;
import java.util.Locale;

/** How herald names things to its users. */
public final class Display {
  private Display() {}

  /** A file, relative to the working folder where it lies inside it. */
  public static String path(Path file) {
    if (file == null) {
      return "(no file)";
    }
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = file.toAbsolutePath().normalize();
    if (abs.startsWith(cwd) && !abs.equals(cwd)) {
      return cwd.relativize(abs).toString();
    }
    return file.toString();
  }

  /**
   * Text that came from a file or a server, safe to print on a terminal or in a CI log: control
   * characters (C0, DEL and C1, which can clear the screen, move the cursor, ring the bell or
   * retitle the window) and bidirectional controls (which can make text read backwards) are shown
   * as {@code \\u001B} and the like. Line breaks and tabs stay as they are.
   */
  public static String visible(String s) {
    return escape(s, false);
  }

  /**
   * Like {@link #visible}, on one line: each run of line breaks and each tab becomes one space. For
   * a server's reply, a subject or a name shown in a summary line or a table cell.
   */
  public static String oneLine(String s) {
    return s == null ? "" : escape(s, true);
  }

  /** How many characters of a server's reply herald keeps, in the journal and on the terminal. */
  public static final int MAX_REPLY = 300;

  /**
   * A server's reply as herald stores and shows it: on one line, escaped as {@link #oneLine}, and
   * cut at {@link #MAX_REPLY} characters with an ellipsis, so that no reply can make the journal
   * unreadable or flood the terminal. Applying it twice changes nothing.
   */
  public static String reply(String s) {
    String line = oneLine(s).strip();
    if (line.length() <= MAX_REPLY) {
      return line;
    }
    int end = MAX_REPLY - 1;
    if (Character.isHighSurrogate(line.charAt(end - 1))) {
      end--; // never half a character
    }
    return line.substring(0, end) + "…";
  }

  /**
   * Whether {@code c} is a bidirectional formatting control: embeddings and overrides (U+202A to
   * U+202E), isolates (U+2066 to U+2069), and the marks U+200E, U+200F and U+061C.
   */
  public static boolean isBidiControl(char c) {
    return c >= '\u202A' && c <= '\u202E'
        || c >= '\u2066' && c <= '\u2069'
        || c == '\u200E'
        || c == '\u200F'
        || c == '\u061C';
  }

  private static String escape(String s, boolean oneLine) {
    StringBuilder out = null;
    boolean breakRun = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean lineBreak = c == '\n' || c == '\r';
      boolean space = oneLine && (lineBreak || c == '\t');
      boolean hide =
          !space && (Character.isISOControl(c) && c != '\n' && c != '\t' || isBidiControl(c));
      if ((hide || space) && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (space) {
        if (!(lineBreak && breakRun)) {
          out.append(' ');
        }
        breakRun = lineBreak;
        continue;
      }
      breakRun = false;
      if (hide) {
        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** A byte count as people read it: 1.2 MB, 340 KB, 12 bytes. */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " bytes";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024.0));
  }
}
