package dev.herald.journal;

import dev.herald.csv.DurableAppend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The journal's durable append, by group commit: one writer thread takes every line waiting in the
 * queue, writes them in one go, forces them to disk once ({@link FileChannel#force}), and only then
 * completes their futures. While it waits for the disk, new lines queue up for the next round, so
 * the cost of a force is shared by every sender that was waiting for one.
 *
 * <p>After a write fails (a full disk, say), the file may end in part of a line, so the writer
 * accepts nothing more: every later append fails with the same cause.
 */
final class JournalWriter {
  /** Runs before each write; throwing stops the writer as a failed write would. */
  interface Check {
    void run() throws IOException;
  }

  private final Path file;
  private final FileChannel channel;
  private final Check beforeWrite;
  private final Thread thread;

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
  // how many times the file was forced to disk, and how many lines those forces covered
  private volatile long forces;
  private volatile long forcedLines;

  private record Pending(byte[] line, CompletableFuture<Void> done) {}

  JournalWriter(Path file, FileChannel channel, Check beforeWrite) throws IOException {
    this.file = file;
    this.channel = channel;
    this.beforeWrite = beforeWrite;
    this.size = channel.size();
    this.durableSize = size;
    this.thread = new Thread(this::writeLoop, "herald-journal-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues {@code line}; the future completes once it is on disk, or exceptionally with what kept
   * it off.
   *
   * @throws IllegalStateException if the writer is closed
   */
  CompletableFuture<Void> append(byte[] line) {
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

  /** How many bytes of the file are known to be on disk. */
  long durableSize() {
    return durableSize;
  }

  /** How many times the file was forced to disk so far. */
  long forces() {
    return forces;
  }

  /** How many lines the forces so far have covered. */
  long forcedLines() {
    return forcedLines;
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
          beforeWrite.run();
          write(batch);
          channel.force(false);
          durableSize = size;
          forces++;
          forcedLines += batch.size();
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
    DurableAppend.writeFully(channel, buffer);
    size += length;
  }

  /**
   * Writes everything queued so far to disk, stops the writer thread and closes the file. Does
   * nothing if already closed.
   *
   * @throws IOException if closing the file failed (everything was forced to disk before)
   */
  void close() throws IOException {
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
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the queue must still be drained; report the interrupt afterwards
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    channel.close();
  }
}
