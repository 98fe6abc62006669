package dev.herald.csv;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;

/**
 * Which file a path named when it was looked at (device and inode on POSIX), to tell later whether
 * the path still names the same file: a {@code git pull} or an editor's save replaces a file under
 * a writer's feet, and someone may delete a lock file that looks stale.
 */
public final class FileIdentity {
  /** What became of a file since its identity was taken. */
  public enum Change {
    DELETED,
    REPLACED;

    /** The word for messages: "deleted" or "replaced". */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Path file;
  private final Object key; // null: the file could not be read then, so there is nothing to compare

  private FileIdentity(Path file, Object key) {
    this.file = file;
    this.key = key;
  }

  /** The identity {@code file} has now; {@link #known} is false if it cannot be read. */
  public static FileIdentity of(Path file) {
    return new FileIdentity(file, key(file));
  }

  /** Whether the file could be read when its identity was taken. */
  public boolean known() {
    return key != null;
  }

  /**
   * What became of the file since: empty while its path still names the same file, and always empty
   * if the identity was not {@link #known}.
   */
  public Optional<Change> change() {
    if (key == null) {
      return Optional.empty();
    }
    Object now = key(file);
    if (now == null) {
      return Optional.of(Change.DELETED);
    }
    return key.equals(now) ? Optional.empty() : Optional.of(Change.REPLACED);
  }

  /** A file's identity, or null if it cannot be read. */
  private static Object key(Path file) {
    try {
      Object k = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      // no file keys on this file system: the real path is the best identity there is
      return k == null ? file.toRealPath().toString() : k;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * How many names (hard links) {@code file} has: a second name in another folder would take a lock
   * of its own. 1 for a missing file, or where the file system keeps no link count.
   */
  public static int names(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 1;
    }
    try {
      return Files.getAttribute(file, "unix:nlink") instanceof Integer n ? n : 1;
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return 1; // no link count on this file system
    }
  }

  /**
   * Where {@code file} really is: its real path if it exists; else, if it is a link to a file not
   * yet created, where the link points; else the real path of its folder (created if need be) with
   * its name.
   */
  public static Path realPath(Path file) throws IOException {
    Path p = file.toAbsolutePath();
    for (int links = 0; links < 40; links++) { // Linux gives up after 40 links too
      if (Files.exists(p)) {
        return p.toRealPath();
      }
      if (Files.isSymbolicLink(p)) {
        p = p.resolveSibling(Files.readSymbolicLink(p));
        continue;
      }
      Path folder = p.getParent();
      Files.createDirectories(folder);
      return folder.toRealPath().resolve(p.getFileName());
    }
    throw new FileSystemException(file.toString(), null, "too many levels of symbolic links");
  }
}
