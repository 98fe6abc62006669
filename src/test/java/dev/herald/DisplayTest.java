package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Server and file text made safe for the terminal and the journal, in one place. */
class DisplayTest {

  @ParameterizedTest
  @ValueSource(
      chars = {
        '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\u202a', '\u202b', '\u202c',
        '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'
      })
  void everyControlAndBidiCharacterIsEscaped(char c) {
    String hex = String.format("\\u%04X", (int) c);

    assertEquals("a" + hex + "b", Display.reply("a" + c + "b"));
    assertEquals("a" + hex + "b", Display.oneLine("a" + c + "b"));
    assertEquals("a" + hex + "b", Display.visible("a" + c + "b"));
  }

  @Test
  void lineBreaksAndTabsBecomeOneSpaceOnOneLine() {
    assertEquals("250-hello 250 ok", Display.reply("250-hello\r\n250 ok\r\n"));
    assertEquals("a b c", Display.oneLine("a\r\n\r\nb\tc"));
    assertEquals("a\nb\tc", Display.visible("a\nb\tc"));
    assertEquals("a\\u000Db", Display.visible("a\rb"));
  }

  @Test
  void aLongReplyIsCutWithAnEllipsisAndNeverHalfACharacter() {
    String cut = Display.reply("5".repeat(1000));
    assertEquals(Display.MAX_REPLY, cut.length());
    assertTrue(cut.endsWith("…"));

    String emoji = "x".repeat(Display.MAX_REPLY - 2) + "\uD83D\uDE00".repeat(10);
    String kept = Display.reply(emoji);
    assertTrue(kept.length() <= Display.MAX_REPLY);
    assertTrue(!Character.isHighSurrogate(kept.charAt(kept.length() - 2)), kept);
  }

  /** Random strings over an alphabet rich in what a hostile server would send. */
  static Stream<String> generated() {
    Random random = new Random(20261202);
    char[] alphabet = {
      'a', ' ', '5', '\\', 'u', '\r', '\n', '\t', '\u001b', '\u0007', '\u009b', '\u202e', '\u2066',
      '\u061c', 'ł', '…', '\uD83D', '\uDE00', '\u007f', '\u0000'
    };
    return IntStream.range(0, 300)
        .mapToObj(
            i -> {
              int n = random.nextInt(i < 100 ? 40 : 900);
              StringBuilder s = new StringBuilder(n);
              for (int k = 0; k < n; k++) {
                s.append(alphabet[random.nextInt(alphabet.length)]);
              }
              return s.toString();
            });
  }

  @ParameterizedTest
  @MethodSource("generated")
  void aReplyIsCappedSafeAndStableWhenReadBack(String raw) {
    String once = Display.reply(raw);

    assertTrue(once.length() <= Display.MAX_REPLY, once);
    once.chars()
        .forEach(
            c ->
                assertTrue(
                    !Character.isISOControl(c) && !Display.isBidiControl((char) c),
                    () -> String.format("U+%04X in %s", c, once)));
    // the journal stores it, and reading it back applies it again: nothing may change
    assertEquals(once, Display.reply(once));
  }
}
