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
