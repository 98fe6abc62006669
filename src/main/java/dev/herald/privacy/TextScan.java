package dev.herald.privacy;

import dev.herald.FolderKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Searches files for a person's address (every spelling met) and names, ignoring ASCII case, as
 * {@code grep -ri} would: to find the outbox and preview copies of their messages, and, after
 * {@code herald forget}, every file that still mentions them. Files are read in blocks, so a large
 * one costs no more memory than a small one. Compressed files (a spreadsheet) cannot be searched
 * this way; {@link PersonSearch} reads those.
 */
final class TextScan {
  private static final int BLOCK = 1 << 20;

  private TextScan() {}

  /** Whether {@code file} mentions the person (an address spelling or a name). */
  static boolean holds(Path file, Person person) {
    List<byte[]> needles =
        person.needles().stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toList();
    int longest = needles.stream().mapToInt(n -> n.length).max().orElse(0);
    if (longest == 0) {
      return false;
    }
    byte[] buffer = new byte[BLOCK + longest];
    int kept = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.readNBytes(buffer, kept, BLOCK);
          n > 0;
          n = in.readNBytes(buffer, kept, BLOCK)) {
        int length = kept + n;
        for (int i = kept; i < length; i++) {
          byte b = buffer[i];
          buffer[i] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
        }
        for (byte[] needle : needles) {
          if (indexOf(buffer, length, needle)) {
            return true;
          }
        }
        kept = Math.min(longest - 1, length);
        System.arraycopy(buffer, length - kept, buffer, 0, kept);
      }
    } catch (IOException e) {
      return false; // unreadable: nothing herald could have changed either
    }
    return false;
  }

  private static boolean indexOf(byte[] hay, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Every file under {@code workdir} that mentions the person, in path order: not {@code .git} (its
   * objects are compressed; the README says what history holds), nor the folder's key.
   */
  static List<Path> mentioning(Path workdir, Person person) {
    List<Path> found = new ArrayList<>();
    Path key = workdir.resolve(FolderKey.FILE).toAbsolutePath().normalize();
    try {
      Files.walkFileTree(
          workdir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return dir.getFileName() != null && dir.getFileName().toString().equals(".git")
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()
                  && !file.toAbsolutePath().normalize().equals(key)
                  && (person.mentionedIn(file.getFileName().toString()) || holds(file, person))) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException | UncheckedIOException e) {
      // a folder that cannot be listed holds nothing herald wrote
    }
    found.sort(null);
    return found;
  }
}
