package dev.herald.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;

/** Writing test input into a working folder, and finding locations in what herald printed. */
public final class TestFiles {
  private TestFiles() {}

  /** Writes UTF-8 text to {@code dir/relative}, creating folders as needed. */
  public static Path write(Path dir, String relative, String text) {
    return write(dir, relative, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes bytes to {@code dir/relative}, creating folders as needed. */
  public static Path write(Path dir, String relative, byte[] bytes) {
    Path file = dir.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Reads a file as UTF-8. */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether {@code output} names exactly this location, such as {@code contacts/media.csv:3:2},
   * followed by {@code ": "}. The path may be printed relative or absolute, so it must start the
   * line or follow a space or a slash; {@code media.csv:3} does not match {@code media.csv:31}.
   */
  public static boolean names(String output, String location) {
    return Pattern.compile("(^|[\\s/])" + Pattern.quote(location) + ": ", Pattern.MULTILINE)
        .matcher(output)
        .find();
  }

  /** Asserts that {@code output} names the location (see {@link #names}). */
  public static void assertNames(String output, String location) {
    Assertions.assertTrue(
        names(output, location), () -> "expected the location " + location + " in:\n" + output);
  }

  /** Asserts that {@code output} contains {@code phrase}. */
  public static void assertContains(String output, String phrase) {
    Assertions.assertTrue(
        output.contains(phrase), () -> "expected '" + phrase + "' in:\n" + output);
  }

  /**
   * One CSV record as RFC 4180 writes it, with its newline: a field is quoted when it holds a
   * comma, quote or line break. Unlike the CSV herald writes for spreadsheets, nothing is prefixed.
   */
  public static String csvLine(String... fields) {
    StringBuilder s = new StringBuilder();
    for (String f : fields) {
      if (s.length() > 0) {
        s.append(',');
      }
      boolean quote = f.matches("(?s).*[,\"\r\n].*");
      s.append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
    }
    return s.append('\n').toString();
  }
}
