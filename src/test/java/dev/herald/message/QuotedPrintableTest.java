package dev.herald.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.util.Bytes;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * herald's quoted-printable encoder against Jakarta Mail's decoder, over generated text: every
 * input decodes back exactly, and every encoded line obeys RFC 2045 (at most 76 characters, no
 * trailing white space, only printable ASCII).
 */
class QuotedPrintableTest {
  private static final String ALPHABET = "abcXYZ019 \t=.,;:-_'\"<>&?!éłżąöüßçñ€–—“”\u00a0文";

  static Stream<String> texts() {
    Random random = new Random(2045);
    Stream<String> fixed =
        Stream.of(
            "",
            "plain ascii",
            "trailing space ",
            "trailing tab\t",
            "ends with =",
            "=3D is not decoded twice",
            ".leading dot",
            "x".repeat(75),
            "x".repeat(76),
            "x".repeat(77),
            "é".repeat(40),
            "a ".repeat(60),
            "line one\r\nline two \r\n\r\nline four",
            "Zażółć gęślą jaźń – Łukasz Wróbel, Kurier Podlaski");
    Stream<String> generated =
        IntStream.range(0, 400)
            .mapToObj(
                i -> {
                  StringBuilder s = new StringBuilder();
                  int length = random.nextInt(400);
                  for (int j = 0; j < length; j++) {
                    s.append(
                        random.nextInt(30) == 0
                            ? "\r\n"
                            : String.valueOf(ALPHABET.charAt(random.nextInt(ALPHABET.length()))));
                  }
                  return s.toString();
                });
    return Stream.concat(fixed, generated);
  }

  @ParameterizedTest
  @MethodSource("texts")
  void decodesBackExactlyAndKeepsTheLineRules(String text) throws Exception {
    byte[] input = text.getBytes(StandardCharsets.UTF_8);
    Bytes out = new Bytes(16);
    QuotedPrintable.encode(text, out);
    byte[] encoded = out.toByteArray();
    try (InputStream in =
        MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable")) {
      assertArrayEquals(input, in.readAllBytes(), () -> "round trip of: " + text);
    }
    String ascii = new String(encoded, StandardCharsets.US_ASCII);
    for (String line : ascii.split("\r\n", -1)) {
      assertTrue(line.length() <= 76, () -> "line over 76: " + line);
      assertTrue(
          line.isEmpty()
              || (line.charAt(line.length() - 1) != ' ' && line.charAt(line.length() - 1) != '\t'),
          () -> "trailing white space: [" + line + "]");
      for (char c : line.toCharArray()) {
        assertTrue(c == '\t' || (c >= 32 && c <= 126), () -> "not printable ASCII in: " + line);
      }
    }
    assertEquals(-1, ascii.indexOf('\n', 0) >= 0 ? checkBareLf(ascii) : -1);
  }

  static Stream<String> texts_withAnyLineEnds() {
    Random random = new Random(5322);
    String[] pieces = {
      "a", "Ż", "€", "\r", "\n", "\r\n", "\n\r", "😀", "\ud83d", "\ude00", " ", "."
    };
    return IntStream.range(0, 300)
        .mapToObj(
            i -> {
              StringBuilder s = new StringBuilder();
              int length = random.nextInt(120);
              for (int j = 0; j < length; j++) {
                s.append(pieces[random.nextInt(pieces.length)]);
              }
              return s.toString();
            });
  }

  /** Encoding from a String equals normalising its line ends, then UTF-8, then encoding. */
  @ParameterizedTest
  @MethodSource("texts_withAnyLineEnds")
  void encodingTextEqualsEncodingItsCrlfUtf8Bytes(String text) {
    String crlf = text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    byte[] bytes = crlf.getBytes(StandardCharsets.UTF_8);
    Bytes encoded = new Bytes(16);
    ByteQuotedPrintable.encode(bytes, bytes.length, encoded);
    byte[] expected = encoded.toByteArray();
    Bytes out = new Bytes(4);
    out.write('>');
    QuotedPrintable.encode(text, out);
    byte[] actual = java.util.Arrays.copyOfRange(out.array(), 1, out.size());
    assertArrayEquals(expected, actual, () -> "encoding of: " + text);
    assertEquals('>', out.array()[0], "what was in the buffer stays");
  }

  /** Index of a LF not preceded by CR, or -1. */
  private static int checkBareLf(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n' && (i == 0 || s.charAt(i - 1) != '\r')) {
        return i;
      }
    }
    return -1;
  }
}
