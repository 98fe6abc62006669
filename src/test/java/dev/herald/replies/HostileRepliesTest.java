package dev.herald.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.Slow;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replies come from anyone: broken MIME, wrong charsets, part bombs and huge bodies must each sort
 * within a couple of seconds and never throw.
 */
@Slow
class HostileRepliesTest {

  private static final Duration BOUND = Duration.ofSeconds(2);

  private final ReplySorter sorter = new ReplySorter(ReplySorter.ReadLimits.DEFAULT);

  private SortedReply sortWithinBound(MimeMessage message) {
    SortedReply reply = assertTimeoutPreemptively(BOUND, () -> sorter.sort(message));
    assertWellFormed(reply);
    return reply;
  }

  private static void assertWellFormed(SortedReply reply) {
    assertNotNull(reply);
    assertTrue(reply.ownWords().length() <= ReplySorter.OWN_WORDS_CHARS);
    assertEquals(reply.ownWords().strip(), reply.ownWords());
    assertTrue(
        reply.kind() == ReplyKind.BOUNCE || reply.bouncedRecipient().isEmpty(), reply::toString);
  }

  private static final String HEADERS =
      """
      From: Anna Nowak <anna.nowak@kurier-podlaski.example>
      To: press@next2met.example
      Subject: Re: Fostering digitalisation in the Podlaskie Region
      Message-ID: <hostile@kurier-podlaski.example>
      MIME-Version: 1.0
      """;

  // ----- malformed MIME -----

  @Test
  void multipartWithoutBoundaryParameterUsesTheFirstDelimiterLine() {
    String raw =
        HEADERS
            + """
            Content-Type: multipart/alternative

            --lost-boundary
            Content-Type: text/plain; charset=UTF-8

            Please unsubscribe me.
            --lost-boundary--
            """;

    SortedReply reply = sortWithinBound(RawMail.parse(raw));

    assertEquals(ReplyKind.UNSUBSCRIBE, reply.kind());
    assertEquals("Please unsubscribe me.", reply.ownWords());
  }

  @Test
  void multipartWithNoBoundaryAnywhereIsOtherWithItsRawText() {
    String raw =
        HEADERS
            + """
            Content-Type: multipart/mixed

            I'd like to interview the coordinator.
            """;

    SortedReply reply = sortWithinBound(RawMail.parse(raw));

    assertEquals(ReplyKind.OTHER, reply.kind());
    assertEquals("I'd like to interview the coordinator.", reply.ownWords());
    assertEquals("anna.nowak@kurier-podlaski.example", reply.from());
  }

  @Test
  void boundaryThatNeverOccursIsOther() {
    String raw =
        HEADERS
            + """
            Content-Type: multipart/mixed; boundary="never-used"

            --other
            Content-Type: text/plain

            Please unsubscribe me.
            """;

    assertEquals(ReplyKind.OTHER, sortWithinBound(RawMail.parse(raw)).kind());
  }

  @Test
  void missingCloseDelimiterEndsTheLastPartAtTheEnd() {
    String raw =
        HEADERS
            + """
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            Chętnie porozmawiam z koordynatorem.
            """;

    SortedReply reply = sortWithinBound(RawMail.parse(raw));

    assertEquals(ReplyKind.INTERVIEW_REQUEST, reply.kind());
  }

  @Test
  void brokenBase64YieldsWhatDecodes() {
    String encoded = Base64.getEncoder().encodeToString("Please unsubscribe me.\n".getBytes());
    String raw =
        HEADERS
            + "Content-Type: text/plain; charset=UTF-8\n"
            + "Content-Transfer-Encoding: base64\n\n"
            + encoded
            + "\n%%%% this is not base64 ***\n=QQ=\n";

    SortedReply reply = sortWithinBound(RawMail.parse(raw));

    assertTrue(reply.ownWords().startsWith("Please unsubscribe me."), reply.ownWords());
  }

  @Test
  void brokenQuotedPrintableKeepsWhatItCannotDecode() {
    String raw =
        HEADERS
            + "Content-Type: text/plain; charset=UTF-8\n"
            + "Content-Transfer-Encoding: quoted-printable\n\n"
            + "Ch=C4=99tnie udziel=C4=99 wywiadu =ZZ i =\n"
            + "dzi=C4=99kuj=C4=99 =\n";

    SortedReply reply = sortWithinBound(RawMail.parse(raw));

    assertEquals("Chętnie udzielę wywiadu =ZZ i dziękuję", reply.ownWords());
    assertEquals(ReplyKind.INTERVIEW_REQUEST, reply.kind());
  }

