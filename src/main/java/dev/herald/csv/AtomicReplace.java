package dev.herald.csv;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Replaces a file's content in one step: the new content is written to a temporary file in the same
 * folder, forced to disk, given the old file's group and permissions, and moved over the old file,
 * so that a reader or a crash sees either the old file or the new one, never a mix.
 */
public final class AtomicReplace {
  private AtomicReplace() {}

  /** Writes the new content of a file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Replaces {@code file} (or creates it, with its folders) with {@code text} in UTF-8. */
  public static void replace(Path file, String text) throws IOException {
    replace(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Replaces {@code file} (or creates it, with its folders) with what {@code content} writes. If
   * anything fails, the file is unchanged and the temporary file is removed.
   */
  public static void replace(Path file, Content content) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    replace(file, Files.createTempFile(folder, "." + file.getFileName(), ".tmp"), content);
  }

  /**
   * As {@link #replace(Path, Content)}, through the temporary file {@code temp} (in the same
   * folder), created or overwritten: for a file replaced under a lock, whose temporary file can
   * have a name of its own.
   */
  public static void replace(Path file, Path temp, Content content) throws IOException {
    try {
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        keepMode(file, temp);
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException stray) {
        e.addSuppressed(stray); // the write failed already; a stray temporary file is the lesser
      }
      throw e;
    }
    DurableAppend.syncFolder(temp.toAbsolutePath().getParent());
  }

  /**
   * Gives the new file the old one's group and permissions: a temporary file is created 0600 and
   * owned by whoever runs herald, and a file that a team shares (0640, 0664) must stay readable to
   * them after one of them rewrites it.
   */
  private static void keepMode(Path file, Path temp) throws IOException {
    if (!Files.exists(file)
        || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    PosixFileAttributes old = Files.readAttributes(file, PosixFileAttributes.class);
    try {
      Files.getFileAttributeView(temp, PosixFileAttributeView.class).setGroup(old.group());
    } catch (IOException e) {
      // only the group's members may hand a file to it; the permissions below still apply
    }
    Files.setPosixFilePermissions(temp, old.permissions());
  }
}
