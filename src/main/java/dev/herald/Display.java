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
   * Text that came from a file, safe to print on a terminal or in a CI log: control characters
   * (which can clear the screen, move the cursor or retitle the window) and bidirectional overrides
   * (which can make text read backwards) are shown as {@code \\u001B} and the like. Line breaks and
   * tabs stay as they are.
   */
  public static String visible(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean hide =
          Character.isISOControl(c) && c != '\n' && c != '\t'
              || c >= '\u202A' && c <= '\u202E'
              || c >= '\u2066' && c <= '\u2069';
      if (hide && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
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
