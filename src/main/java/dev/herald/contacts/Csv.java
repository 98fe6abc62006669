package dev.herald.contacts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The one place every CSV file herald writes gets its cells (the opt-out list, the journal, the
 * interview and reply logs): cells safe both for RFC 4180 readers and for spreadsheets. A cell that
 * a spreadsheet would take for a formula (starting with {@code = + - @}, tab or CR) is prefixed
 * with an apostrophe, as OWASP recommends against CSV injection; so is a cell that already starts
 * with an apostrophe, so that {@link #unguard} always removes exactly one and every value reads
 * back as it was written.
 */
public final class Csv {
  private Csv() {}

  /** One record, with its terminating newline. */
  public static String line(List<String> cells) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        s.append(',');
      }
      s.append(cell(cells.get(i)));
    }
    return s.append('\n').toString();
  }

  /** One cell, neutralised and quoted where needed. */
  public static String cell(String value) {
    String v = neutralise(value == null ? "" : value);
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /**
   * Undoes {@link #neutralise}: one leading apostrophe goes, so that a value herald wrote reads
   * back as it was.
   */
  public static String unguard(String v) {
    return v.startsWith("'") ? v.substring(1) : v;
  }

  /**
   * Prefixes a formula-looking value with an apostrophe so a spreadsheet shows it as text, and a
   * value starting with an apostrophe with another, which {@link #unguard} takes off again.
   */
  public static String neutralise(String v) {
    if (!v.isEmpty() && "=+-@\t\r'".indexOf(v.charAt(0)) >= 0) {
      return "'" + v;
    }
    return v;
  }

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
    try (FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer bytes = ByteBuffer.wrap(s.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
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
