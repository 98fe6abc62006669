package dev.herald.privacy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Removes whole records from a CSV contact list, keeping every other byte as it was (separator,
 * quoting, encoding, line ends), so that the list still opens as before in the spreadsheet it came
 * from. Records are told apart as RFC 4180 reads them: a line break inside double quotes does not
 * end one. Works on the bytes of any encoding in which the quote and the line feed are the ASCII
 * bytes (UTF-8, Latin-1, Windows-1250 …); UTF-16 is not, and is left for the user to edit.
 */
final class CsvRows {
  private CsvRows() {}

  /** Whether herald can rewrite {@code file} this way: not UTF-16 (with or without a BOM). */
  static boolean rewritable(byte[] bytes) {
    if (bytes.length >= 2
        && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
            || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
      return false;
    }
    for (int i = 0; i < Math.min(bytes.length, 4096); i++) {
      if (bytes[i] == 0) {
        return false; // UTF-16 without a BOM
      }
    }
    return true;
  }

  /** {@code bytes} without the records that start on {@code lines} (1 is the first line). */
  static byte[] without(byte[] bytes, Set<Long> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
    long line = 1;
    long recordLine = 1;
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == '"') {
        quoted = !quoted;
      } else if (b == '\n') {
        line++;
        if (!quoted) {
          if (!lines.contains(recordLine)) {
            out.write(bytes, start, i + 1 - start);
          }
          start = i + 1;
          recordLine = line;
        }
      }
    }
    if (start < bytes.length && !lines.contains(recordLine)) {
      out.write(bytes, start, bytes.length - start);
    }
    return out.toByteArray();
  }

  static byte[] read(Path file) throws IOException {
    return Files.readAllBytes(file);
  }
}
