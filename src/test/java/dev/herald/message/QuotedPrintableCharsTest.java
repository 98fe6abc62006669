package dev.herald.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.herald.util.Bytes;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The encoder that works from a String's characters against the byte-by-byte one it replaced
 * ({@link ByteQuotedPrintable}): over generated text mixing scripts, surrogate pairs (and lone
 * halves), long lines, spaces and tabs before line ends, '=' and '.' at line starts and every kind
 * of line end, both write the same bytes.
 */
class QuotedPrintableCharsTest {
  /** Pieces chosen to land on every branch: ASCII, 2-, 3- and 4-byte UTF-8, breaks, specials. */
  private static final String[] PIECES = {
    "a", "Z", "0", " ", "\t", "=", ".", "?", "~", "\u007f", "\u0000", "\r", "\n", "\r\n", "\n\r",
    "é", "ł", "Ż", "ß", "\u00a0", "\u07ff", "\u0800", "–", "€", "文", "ア", "한", "ע", "ب", "\uffff",
    "😀", "𝄞", "\ud83d", "\ude00", "\ud800\ud800", "=\r\n", ".\r\n", " \r\n", "\t\n"
  };

  private static Stream<String> texts() {
    Random random = new Random(2045_5322L);
    return IntStream.range(0, 3000)
        .mapToObj(
            i -> {
              StringBuilder s = new StringBuilder();
              // mostly short texts, some with lines far longer than 76 characters
              int length = random.nextInt(8) == 0 ? 200 + random.nextInt(600) : random.nextInt(90);
              int runOf = random.nextInt(4); // some texts are long runs of one piece
              String run = PIECES[random.nextInt(PIECES.length)];
              for (int j = 0; j < length; j++) {
                s.append(runOf == 0 ? run : PIECES[random.nextInt(PIECES.length)]);
              }
              return s.toString();
            });
  }

  @Test
  void writesWhatTheByteEncoderWrote() {
    texts().forEach(QuotedPrintableCharsTest::assertSame);
  }

  /** Every column at which a multi-byte character, a space or a '=' can meet the line's end. */
  @Test
  void everyCharacterAtEveryColumnNearTheLineEnd() {
    for (String piece : PIECES) {
      for (int col = 60; col <= 80; col++) {
        String prefix = "x".repeat(col);
        assertSame(prefix + piece);
        assertSame(prefix + piece + "y");
        assertSame(prefix + piece + "\r\nnext");
        assertSame(prefix + piece + piece + piece);
        assertSame("=.".repeat(col / 2) + piece + " \n=" + piece);
      }
    }
  }

  @Test
  void aBodyOfEveryLanguageTheBenchmarkUses() {
    assertSame(
        "Dear Łukasz Wróbel,\n\nWe thought this might interest readers of **Le Soir Numérique**."
            + "\n\nZażółć gęślą jaźń – Niccolò, Günther, Chloé, Szczęśniak. ".repeat(20)
            + "\n.\n= \n");
  }

  private static void assertSame(String text) {
    Bytes expected = new Bytes(16);
    ByteQuotedPrintable.encode(text, expected);
    Bytes actual = new Bytes(3);
    actual.write('>');
    QuotedPrintable.encode(text, actual);
    assertArrayEquals(
        expected.toByteArray(),
        Arrays.copyOfRange(actual.array(), 1, actual.size()),
        () -> "encoding of: " + text.replace("\r", "\\r").replace("\n", "\\n"));
  }
}
