package dev.herald.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An operating-system lock ({@link FileChannel#tryLock}) on a file of its own beside the file it
 * guards ({@code NAME.lock}): released when the process ends, however it ends, and held on one
 * machine only. The lock lives on a file of its own because on POSIX closing any channel on a file
 * drops this process's locks on it, and readers in this process open the guarded file itself.
 */
public final class LockFile implements AutoCloseable {
  private final FileChannel channel;
  private final FileIdentity identity;

  private LockFile(FileChannel channel, FileIdentity identity) {
    this.channel = channel;
    this.identity = identity;
  }

  /** The lock file that guards {@code file}: {@code NAME.lock} in the same folder. */
  public static Path beside(Path file) {
    return file.resolveSibling(file.getFileName() + ".lock");
  }

  /**
   * Takes the lock on {@code lockFile} (created if need be) without waiting. The first time, {@code
   * explanation} is written into the file, for whoever finds it after a run.
   *
   * @return empty if another process, or another channel of this one, holds it
   */
  public static Optional<LockFile> tryTake(Path lockFile, String explanation) throws IOException {
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      if (!tryLock(channel)) {
        channel.close();
        return Optional.empty();
      }
      FileIdentity identity = FileIdentity.of(lockFile);
      if (identity.known()) {
        explain(channel, explanation);
      }
      return Optional.of(new LockFile(channel, identity));
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /**
   * The identity the lock file had once locked: someone who deletes or replaces it while the lock
   * is held lets another process take a lock of its own. Not {@link FileIdentity#known known} if
   * the file vanished between its opening and its locking.
   */
  public FileIdentity identity() {
    return identity;
  }

  /**
   * Runs {@code work} holding the lock beside {@code file}, waiting for a process that holds it, so
   * that two processes changing the file one after the other do not lose each other's changes.
   */
  public static <T> T whileHolding(Path file, Supplier<T> work) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (FileChannel channel =
        FileChannel.open(beside(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = waitFor(channel);
      try {
        return work.get();
      } finally {
        lock.release();
      }
    }
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      channel.close(); // releases the lock
    } catch (IOException e) {
      // the lock goes with the channel whether or not the close reports a problem
    }
  }

  private static boolean tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock() != null;
    } catch (OverlappingFileLockException e) {
      return false; // held through another channel of this process
    }
  }

  // FileChannel.lock waits for another process; another thread of this one (a test, say) makes
  // it throw instead, so that case waits here.
  private static FileLock waitFor(FileChannel channel) throws IOException {
    while (true) {
      try {
        return channel.lock();
      } catch (OverlappingFileLockException e) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the lock", interrupted);
        }
      }
    }
  }

  private static void explain(FileChannel channel, String explanation) {
    try {
      if (channel.size() == 0) {
        DurableAppend.writeFully(channel, ByteBuffer.wrap(explanation.getBytes(UTF_8)));
      }
    } catch (IOException e) {
      // the explanation is a courtesy; the lock is what counts
    }
  }
}
