package dev.herald.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The sample working folder that ships with herald, copied where a test may change it. */
public final class Samples {
  /** The sample release, relative to the working folder. */
  public static final String TEMPLATE = "templates/podlaskie-digitalisation.md";

  public static final String CAMPAIGN = "podlaskie-digitalisation";

  private Samples() {}

  /** The project folder: Maven runs the tests there. */
  public static Path projectRoot() {
    return Path.of("").toAbsolutePath();
  }

  /** Copies {@code contacts/} and {@code templates/} of the project into {@code dir}. */
  public static Path copyTo(Path dir) {
    for (String folder : List.of("contacts", "templates")) {
      copyTree(projectRoot().resolve(folder), dir.resolve(folder));
    }
    return dir;
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
