package dev.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DATA content as the pipelined transport writes it (RFC 5321 section 4.5.2), over generated
 * messages: what a server reads back, undoing the transparency dots, is the message with every line
 * end as CRLF; no line the server sees is a lone "." before the end; the end is CRLF "." CRLF.
 */
class DotStuffingTest {
  private static final String[] PIECES = {
    "a", "Hello", ".", "..", ".\r\n", "\r\n", "\n", "\r", "\r\n.\r\n", " ", "=2E", "\u00e9", "x.y"
  };

  static Stream<String> messages() {
    Random random = new Random(5321);
    Stream<String> fixed = Stream.of("", ".", "\r\n", ".\r\n", "a\r\n.\r\nb", "..", "a\n.\nb\r.");
    Stream<String> generated =
        IntStream.range(0, 500)
            .mapToObj(
                i -> {
                  StringBuilder s = new StringBuilder();
                  int n = random.nextInt(60);
                  for (int j = 0; j < n; j++) {
                    s.append(PIECES[random.nextInt(PIECES.length)]);
                  }
                  return s.toString();
                });
    return Stream.concat(fixed, generated);
  }

  @ParameterizedTest
  @MethodSource("messages")
  void theServerReadsBackTheMessageWithCrlfLineEnds(String message) throws Exception {
    byte[] in = message.getBytes(StandardCharsets.UTF_8);
    Bytes out = new Bytes(8);
    DotStuffing.stuff(java.util.List.of(in), out, Integer.MAX_VALUE, full -> {});
    String wire = new String(out.array(), 0, out.size(), StandardCharsets.UTF_8);

    String[] lines = wire.split("\r\n", -1);
    assertEquals("", lines[lines.length - 1], "ends with CRLF");
    assertEquals(".", lines[lines.length - 2], "the last line is the lone dot");
    StringBuilder read = new StringBuilder();
    for (int i = 0; i < lines.length - 2; i++) {
      String line = lines[i];
      assertTrue(line.indexOf('\r') < 0 && line.indexOf('\n') < 0, "no bare CR or LF: " + wire);
      assertTrue(!line.equals("."), "no early end of data in: " + wire);
      read.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
    }
    String expected = message.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    if (!expected.isEmpty() && !expected.endsWith("\r\n")) {
      expected += "\r\n"; // the last line is ended, as DATA requires
    }
    assertEquals(expected, read.toString());
  }

  /**
   * A message in several parts (as one with attachments is) goes out exactly as it would in one,
   * wherever the parts split it: in a line, before a dot, between a CR and its LF.
   */
  @ParameterizedTest
  @MethodSource("messages")
  void splittingTheMessageIntoPartsChangesNothing(String message) throws Exception {
    byte[] in = message.getBytes(StandardCharsets.UTF_8);
    Bytes whole = new Bytes(8);
    DotStuffing.stuff(java.util.List.of(in), whole, Integer.MAX_VALUE, full -> {});
    Random random = new Random(in.length * 31L + message.hashCode());
    java.util.List<byte[]> parts = new java.util.ArrayList<>();
    int at = 0;
    while (at < in.length) {
      int size = random.nextInt(Math.min(8, in.length - at) + 1); // empty parts too
      parts.add(java.util.Arrays.copyOfRange(in, at, at + size));
      at += size;
    }
    // written out in small pieces along the way, as a large message is
    java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
    Bytes split = new Bytes(8);
    DotStuffing.stuff(
        parts,
        split,
        1 + random.nextInt(5),
        full -> {
          written.write(full.array(), 0, full.size());
          full.reset();
        });
    written.write(split.array(), 0, split.size());
    assertEquals(
        new String(whole.toByteArray(), StandardCharsets.UTF_8),
        new String(written.toByteArray(), StandardCharsets.UTF_8),
        () -> parts.size() + " parts of: " + message);
  }
}
