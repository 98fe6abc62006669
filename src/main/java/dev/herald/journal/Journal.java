package dev.herald.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.csv.DurableAppend;
import dev.herald.csv.FileIdentity;
import dev.herald.csv.LockFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The send journal, open for appending. Several sender threads may append at once; their lines are
 * made durable together by group commit ({@link JournalWriter}).
 *
 * <p>After a write fails (a full disk, say), the file may end in part of a line, so the journal
 * accepts nothing more: every later append fails too, and the next {@link #open} repairs the end
 * ({@link JournalRepair}).
 */
public final class Journal implements AutoCloseable {
  private final Path file;
  private final Lock lock;
  private final boolean ownsLock; // false when the caller holds the lock and releases it
  private final FileIdentity identity; // the journal's file when opened: see stillTheSameFiles
  private final JournalWriter writer;

  private Journal(Path file, FileChannel channel, Lock lock, boolean ownsLock) throws IOException {
    this.file = file;
    this.lock = lock;
    this.ownsLock = ownsLock;
    this.identity = FileIdentity.of(file);
    this.writer = new JournalWriter(file, channel, this::stillTheSameFiles);
  }

  /**
   * A run's exclusive hold on a journal, from before it reads the journal's state until after its
   * last outcome is written, so that no other run decides whom to send to in between.
   *
   * <p>The lock is taken on {@code NAME.lock} beside the journal's real file, with symbolic links
   * resolved, so that a link to another folder's journal contends for that journal's lock. It is an
   * operating-system file lock ({@link LockFile}): released when the process ends, however it ends,
   * and held on one machine only (two machines sharing a repository through a network or
   * synchronised folder are not kept apart).
   */
  public static final class Lock implements AutoCloseable {
    private static final String EXPLANATION =
        "herald keeps two runs of the journal beside this file apart with a lock on this file. It"
            + " stays after a run; deleting it while a run is going lets a second run send the"
            + " same campaign.\n";

    private final Path file;
    private final LockFile held;

    private Lock(Path file, LockFile held) {
      this.file = file;
      this.held = held;
    }

    /**
     * Checks that the lock still keeps other runs out: its file must still be the one this run
     * locked. Someone who deletes it (it stays after every run, so it can look stale) or replaces
     * it lets a second run take a lock of its own, and this run must then send nothing more.
     *
     * @throws IOException naming what happened, if the lock file is gone or another file
     */
    public void verify() throws IOException {
      unchanged(
          held.identity(),
          LockFile.beside(file),
          "the lock file",
          ", so another run may be sending the same campaign; this run stopped sending. Never"
              + " delete it while herald runs");
    }

    /** The journal's real path, symbolic links resolved: the file to read and append to. */
    public Path file() {
      return file;
    }

    /** Releases the lock. */
    @Override
    public void close() {
      held.close();
    }
  }

  /**
   * Locks the journal {@code file} for this run, creating its folders if need be (not the file).
   *
   * @throws HeraldException exit 4 at once if another run holds the lock; exit 2 if the lock file
   *     cannot be created
   */
  public static Lock lock(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      Path real = FileIdentity.realPath(file);
      refuseHardLinks(real);
      Path lockPath = LockFile.beside(real);
      LockFile held =
          LockFile.tryTake(lockPath, Lock.EXPLANATION)
              .orElseThrow(
                  () ->
                      new HeraldException(
                          ExitCodes.UNDELIVERABLE,
                          file
                              + (real.equals(file.toAbsolutePath()) ? "" : " (" + real + ")")
                              + " is in use by another herald run; nothing was sent: run again"
                              + " when that run has finished"));
      if (!held.identity().known()) {
        held.close();
        // deleted between our open and our lock: whoever did it may hold a new one
        throw new HeraldException(
            ExitCodes.UNDELIVERABLE,
            lockPath
                + " vanished while herald was locking it; another run may be starting: run again");
      }
      return new Lock(real, held);
    } catch (IOException e) {
      throw HeraldException.input(
          "cannot open journal "
              + file
              + ": "
              + reason(e)
              + "; check that its folder is writable, or choose another journal file",
          e);
    }
  }

  /**
   * The lock is a file lock on the journal's path, so a second name for the same file (a hard link,
   * in another folder say) would take a lock of its own and both runs would send. Refused rather
   * than left to chance; a symbolic link is fine (it resolves to the one path).
   */
  private static void refuseHardLinks(Path real) throws IOException {
    int names = FileIdentity.names(real);
    if (names > 1) {
      throw HeraldException.input(
          real
              + " has "
              + names
              + " names (hard links): herald keeps two runs apart by the journal's path, so a run"
              + " under another name would not be stopped. Keep one name (a symbolic link to it is"
              + " fine) and run again; nothing was sent.");
    }
  }

  /** Opens a file for appending; a seam for tests of a failing disk. */
  interface Opener {
    FileChannel open(Path file) throws IOException;
  }

  /**
   * Opens the journal {@code file} for appending, locking it for as long as it is open: {@link
   * #lock} and {@link #open(Lock)} in one.
   *
   * @throws HeraldException exit 2 if the journal cannot be read, is damaged (other than a torn
   *     last line) or cannot be opened for writing; exit 4 if another run has it locked
   */
  public static Journal open(Path file) {
    Lock lock = lock(file);
    try {
      return open(lock, DurableAppend::openForAppending, true);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Opens the journal held by {@code lock} for appending, creating it if need be. Closing the
   * journal leaves the lock held: the caller releases it.
   *
   * <p>A new or empty file gets the header row. If the file ends in a line cut short by a crash,
   * that line is ended and the marker that tells readers to skip it is written beneath it, so that
   * new lines do not run on from it; a complete last line without its line break (saved by an
   * editor) gets the line break.
   *
   * @throws HeraldException exit 2 if the journal cannot be read, is damaged (other than a torn
   *     last line) or cannot be opened for writing
   */
  public static Journal open(Lock lock) {
    return open(lock, DurableAppend::openForAppending, false);
  }

  static Journal open(Lock lock, Opener opener, boolean ownsLock) {
    Objects.requireNonNull(lock, "lock");
    Path file = lock.file();
    FileChannel channel = null;
    try {
      boolean isNew = !Files.exists(file);
      channel = opener.open(file);
      if (JournalRepair.repair(file, channel)) {
        channel.close();
        JournalRepair.upgradeHeader(file);
        channel = opener.open(file);
      }
      if (isNew) {
        DurableAppend.syncFolder(file.getParent());
      }
      return new Journal(file, channel, lock, ownsLock);
    } catch (IOException e) {
      HeraldException failure =
          HeraldException.input(
              "cannot open journal "
                  + file
                  + " for writing: "
                  + reason(e)
                  + "; check that its folder is writable, or choose another journal file",
              e);
      closeAfterFailure(failure, channel);
      throw failure;
    } catch (RuntimeException e) {
      closeAfterFailure(e, channel);
      throw e;
    }
  }

  private static void closeAfterFailure(Throwable failure, FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * Queues {@code entry} for writing. The future completes once the entry is on disk, or
   * exceptionally with the {@link IOException} that kept it off. It is completed on the journal's
   * writer thread, so actions chained to it should be quick or use an {@code ...Async} method.
   *
   * @throws IllegalStateException if the journal is closed
   */
  public CompletableFuture<Void> append(JournalEntry entry) {
    return writer.append(JournalCsv.line(entry).getBytes(UTF_8));
  }

  /**
   * Appends {@code entry} and waits until it is on disk.
   *
   * @throws HeraldException exit 5 (stopped early) if it could not be written: the caller must send
   *     nothing more
   */
  public void appendDurably(JournalEntry entry) {
    try {
      append(entry).join();
    } catch (CompletionException e) {
      throw unwritable(e.getCause() == null ? e : e.getCause());
    }
  }

  /**
   * The error for a journal that could not be written (a full disk, say): exit 5, since what was
   * sent before is journalled and a re-run continues from there.
   */
  public HeraldException unwritable(Throwable cause) {
    if (cause instanceof Moved moved) {
      // the journal or the lock file was replaced: no space to free, and the reason names it
      return new HeraldException(
          ExitCodes.STOPPED, "partly delivered, then stopped: " + moved.getMessage(), cause);
    }
    return new HeraldException(
        ExitCodes.STOPPED,
        "partly delivered, journal could not be written: "
            + file
            + ": "
            + reason(cause)
            + "; free some space (or fix the disk) and run again: a re-run sends only what the"
            + " journal does not record as sent",
        cause);
  }

  /** The journal or its lock file is no longer the file this run holds. */
  static final class Moved extends IOException {
    private static final long serialVersionUID = 1L;

    Moved(Path file, String what) {
      super(file + ": " + what);
    }
  }

  /**
   * How many times this journal was forced to disk, and how many lines those forces covered: the
   * measure of group commit (a run of n messages writes about 2n lines, an attempt and an outcome
   * each). Printed to standard error on close when the system property {@code herald.journal.stats}
   * is set ({@code HERALD_JAVA_OPTS=-Dherald.journal.stats}).
   */
  public record Syncs(long forces, long lines) {
    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "journal: %d lines in %d syncs (%.2f lines a sync)",
          lines,
          forces,
          forces == 0 ? 0.0 : (double) lines / forces);
    }
  }

  /** How many syncs this journal has made so far, and how many lines they covered. */
  public Syncs syncs() {
    return new Syncs(writer.forces(), writer.forcedLines());
  }

  /** How many bytes of the file are known to be on disk; for tests of the commit order. */
  long durableSize() {
    return writer.durableSize();
  }

  /**
   * Before each write: the journal's path must still name the file this run appends to (a {@code
   * git pull} or an editor's save replaces it, and every outcome written after that would go to a
   * file nobody reads), and the lock file must still be the one this run holds. Either failing
   * stops the run like a full disk: nothing more is sent, and the summary says what was.
   */
  private void stillTheSameFiles() throws IOException {
    lock.verify();
    unchanged(
        identity,
        file,
        "the journal",
        " (a git pull or an editor saving it?), so what this run sends could no longer be recorded"
            + " in it: nothing more was sent. Check the journal holds every line (a re-run sends"
            + " to whoever it does not record)");
  }

  /** Throws {@link Moved}, saying {@code what} became of {@code file}, if it is not the same. */
  private static void unchanged(FileIdentity identity, Path file, String what, String consequence)
      throws Moved {
    Optional<FileIdentity.Change> change = identity.change();
    if (change.isPresent()) {
      throw new Moved(file, what + " was " + change.get().word() + " during the run" + consequence);
    }
  }

  /**
   * Writes everything appended so far to disk, stops the writer thread and releases the file. Does
   * nothing if already closed.
   */
  @Override
  public void close() {
    IOException failed = null;
    try {
      writer.close();
    } catch (IOException e) {
      failed = e;
    }
    if (System.getProperty("herald.journal.stats") != null) {
      System.err.println(syncs()); // a measuring aid, asked for explicitly
    }
    if (ownsLock) {
      lock.close();
    }
    if (failed != null) {
      // every entry was forced to disk before this point, so nothing is lost; still, say so
      throw HeraldException.undeliverable(
          "cannot close journal " + file + ": " + reason(failed) + "; check the disk", failed);
    }
  }

  /** The reason an I/O operation failed, without repeating the file name. */
  static String reason(Throwable e) {
    if (e instanceof FileSystemException fse) {
      if (fse.getReason() != null) {
        return fse.getReason();
      }
      String what =
          e instanceof NoSuchFileException
              ? "not found"
              : e instanceof AccessDeniedException
                  ? "permission denied"
                  : e instanceof FileAlreadyExistsException ? "already exists" : "failed";
      return fse.getFile() == null ? what : what + ": " + fse.getFile();
    }
    if (e.getMessage() != null && !e.getMessage().isBlank()) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName();
  }
}
