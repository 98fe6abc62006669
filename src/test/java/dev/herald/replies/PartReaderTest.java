package dev.herald.replies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartReaderTest {

  private final PartReader reader = new PartReader(ReplySorter.ReadLimits.DEFAULT.maxBytes());

  @Test
  void mediaTypeIsParsedLeniently() {
    MediaType type =
        MediaType.of(
            "Multipart/Report; report-type=delivery-status;\r\n"
                + "\tboundary=\"a \\\"quoted\\\" b;c\"; CHARSET = utf-8 ;flag");

    assertEquals("multipart/report", type.type());
    assertEquals("delivery-status", type.parameter("report-type"));
    assertEquals("a \"quoted\" b;c", type.parameter("boundary"));
    assertEquals("utf-8", type.parameter("charset"));
    assertEquals("", type.parameter("missing"));
    assertTrue(type.isMultipart());
  }

  @Test
  void missingOrInvalidTypeIsPlainText() {
    assertEquals(MediaType.DEFAULT, MediaType.of(null));
    assertEquals("text/plain", MediaType.of("text").type());
    assertEquals("text/plain", MediaType.of("/plain").type());
    assertEquals("text/plain", MediaType.of("text/").type());
    assertEquals(Map.of(), MediaType.of("text/html; =x; ;").parameters());
  }

  @Test
  void charsetsFallBackWithoutThrowing() {
    byte[] utf8 = "Zażółć".getBytes(StandardCharsets.UTF_8);
    byte[] latin2 = "Zażółć".getBytes(Charset.forName("ISO-8859-2"));

    assertEquals("Zażółć", PartReader.decode(latin2, "iso-8859-2"));
    assertEquals("Zażółć", PartReader.decode(utf8, null));
    assertEquals("Zażółć", PartReader.decode(utf8, "x-unknown"));
    assertEquals("Zażółć", PartReader.decode(utf8, "us-ascii"));
    assertEquals("Za¿ó³æ", PartReader.decode(latin2, ""));
    assertEquals("Za¿ó³æ", PartReader.decode(latin2, "bad name with spaces"));
    assertEquals("text", PartReader.decode("\ufefftext".getBytes(StandardCharsets.UTF_8), "utf-8"));
    assertEquals("\ufffd", PartReader.decode(new byte[] {(byte) 0xff}, "utf-8"));
    byte[] windows = {'d', 'o', 'n', (byte) 0x92, 't'};
    assertEquals("don\u2019t", PartReader.decode(windows, "iso-8859-1"));
    assertEquals("don\u2019t", PartReader.decode(windows, null));
  }

  @Test
  void rawUtf8HeaderIsRepairedAndOtherHeadersKept() {
    String raw = new String("Zażółć".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

    assertEquals("Zażółć", PartReader.utf8Header(raw));
    assertEquals("café", PartReader.utf8Header("café"));
    assertEquals("plain", PartReader.utf8Header("plain"));
    assertEquals("Zażółć", PartReader.utf8Header("Zażółć"));
  }

  @Test
  void readsAtMostTheBudget() throws Exception {
    InputStream in = new ByteArrayInputStream(new byte[100_000]);

    assertEquals(70_000, PartReader.readAtMost(in, 70_000).length);
    assertEquals(30_000, PartReader.readAtMost(in, 70_000).length);
    assertEquals(0, PartReader.readAtMost(in, 70_000).length);
  }

  @Test
  void splitsPartsExactlyAtTheirDelimiters() throws Exception {
    String raw =
        """
        Content-Type: multipart/mixed; boundary="=_b"

        preamble, ignored
        --=_b
        Content-Type: text/plain

        first
        line
        --=_b\t\s
        Content-Type: text/plain

        --=_b

        no headers
        --=_b--
        epilogue, ignored
        --=_b
        not a part
        """;

    List<RawPart> parts = reader.split(PartReader.whole(RawMail.parse(raw)), 10);

    assertEquals(3, parts.size());
    assertEquals("first\r\nline", reader.text(parts.get(0)));
    assertEquals("text/plain", parts.get(0).header("Content-Type"));
    assertEquals("", reader.text(parts.get(1)));
    assertEquals("no headers", reader.text(parts.get(2)));
    assertNull(parts.get(2).header("Content-Type"));
  }

  @Test
  void splitStopsAtTheWantedNumberOfParts() throws Exception {
    String raw = "Content-Type: multipart/mixed; boundary=b\n\n" + "--b\n\nx\n".repeat(50);

    assertEquals(7, reader.split(PartReader.whole(RawMail.parse(raw)), 7).size());
    assertEquals(0, reader.split(PartReader.whole(RawMail.parse(raw)), 0).size());
  }

  @Test
  void splitWithoutAnyDelimiterFails() {
    String raw = "Content-Type: multipart/mixed; boundary=b\n\njust text\n";

    assertThrows(
        MessagingException.class, () -> reader.split(PartReader.whole(RawMail.parse(raw)), 10));
  }

  @Test
  void foldedAndRepeatedPartHeadersAreRead() throws Exception {
    byte[] headers =
        RawMail.crlf(
                "Subject: one\n two\nX-Empty:\nSubject: second\nno colon\n\nMessage-ID: <body@x>")
            .getBytes(StandardCharsets.ISO_8859_1);

    var parsed = PartReader.headers(headers);

    assertEquals("one\r\n two", parsed.getHeader("Subject", null).split(",")[0]);
    assertEquals(2, parsed.getHeader("Subject").length);
    assertNull(parsed.getHeader("Message-ID"));
  }

  @Test
  void transferEncodingsAreUndone() throws Exception {
    String raw =
        """
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding:  Quoted-Printable\s

        Ch=C4=99tnie=20=
        udziel=C4=99
        """;

    assertEquals("Chętnie udzielę\r\n", reader.text(PartReader.whole(RawMail.parse(raw))));
  }

  @Test
  void smallerReadsStayWithinTheBudget() throws Exception {
    PartReader small = new PartReader(4);
    RawPart part = PartReader.whole(RawMail.parse("Content-Type: text/plain\n\nabcdefgh"));

    assertArrayEquals("abcd".getBytes(), small.content(part));
    assertArrayEquals("ab".getBytes(), small.content(part, 2));
    assertArrayEquals("abcd".getBytes(), small.content(part, 100));
  }
}
