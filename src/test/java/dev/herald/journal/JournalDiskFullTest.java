package dev.herald.journal;

import static dev.herald.journal.Entries.entry;
import static dev.herald.journal.Entries.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal on a disk that fills up: the write fails as the operating system reports it ("No space
 * left on device"), after part of a line may already be on disk.
 */
class JournalDiskFullTest {
  @TempDir Path dir;

  /**
   * A file on a disk with {@code room} bytes left: a write beyond that writes what fits, then
   * fails.
   */
  static final class FullDisk extends FileChannel {
    private final FileChannel file;
    private long room;

    FullDisk(FileChannel file, long room) {
      this.file = file;
      this.room = room;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (room <= 0) {
        throw new IOException("No space left on device");
      }
      ByteBuffer part = src.duplicate();
      part.limit(part.position() + (int) Math.min(room, part.remaining()));
      int n = file.write(part);
      src.position(src.position() + n);
      room -= n;
      return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return file.read(dsts, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      long n = 0;
      for (int i = offset; i < offset + length; i++) {
        n += write(srcs[i]);
      }
      return n;
    }

    @Override
    public long position() throws IOException {
      return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      file.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      file.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return file.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) {
      throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      file.close();
    }
  }

  private static Journal.Opener withRoom(long room) {
    return file ->
        new FullDisk(
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND),
            room);
  }

  @Test
  void aFullDiskStopsTheRunWithExit5AndTheNextOpenRepairsTheEnd() throws Exception {
    Path file = dir.resolve("logs/sends.csv");
    String header = JournalCsv.HEADER + "\n";
    List<JournalEntry> fit =
        List.of(entry(1, Outcome.ATTEMPT), entry(1, Outcome.SENT), entry(2, Outcome.ATTEMPT));
    long room = header.length();
    for (JournalEntry e : fit) {
      room += JournalCsv.line(e).length();
    }
    room += 20; // part of the next line fits, and is left torn

    try (Journal.Lock lock = Journal.lock(file);
        Journal journal = Journal.open(lock, withRoom(room), false)) {
      for (JournalEntry e : fit) {
        journal.appendDurably(e);
      }
      HeraldException full =
          assertThrows(HeraldException.class, () -> journal.appendDurably(entry(2, Outcome.SENT)));
      assertEquals(ExitCodes.STOPPED, full.exitCode());
      assertTrue(
          full.getMessage().startsWith("partly delivered, journal could not be written: "),
          full.getMessage());
      assertTrue(
          full.getMessage().contains("sends.csv: No space left on device"), full.getMessage());
      // once a write failed, the end of the file is unknown: nothing more is taken
      CompletionException later =
          assertThrows(
              CompletionException.class, () -> journal.append(entry(3, Outcome.ATTEMPT)).join());
      assertTrue(later.getCause().getMessage().contains("No space left"));
    }

    assertEquals(fit, readAll(file), "the torn part of the failed line is skipped");
    CampaignState state = CampaignState.load(file, "podlaskie-2021");
    assertEquals(CampaignState.Status.SENT, state.status("contact1@example.org"));
    // accepted by the server, perhaps, but not journalled as sent: the re-run sends it again
    assertEquals(CampaignState.Status.IN_FLIGHT, state.status("contact2@example.org"));
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(entry(2, Outcome.SENT));
    }
    assertEquals(
        CampaignState.Status.SENT,
        CampaignState.load(file, "podlaskie-2021").status("contact2@example.org"));
  }

  @Test
  void aFullDiskWhileOpeningIsAnInputError() {
    Path file = dir.resolve("sends.csv");
    try (Journal.Lock lock = Journal.lock(file)) {
      HeraldException e =
          assertThrows(HeraldException.class, () -> Journal.open(lock, withRoom(10), false));
      assertEquals(ExitCodes.INPUT, e.exitCode());
      assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    }
  }
}