  @Test
  void missingCharsetWithLatin2BytesFallsBackWithoutThrowing() {
    byte[] head = RawMail.crlf(HEADERS + "Content-Type: text/plain\n\n").getBytes();
    byte[] body =
        "Chętnie udzielę wywiadu, proszę o kontakt.\r\n".getBytes(Charset.forName("ISO-8859-2"));

    SortedReply reply = sortWithinBound(RawMail.parse(concat(head, body)));

    // Read as ISO-8859-1, "ę" comes out as "ê": the words are still there to sort by.
    assertEquals("Chêtnie udzielê wywiadu, proszê o kontakt.", reply.ownWords());
    assertEquals(ReplyKind.INTERVIEW_REQUEST, reply.kind());
  }

  @Test
  void unknownCharsetFallsBackToUtf8() {
    byte[] head =
        RawMail.crlf(HEADERS + "Content-Type: text/plain; charset=x-klingon-1\n\n").getBytes();
    byte[] body = "Je souhaite un entretien, merci.\r\n".getBytes(StandardCharsets.UTF_8);

    SortedReply reply = sortWithinBound(RawMail.parse(concat(head, body)));

    assertEquals("Je souhaite un entretien, merci.", reply.ownWords());
    assertEquals(ReplyKind.INTERVIEW_REQUEST, reply.kind());
  }

  @Test
  void illegalCharsetNameFallsBack() {
    String raw = HEADERS + "Content-Type: text/plain; charset=\"utf 8 ?? \"\n\nBitte abmelden.\n";

    assertEquals(ReplyKind.UNSUBSCRIBE, sortWithinBound(RawMail.parse(raw)).kind());
  }

  @Test
  void garbageHeadersDoNotStopSorting() {
    String raw =
        """
        From: <<<@@@>>> "unterminated
        To: ;;;
        Subject: =?x-unknown?Q?abc?= =?UTF-8?B?!!!?=
        Message-ID: no brackets here
        In-Reply-To: <<<>>>
        References: <a@b> <c@d
        Content-Type: ;;;=;"
        Content-Transfer-Encoding: x-martian
        Auto-Submitted:
        no colon on this line

        Bitte keine weiteren Zusendungen.
        """;

    SortedReply reply = sortWithinBound(RawMail.parse(raw));

    assertEquals(ReplyKind.UNSUBSCRIBE, reply.kind());
    assertEquals("<a@b>", reply.referencedIds().get(0));
  }

  // ----- bombs -----

  @Test
  void fiveThousandNestedMultipartsStopAtTheDepthLimit() {
    int depth = 5000;
    StringBuilder raw = new StringBuilder(HEADERS);
    raw.append("Content-Type: multipart/mixed; boundary=\"b0\"\n\n");
    for (int i = 0; i < depth; i++) {
      raw.append("--b").append(i).append('\n');
      raw.append("Content-Type: multipart/mixed; boundary=\"b").append(i + 1).append("\"\n\n");
    }
    raw.append("--b").append(depth).append("\nContent-Type: text/plain\n\nPlease unsubscribe.\n");
    for (int i = depth; i >= 0; i--) {
      raw.append("--b").append(i).append("--\n");
    }

    SortedReply reply = sortWithinBound(RawMail.parse(raw.toString()));

    assertEquals(ReplyKind.OTHER, reply.kind());
    assertEquals("", reply.ownWords());
  }

  @Test
  void nestedMultipartsSharingOneBoundaryStayBounded() {
    StringBuilder raw = new StringBuilder(HEADERS);
    raw.append("Content-Type: multipart/mixed; boundary=\"b\"\n\n");
    for (int i = 0; i < 5000; i++) {
      raw.append("--b\nContent-Type: multipart/mixed; boundary=\"b\"\n\n");
    }
    raw.append("--b--\n");

    assertEquals(ReplyKind.OTHER, sortWithinBound(RawMail.parse(raw.toString())).kind());
  }

