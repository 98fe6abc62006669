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
 * Writing CSV cells that are safe both for RFC 4180 readers and for spreadsheets: a cell that a
 * spreadsheet would take for a formula (starting with {@code = + - @}, tab or CR) is prefixed with
 * an apostrophe, as OWASP recommends against CSV injection.
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
   * Undoes {@link #neutralise}: the apostrophe before a formula character goes, so that a value
   * herald wrote reads back as it was.
   */
  public static String unguard(String v) {
    if (v.length() >= 2 && v.charAt(0) == '\'' && "=+-@\t\r".indexOf(v.charAt(1)) >= 0) {
      return v.substring(1);
    }
    return v;
  }

  /** Prefixes a formula-looking value with an apostrophe so a spreadsheet shows it as text. */
  public static String neutralise(String v) {
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
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
