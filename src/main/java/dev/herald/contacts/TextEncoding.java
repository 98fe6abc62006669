package dev.herald.contacts;

import dev.herald.ContactFormat;
import dev.herald.Display;
import dev.herald.HeraldException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text encoding of a CSV file, decided for the file as a whole before any row is read: a
 * byte-order mark says UTF-8 or UTF-16; otherwise the text must be UTF-8 unless {@code --encoding}
 * says otherwise. A file that is not UTF-8 is told apart from a UTF-8 file with a few bad bytes by
 * counting: more invalid sequences than valid multi-byte ones means the whole file was saved in
 * another encoding, which is then guessed ({@link LegacyEncoding}) and named in one message.
 */
final class TextEncoding {
  private TextEncoding() {}

  /** How to read the file: the character set, and how many bytes of byte-order mark to skip. */
  record Choice(Charset charset, int skip) {}

  /** At most this much of a file is scanned: enough to tell, and bounded for a hostile file. */
  static final long MAX_SCAN = 256L << 20;

  /**
   * Decides how to read {@code file}, whose first bytes are {@code head}; {@code given} is the
   * encoding from {@code --encoding} or the setting, or null.
   *
   * @param option whether {@code --encoding} can read the file (it cannot read the opt-out list,
   *     which must be UTF-8): the message then says so
   * @throws HeraldException exit 2 when the file is not UTF-8 and no encoding was given
   */
  static Choice decide(Path file, byte[] head, Charset given, boolean option) throws IOException {
    if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
      return new Choice(StandardCharsets.UTF_8, 3);
    }
    // A UTF-16 byte-order mark states the encoding; it wins over a guess or a setting.
    if (startsWith(head, 0xFF, 0xFE)) {
      return new Choice(StandardCharsets.UTF_16LE, 2);
    }
    if (startsWith(head, 0xFE, 0xFF)) {
      return new Choice(StandardCharsets.UTF_16BE, 2);
    }
    if (given != null) {
      return new Choice(given, 0);
    }
    Charset utf16 = utf16WithoutMark(head);
    if (utf16 != null) {
      throw notUtf8(
          file,
          utf16,
          ContactFormat.label(utf16) + " text without a byte-order mark",
          null,
          option);
    }
    Scan scan = scan(file, false);
    if (scan.invalid > 0 && scan.invalid > scan.multibyte) {
      // Guessing costs more than the check itself, so it takes a second pass, only over a file
      // that is not UTF-8.
      scan = scan(file, true);
      Charset guess = scan.guess.best();
      String sample = guess == null ? null : sample(file, scan.badLineStart, guess);
      throw notUtf8(
          file,
          guess,
          guess == null
              ? "in a single-byte encoding herald cannot tell"
              : "probably " + LegacyEncoding.describe(guess),
          sample == null ? null : "line " + scan.badLine + " reads '" + sample + "' that way",
          option);
    }
    return new Choice(StandardCharsets.UTF_8, 0);
  }

  private static HeraldException notUtf8(
      Path file, Charset guess, String what, String evidence, boolean option) {
    String name = guess == null ? "NAME" : guess.name();
    return HeraldException.input(
        Display.path(file)
            + ": is not UTF-8 text: it is "
            + what
            + (evidence == null ? "" : " (" + evidence + ")")
            + (option
                ? ". Read it with --encoding "
                    + name
                    + " (or contacts.encoding = "
                    + name
                    + " in herald.properties), or save it from the spreadsheet as \"CSV UTF-8\""
                : ". herald adds entries to this file as UTF-8, so it must be UTF-8: save it from"
                    + " the spreadsheet as \"CSV UTF-8\""));
  }

  private static boolean startsWith(byte[] head, int... bytes) {
    if (head.length < bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((head[i] & 0xFF) != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * UTF-16 without a byte-order mark: every other byte zero, as ASCII column names are in UTF-16,
   * and never in UTF-8 text.
   */
  private static Charset utf16WithoutMark(byte[] h) {
    if (h.length < 4) {
      return null;
    }
    if (h[0] != 0 && h[1] == 0 && h[2] != 0 && h[3] == 0) {
      return StandardCharsets.UTF_16LE;
    }
    if (h[0] == 0 && h[1] != 0 && h[2] == 0 && h[3] != 0) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  /** What a pass over the bytes found. */
  private static final class Scan {
    long multibyte; // valid UTF-8 sequences of two bytes or more
    long invalid; // bytes that start no valid sequence
    long badLine; // the line of the first invalid byte, 0 if none
    long badLineStart; // the offset where that line starts
    final LegacyEncoding guess = new LegacyEncoding();
  }

  /** A pass over {@code file}'s bytes; {@code guessing}: also feed them to the legacy guess. */
  private static Scan scan(Path file, boolean guessing) throws IOException {
    Scan s = new Scan();
    byte[] buf = new byte[1 << 16];
    int need = 0; // continuation bytes still expected
    int lo = 0x80; // the range the next continuation byte must be in (for overlong/surrogates)
    int hi = 0xBF;
    long line = 1;
    long lineStart = 0;
    long offset = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while (offset < MAX_SCAN && (n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++, offset++) {
          int b = buf[i] & 0xFF;
          if (guessing) {
            s.guess.add(b);
          }
          if (need > 0) {
            if (b >= lo && b <= hi) {
              lo = 0x80;
              hi = 0xBF;
              if (--need == 0) {
                s.multibyte++;
              }
              continue;
            }
            s.invalid++; // the sequence broke off; this byte starts afresh
            need = 0;
            lo = 0x80;
            hi = 0xBF;
            if (s.badLine == 0) {
              s.badLine = line;
              s.badLineStart = lineStart;
            }
          }
          if (b == '\n') {
            line++;
            lineStart = offset + 1;
          }
          if (b < 0x80) {
            continue;
          }
          if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
          } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            lo = b == 0xE0 ? 0xA0 : 0x80;
            hi = b == 0xED ? 0x9F : 0xBF;
          } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            lo = b == 0xF0 ? 0x90 : 0x80;
            hi = b == 0xF4 ? 0x8F : 0xBF;
          } else {
            s.invalid++;
            if (s.badLine == 0) {
              s.badLine = line;
              s.badLineStart = lineStart;
            }
          }
        }
      }
    }
    if (guessing) {
      s.guess.end();
    }
    return s;
  }

  /**
   * The first word of the line at {@code start} that holds a byte above 0x7F, decoded as {@code
   * charset}: shows the reader what the guess makes of their file.
   */
  private static String sample(Path file, long start, Charset charset) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(400);
    try (SeekableByteChannel ch = Files.newByteChannel(file)) {
      ch.position(start);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // fill the buffer or reach the end
      }
    }
    buf.flip();
    String text = charset.decode(buf).toString();
    int nl = text.indexOf('\n');
    if (nl >= 0) {
      text = text.substring(0, nl);
    }
    for (String word : text.split("[\\s,;\"\\t]+")) {
      if (word.chars().anyMatch(c -> c > 0x7F) && word.length() <= 40) {
        return Display.oneLine(word);
      }
    }
    return null;
  }
}