  @Test
  void threeThousandSiblingPartsReadTheFirstText() {
    StringBuilder raw = new StringBuilder(HEADERS);
    raw.append("Content-Type: multipart/mixed; boundary=\"s\"\n\n");
    for (int i = 0; i < 3000; i++) {
      raw.append("--s\nContent-Type: text/plain\n\n")
          .append(i == 0 ? "Könnten wir mit Herrn Nowak sprechen?" : "Part " + i)
          .append('\n');
    }
    raw.append("--s--\n");

    SortedReply reply = sortWithinBound(RawMail.parse(raw.toString()));

    assertEquals(ReplyKind.INTERVIEW_REQUEST, reply.kind());
    assertEquals("Könnten wir mit Herrn Nowak sprechen?", reply.ownWords());
  }

  @Test
  void millionEmptySiblingPartsAreNotAllParsed() {
    StringBuilder raw = new StringBuilder(HEADERS);
    raw.append("Content-Type: multipart/mixed; boundary=\"e\"\n\n");
    raw.append("--e\n".repeat(1_000_000));
    raw.append("--e--\n");

    SortedReply reply = sortWithinBound(RawMail.parse(raw.toString()));

    assertEquals(ReplyKind.OTHER, reply.kind());
  }

  // ----- size -----

  @Test
  void twentyMegabyteBodySortsWithinTheBound() {
    String line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\n";
    String raw =
        HEADERS
            + "Content-Type: text/plain; charset=UTF-8\n\n"
            + "Please remove me from this list.\n\n"
            + line.repeat(20 * 1024 * 1024 / line.length());

    SortedReply reply = sortWithinBound(RawMail.parse(raw));

    assertEquals(ReplyKind.UNSUBSCRIBE, reply.kind());
    assertTrue(reply.ownWords().length() > ReplySorter.OWN_WORDS_CHARS - 80);
  }

  @Test
  void twentyMegabyteBodyIsTruncatedNotLoadedWhole() throws Exception {
    long twentyMegabytes = 20L * 1024 * 1024;
    AtomicLong served = new AtomicLong();
    InputStream body = new GeneratedStream(twentyMegabytes, served);
    MimeMessage message =
        new MimeMessage(Session.getInstance(new Properties())) {
          @Override
          public InputStream getRawInputStream() {
            return body;
          }
        };
    message.setHeader("From", "anna.nowak@kurier-podlaski.example");
    message.setHeader("Content-Type", "text/plain; charset=us-ascii");

    SortedReply reply = sortWithinBound(message);

    assertEquals(ReplySorter.ReadLimits.DEFAULT.maxBytes(), served.get());
    assertEquals(ReplyKind.OTHER, reply.kind());
  }

  @Test
  void smallerByteBudgetTruncatesEarlier() {
    ReplySorter small = new ReplySorter(new ReplySorter.ReadLimits(16, 20));
    String raw = HEADERS + "Content-Type: text/plain\n\nThank you, and please unsubscribe me.\n";

    SortedReply reply = small.sort(RawMail.parse(raw));

    assertEquals("Thank you, and p", reply.ownWords());
    assertEquals(ReplyKind.OTHER, reply.kind());
  }

  // ----- random mutations -----

  private static final String MUTATION_BASE =
      HEADERS
          + """
          In-Reply-To: <herald.podlaskie-digitalisation.abc123@next2met.example>
          References: <herald.podlaskie-digitalisation.abc123@next2met.example>
           <follow-up.7@next2met.example>
          Content-Type: multipart/mixed; boundary="outer"

          --outer
          Content-Type: multipart/alternative; boundary="inner"

          --inner
          Content-Type: text/plain; charset=UTF-8
          Content-Transfer-Encoding: quoted-printable

          Dzie=C5=84 dobry, ch=C4=99tnie przeprowadz=C4=99 wywiad.

          W dniu 21.12.2021 o 10:00, Next2Met Press Office pisze:
          > For further information or to request an interview, please contact:
          --inner
          Content-Type: text/html; charset=UTF-8
          Content-Transfer-Encoding: base64

          PHA+RHppZcWEIGRvYnJ5LCBjaMSZdG5pZSBwcnplcHJvd2FkesSZIHd5d2lhZC48L3A+PGJsb2Nr
          cXVvdGU+dG8gcmVxdWVzdCBhbiBpbnRlcnZpZXc8L2Jsb2NrcXVvdGU+
          --inner--
          --outer
          Content-Type: message/delivery-status

          Final-Recipient: rfc822; anna.nowak@kurier-podlaski.example
          Action: failed
          --outer
          Content-Type: application/pdf; name="release.pdf"
          Content-Disposition: attachment; filename="release.pdf"
          Content-Transfer-Encoding: base64

          JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K
          --outer--
          """;

