package dev.herald.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The send journal, open for appending. Several sender threads may append at once.
 *
 * <p>Appends are made durable by group commit: one writer thread takes every entry waiting in the
 * queue, writes them in one go, forces them to disk once ({@link FileChannel#force}), and only then
 * completes their futures. While it waits for the disk, new entries queue up for the next round, so
 * the cost of a force is shared by every sender that was waiting for one.
 *
 * <p>After a write fails (a full disk, say), the file may end in part of a line, so the journal
 * accepts nothing more: every later append fails too, and the next {@link #open} repairs the end.
 */
public final class Journal implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final Lock ownLock; // null when the caller holds the lock
  private final Lock lock;
  private final Object fileKey; // the journal's identity when opened: see stillTheSameFiles
  private final Thread writer;

  private final ReentrantLock mutex = new ReentrantLock();
  private final Condition queued = mutex.newCondition();
  // guarded by mutex
  private List<Pending> queue = new ArrayList<>();
  private boolean closing;
  private Throwable failure;

  // used by the writer thread only
  private ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
  private long size;

  private volatile long durableSize;

  private record Pending(byte[] line, CompletableFuture<Void> done) {}

  private Journal(Path file, FileChannel channel, Lock lock, boolean ownsLock) throws IOException {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.ownLock = ownsLock ? lock : null;
    this.fileKey = key(file);
    this.size = channel.size();
    this.durableSize = size;
    this.writer = new Thread(this::writeLoop, "herald-journal-writer");
    writer.setDaemon(true);
  }

  /**
   * A run's exclusive hold on a journal, from before it reads the journal's state until after its
   * last outcome is written, so that no other run decides whom to send to in between.
   *
   * <p>The lock is taken on {@code NAME.lock} beside the journal's real file, with symbolic links
   * resolved, so that a link to another folder's journal contends for that journal's lock. It is an
   * operating-system file lock ({@link FileChannel#tryLock}): released when the process ends,
   * however it ends, and held on one machine only (two machines sharing a repository through a
   * network or synchronised folder are not kept apart).
   */
  public static final class Lock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final Path lockFile;
    private final Object lockKey;

    private Lock(Path file, FileChannel channel, Path lockFile, Object lockKey) {
      this.file = file;
      this.channel = channel;
      this.lockFile = lockFile;
      this.lockKey = lockKey;
    }

    /**
     * Checks that the lock still keeps other runs out: its file must still be the one this run
     * locked. Someone who deletes it (it stays after every run, so it can look stale) or replaces
     * it lets a second run take a lock of its own, and this run must then send nothing more.
     *
     * @throws IOException naming what happened, if the lock file is gone or another file
     */
    public void verify() throws IOException {
      Object now = key(lockFile);
      if (now == null || !now.equals(lockKey)) {
        throw new Moved(
            lockFile,
            "the lock file was "
                + (now == null ? "deleted" : "replaced")
                + " during the run, so another run may be sending the same campaign; this run"
                + " stopped sending. Never delete it while herald runs");
      }
    }

    /** The journal's real path, symbolic links resolved: the file to read and append to. */
    public Path file() {
      return file;
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
  }

  /**
   * Locks the journal {@code file} for this run, creating its folders if need be (not the file).
   *
   * @throws HeraldException exit 4 at once if another run holds the lock; exit 2 if the lock file
   *     cannot be created
   */
  public static Lock lock(Path file) {
    Objects.requireNonNull(file, "file");
    FileChannel lockChannel = null;
    try {
      Path real = realPath(file);
      refuseHardLinks(real);
      Path lockFile = real.resolveSibling(real.getFileName() + ".lock");
      lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      if (!tryLock(lockChannel)) {
        throw new HeraldException(
            ExitCodes.UNDELIVERABLE,
            file
                + (real.equals(file.toAbsolutePath()) ? "" : " (" + real + ")")
                + " is in use by another herald run; nothing was sent: run again when that run"
                + " has finished");
      }
      Object lockKey = key(lockFile);
      if (lockKey == null) {
        // deleted between our open and our lock: whoever did it may hold a new one
        throw new HeraldException(
            ExitCodes.UNDELIVERABLE,
            lockFile
                + " vanished while herald was locking it; another run may be starting: run again");
      }
      explain(lockChannel);
      return new Lock(real, lockChannel, lockFile, lockKey);
    } catch (IOException e) {
      HeraldException failure =
          HeraldException.input(
              "cannot open journal "
                  + file
                  + ": "
                  + reason(e)
                  + "; check that its folder is writable, or choose another journal file",
              e);
      closeAfterFailure(failure, lockChannel);
      throw failure;
    } catch (RuntimeException e) {
      closeAfterFailure(e, lockChannel);
      throw e;
    }
  }

  /** A file's identity (device and inode on POSIX), or null if it cannot be read. */
  static Object key(Path file) {
    try {
      Object k = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      return k == null ? file.toRealPath().toString() : k;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The lock is a file lock on the journal's path, so a second name for the same file (a hard link,
   * in another folder say) would take a lock of its own and both runs would send. Refused rather
   * than left to chance; a symbolic link is fine (it resolves to the one path).
   */
  private static void refuseHardLinks(Path real) throws IOException {
    if (!Files.exists(real)) {
      return;
    }
    Object links;
    try {
      links = Files.getAttribute(real, "unix:nlink");
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return; // no link count on this file system
    }
    if (links instanceof Integer n && n > 1) {
      throw HeraldException.input(
          real
              + " has "
              + n
              + " names (hard links): herald keeps two runs apart by the journal's path, so a run"
              + " under another name would not be stopped. Keep one name (a symbolic link to it is"
              + " fine) and run again; nothing was sent.");
    }
  }

  /** Writes what the lock file is for into it, for whoever finds it after a run. */
  private static void explain(FileChannel lockChannel) {
    try {
      if (lockChannel.size() == 0) {
        lockChannel.write(
            ByteBuffer.wrap(
                ("herald keeps two runs of the journal beside this file apart with a lock on this"
                        + " file. It stays after a run; deleting it while a run is going lets a"
                        + " second run send the same campaign.\n")
                    .getBytes(UTF_8)));
      }
    } catch (IOException e) {
      // the explanation is a courtesy; the lock is what counts
    }
  }

  /**
   * Where {@code file} really is: its real path if it exists; else, if it is a link to a file not
   * yet created, where the link points; else the real path of its folder (created if need be) with
   * its name.
   */
  static Path realPath(Path file) throws IOException {
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

  /** Opens a file for appending; a seam for tests of a failing disk. */
  interface Opener {
    FileChannel open(Path file) throws IOException;
  }

  private static final Opener FILES =
      file ->
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);

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
      return open(lock, FILES, true);
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
    return open(lock, FILES, false);
  }

  static Journal open(Lock lock, Opener opener, boolean ownsLock) {
    Objects.requireNonNull(lock, "lock");
    Path file = lock.file();
    FileChannel channel = null;
    try {
      Path folder = file.getParent();
      boolean isNew = !Files.exists(file);
      channel = opener.open(file);
      JournalReader.Scan scan = JournalReader.scan(file, entry -> {});
      String repair = scan.repair();
      if (!repair.isEmpty()) {
        ByteBuffer bytes = ByteBuffer.wrap(repair.getBytes(UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(false);
      }
      if (scan.oldHeader()) {
        channel.close();
        channel = null;
        upgradeHeader(file);
        channel = opener.open(file);
      }
      if (isNew) {
        syncFolder(folder);
      }
      Journal journal = new Journal(file, channel, lock, ownsLock);
      journal.writer.start();
      return journal;
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

  /**
   * Gives a journal from before the template columns the header that names them, so that the lines
   * appended next (which have those columns) sit under a header that says what they hold; the older
   * lines keep their six values, which readers take as lines without a template. The file is copied
   * with the new first line and renamed over the old one, so that a crash leaves either the old
   * journal or the new, never half of one; this happens once per journal, under its lock.
   */
  private static void upgradeHeader(Path file) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".upgrading");
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        OutputStream out =
            Files.newOutputStream(
                temp,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
      for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
        // the old header, with whatever line end it has
      }
      out.write((JournalCsv.HEADER + "\n").getBytes(UTF_8));
      in.transferTo(out);
    }
    try (FileChannel written = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      written.force(true);
    }
    try {
      Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the new file has the folder's default permissions, as the old had
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncFolder(file.getParent());
  }

  // The lock lives on a file of its own: on POSIX, closing any channel on a file drops this
  // process's locks on it, and readers in this process open the journal itself.
  private static boolean tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock() != null;
    } catch (OverlappingFileLockException e) {
      return false; // held by another Journal in this process
    }
  }

  // A new file is durable only once the folder entry naming it is; POSIX needs a sync of the
  // folder for that. Some platforms cannot open a folder as a channel: there the file system
  // itself makes the entry durable, so the failure is harmless and ignored.
  private static void syncFolder(Path folder) {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // see above
    }
  }

  private static void closeAfterFailure(Throwable failure, FileChannel... channels) {
    for (FileChannel channel : channels) {
      if (channel != null) {
        try {
          channel.close(); // also releases the lock
        } catch (IOException e) {
          failure.addSuppressed(e);
        }
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
    byte[] line = JournalCsv.line(entry).getBytes(UTF_8);
    CompletableFuture<Void> done = new CompletableFuture<>();
    mutex.lock();
    try {
      if (closing) {
        throw new IllegalStateException("journal " + file + " is closed");
      }
      if (failure != null) {
        done.completeExceptionally(failure);
        return done;
      }
      queue.add(new Pending(line, done));
      queued.signal();
    } finally {
      mutex.unlock();
    }
    return done;
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

  /** How many bytes of the file are known to be on disk; for tests of the commit order. */
  long durableSize() {
    return durableSize;
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      Throwable failed;
      mutex.lock();
      try {
        while (queue.isEmpty() && !closing) {
          queued.awaitUninterruptibly();
        }
        if (queue.isEmpty()) {
          return; // closing, and everything queued is written
        }
        List<Pending> taken = queue;
        queue = batch;
        batch = taken;
        failed = failure;
      } finally {
        mutex.unlock();
      }
      if (failed == null) {
        try {
          stillTheSameFiles();
          write(batch);
          channel.force(false);
          durableSize = size;
        } catch (Throwable e) { // even an Error must fail the futures, or senders wait forever
          failed = e;
          mutex.lock();
          try {
            failure = e;
          } finally {
            mutex.unlock();
          }
        }
      }
      for (Pending pending : batch) {
        if (failed == null) {
          pending.done.complete(null);
        } else {
          pending.done.completeExceptionally(failed);
        }
      }
      batch.clear();
    }
  }

  /**
   * Before each write: the journal's path must still name the file this run appends to (a {@code
   * git pull} or an editor's save replaces it, and every outcome written after that would go to a
   * file nobody reads), and the lock file must still be the one this run holds. Either failing
   * stops the run like a full disk: nothing more is sent, and the summary says what was.
   */
  private void stillTheSameFiles() throws IOException {
    if (lock != null) {
      lock.verify();
    }
    Object now = key(file);
    if (fileKey != null && !fileKey.equals(now)) {
      throw new Moved(
          file,
          "the journal was "
              + (now == null ? "deleted" : "replaced")
              + " during the run (a git pull or an editor saving it?), so what this run sends"
              + " could no longer be recorded in it: nothing more was sent. Check the journal"
              + " holds every line (a re-run sends to whoever it does not record)");
    }
  }

  private void write(List<Pending> batch) throws IOException {
    int length = 0;
    for (Pending pending : batch) {
      length += pending.line.length;
    }
    if (buffer.capacity() < length) {
      buffer = ByteBuffer.allocateDirect(Math.max(length, buffer.capacity() * 2));
    }
    buffer.clear();
    for (Pending pending : batch) {
      buffer.put(pending.line);
    }
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    size += length;
  }

  /**
   * Writes everything appended so far to disk, stops the writer thread and releases the file. Does
   * nothing if already closed.
   */
  @Override
  public void close() {
    mutex.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      queued.signal();
    } finally {
      mutex.unlock();
    }
    boolean interrupted = false;
    while (true) {
      try {
        writer.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the queue must still be drained; report the interrupt afterwards
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    IOException failed = null;
    try {
      channel.close();
    } catch (IOException e) {
      failed = e;
    }
    if (ownLock != null) {
      ownLock.close();
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
