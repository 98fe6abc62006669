package dev.herald.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends to a CSV file so that what was appended is on disk before the call returns: the bytes are
 * written and forced ({@link FileChannel#force}) in one go. A last line that a crash cut short
 * stays a line of its own: a line break goes before the new lines when the file does not end in
 * one.
 */
public final class DurableAppend {
  private DurableAppend() {}

  /**
   * Appends {@code lines} (whole records, each ending in a newline) to a CSV file and forces them
   * to disk: the header first if the file is new or empty, and a newline first if its last record
   * was cut short, so that a torn line from a crash stays on a line of its own.
   */
  public static void append(Path file, List<String> header, String lines) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    StringBuilder s = new StringBuilder();
    if (!Files.exists(file) || Files.size(file) == 0) {
      s.append(String.join(",", header)).append('\n');
    } else if (!endsWithNewline(file)) {
      s.append('\n');
    }
    s.append(lines);
    try (FileChannel channel = openForAppending(file)) {
      writeFully(channel, ByteBuffer.wrap(s.toString().getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
    }
  }

  /** Opens {@code file} for appending, creating it if need be. */
  public static FileChannel openForAppending(Path file) throws IOException {
    return FileChannel.open(
        file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /** Writes every remaining byte of {@code bytes}: one write may take only part of them. */
  public static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /**
   * Makes the entries of {@code folder} durable: a new or renamed file is durable only once the
   * folder entry naming it is, and POSIX needs a sync of the folder for that. Some platforms cannot
   * open a folder as a channel: there the file system itself makes the entry durable, so the
   * failure is harmless and ignored.
   */
  public static void syncFolder(Path folder) {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // see above
    }
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size == 0) {
        return true;
      }
      ByteBuffer buf = ByteBuffer.allocate(1);
      ch.read(buf, size - 1);
      return buf.get(0) == '\n';
    }
  }
}