  @Test
  void mutationBaseIsAnInterviewRequest() {
    SortedReply reply = sortWithinBound(RawMail.parse(MUTATION_BASE));

    assertEquals(ReplyKind.INTERVIEW_REQUEST, reply.kind());
    assertEquals("Dzień dobry, chętnie przeprowadzę wywiad.", reply.ownWords());
  }

  static Stream<Arguments> mutations() {
    byte[] base = RawMail.crlf(MUTATION_BASE).getBytes(StandardCharsets.UTF_8);
    Random random = new Random(20211221L);
    return IntStream.range(0, 500).mapToObj(i -> Arguments.of(i, mutate(base, random)));
  }

  private static byte[] mutate(byte[] base, Random random) {
    byte[] bytes = base;
    int edits = 1 + random.nextInt(6);
    for (int edit = 0; edit < edits; edit++) {
      bytes =
          switch (random.nextInt(6)) {
            case 0 -> flipBytes(bytes, random);
            case 1 -> Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            case 2 -> duplicateLine(bytes, random);
            case 3 -> deleteRange(bytes, random);
            case 4 -> insertRandom(bytes, random);
            default -> duplicateLine(duplicateLine(bytes, random), random);
          };
    }
    return bytes;
  }

  private static byte[] flipBytes(byte[] bytes, Random random) {
    byte[] copy = bytes.clone();
    for (int i = 0; i < 1 + random.nextInt(8) && copy.length > 0; i++) {
      copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
    }
    return copy;
  }

  /** Copies a random line (often a header) and inserts the copy right after it. */
  private static byte[] duplicateLine(byte[] bytes, Random random) {
    if (bytes.length == 0) {
      return bytes;
    }
    int start = random.nextInt(bytes.length);
    while (start > 0 && bytes[start - 1] != '\n') {
      start--;
    }
    int end = start;
    while (end < bytes.length && bytes[end] != '\n') {
      end++;
    }
    end = Math.min(bytes.length, end + 1);
    byte[] line = Arrays.copyOfRange(bytes, start, end);
    return concat(Arrays.copyOf(bytes, end), line, Arrays.copyOfRange(bytes, end, bytes.length));
  }

  private static byte[] deleteRange(byte[] bytes, Random random) {
    if (bytes.length == 0) {
      return bytes;
    }
    int start = random.nextInt(bytes.length);
    int end = Math.min(bytes.length, start + random.nextInt(200));
    return concat(Arrays.copyOf(bytes, start), Arrays.copyOfRange(bytes, end, bytes.length));
  }

  private static byte[] insertRandom(byte[] bytes, Random random) {
    byte[] noise = new byte[1 + random.nextInt(64)];
    random.nextBytes(noise);
    int at = random.nextInt(bytes.length + 1);
    return concat(Arrays.copyOf(bytes, at), noise, Arrays.copyOfRange(bytes, at, bytes.length));
  }

  @ParameterizedTest(name = "mutation {0}")
  @MethodSource("mutations")
  void mutatedReplyNeverThrowsAndReturnsInTime(int index, byte[] raw) {
    sortWithinBound(RawMail.parse(raw));
  }

  // ----- building inputs -----

  private static byte[] concat(byte[]... arrays) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] array : arrays) {
      out.writeBytes(array);
    }
    return out.toByteArray();
  }

  /** A body of {@code size} bytes made up as it is read, counting what was served. */
  private static final class GeneratedStream extends InputStream {
    private static final byte[] LINE = "Thank you for the release, well received.\r\n".getBytes();
    private final long size;
    private final AtomicLong served;

    GeneratedStream(long size, AtomicLong served) {
      this.size = size;
      this.served = served;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      long position = served.get();
      if (position >= size) {
        return -1;
      }
      int count = (int) Math.min(length, size - position);
      for (int i = 0; i < count; i++) {
        buffer[offset + i] = LINE[(int) ((position + i) % LINE.length)];
      }
      served.addAndGet(count);
      return count;
    }
  }
}
