package dev.herald.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** UTF-7 (RFC 2152), which the JDK cannot read: replies from older clients still use it. */
class Utf7Test {

  private static String utf7(String s) {
    return Utf7.decode(s.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void decodesTheRfcExamplesAndTheEdges() {
    assertEquals("Gespräch", utf7("Gespr+AOQ-ch"));
    // RFC 2152's own examples
    assertEquals("A≢Α.", utf7("A+ImIDkQ."));
    assertEquals("Hi Mom -☺-!", utf7("Hi Mom -+Jjo--!"));
    assertEquals("日本語", utf7("+ZeVnLIqe-"));
    assertEquals("1 + 1 = 2", utf7("1 +- 1 +AD0- 2"));
    // a run ended by a character that is not base64: the character is kept
    assertEquals("ä x", utf7("+AOQ x"));
    // a run at the very end, and an astral character as a surrogate pair
    assertEquals("a😀", utf7("a+2D3eAA"));
    assertEquals("\uFFFD", Utf7.decode(new byte[] {(byte) 0xE4}));
    assertEquals("", utf7("+"));
  }

  /** Encodes as a mail client would: every non-ASCII run as modified base64 of UTF-16BE. */
  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '+') {
        out.append("+-");
        i++;
      } else if (c < 0x80) {
        out.append(c);
        i++;
      } else {
        int end = i;
        while (end < text.length() && text.charAt(end) >= 0x80) {
          end++;
        }
        byte[] units = text.substring(i, end).getBytes(StandardCharsets.UTF_16BE);
        out.append('+')
            .append(Base64.getEncoder().withoutPadding().encodeToString(units))
            .append('-');
        i = end;
      }
    }
    return out.toString();
  }

  static Stream<Arguments> texts() {
    Random random = new Random(2152);
    String pool = "abcXYZ 09+-/.,äöüßłżé€日本😀\n";
    List<Arguments> cases = new ArrayList<>();
    for (int n = 0; n < 200; n++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(40);
      while (s.length() < length) {
        int at = random.nextInt(pool.length());
        if (Character.isSurrogate(pool.charAt(at))) {
          s.append("😀");
        } else {
          s.append(pool.charAt(at));
        }
      }
      cases.add(Arguments.of(s.toString()));
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("texts")
  void readsBackWhatAnEncoderWrote(String text) {
    assertEquals(text, utf7(encode(text)));
  }

  @Test
  void aUtf7ReplyAskingForAnInterviewIsAnInterviewRequest() {
    String raw =
        RawMail.reply("Re: Pressemitteilung", "x")
            .replace("charset=UTF-8", "charset=\"utf-7\"")
            .replace("Content-Transfer-Encoding: 8bit", "Content-Transfer-Encoding: 7bit")
            .replace(
                "\nx\n",
                "\nGuten Tag, ich h+AOQ-tte gern ein Gespr+AOQ-ch mit der Projektleiterin.\n");

    SortedReply reply = new ReplySorter(ReplySorter.ReadLimits.DEFAULT).sort(RawMail.parse(raw));

    assertEquals(ReplyKind.INTERVIEW_REQUEST, reply.kind(), reply::toString);
    assertTrue(reply.ownWords().contains("Gespräch"), reply.ownWords());
  }
}
