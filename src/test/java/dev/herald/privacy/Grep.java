package dev.herald.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** {@code grep -ril TEXT DIR} for tests: the files whose content or name holds a text. */
public final class Grep {
  private Grep() {}

  /** The files under {@code dir} (not {@code .git}) that hold any of {@code texts}, any case. */
  public static List<Path> files(Path dir, String... texts) {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile)
          .filter(f -> !dir.relativize(f).startsWith(".git"))
          .filter(f -> holds(f, texts))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean holds(Path f, String... texts) {
    String content;
    try {
      content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String asUtf8 =
        new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    for (String t : texts) {
      String needle = t.toLowerCase(Locale.ROOT);
      if (asUtf8.toLowerCase(Locale.ROOT).contains(needle)
          || f.getFileName().toString().toLowerCase(Locale.ROOT).contains(needle)) {
        return true;
      }
    }
    return false;
  }
}
