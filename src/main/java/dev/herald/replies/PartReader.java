package dev.herald.replies;

import dev.herald.util.Latin1;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.CharsetUtil;

/**
 * Reads MIME parts within a byte budget: never more than {@code maxBytes} of a part's content, so a
 * 20 MB body costs at most the budget. Apache mime4j splits multiparts and reads header blocks;
 * transfer encodings are decoded leniently (see {@link TransferDecoding}) and charsets fall back
 * instead of failing.
 *
 * <p>A multipart is split one level at a time, and only up to the parts wanted: Jakarta Mail's
 * {@code MimeMultipart} parses every part before returning any, so a bomb of a million empty parts
 * would cost a million objects, where mime4j's token stream is simply not asked for more.
 */
final class PartReader {

  /**
   * mime4j's limits on a header block, in place of the ones this class kept by hand: a part's
   * header field is at most 64 KB and a block at most 1,000 fields (RFC 5322 asks for lines of 998
   * characters; a hostile one is refused, the part then read as damaged). Content is never limited
   * here, since mime4j fails a long body where the sorter truncates it: the budget is kept by
   * reading at most {@code maxBytes}.
   */
  private static final MimeConfig CONFIG =
      MimeConfig.custom()
          .setStrictParsing(false)
          .setMaxLineLen(-1) // -1: no limit; a long line is cut by the byte budget
          .setMaxHeaderLen(64 * 1024)
          .setMaxHeaderCount(1000)
          .setMaxContentLen(-1) // -1: no limit, see above
          .build();

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private final long maxBytes;

  PartReader(long maxBytes) {
    this.maxBytes = Math.min(maxBytes, Integer.MAX_VALUE - 64);
  }

  static MediaType mediaType(RawPart part) {
    return MediaType.of(part.header("Content-Type"));
  }

  /** The reply itself as a raw part. */
  static RawPart whole(MimeMessage message) {
    return new WholePart(message);
  }

  /** The first value of a header, unfolded, or {@code null}; never throws. */
  static String header(MimePart part, String name) {
    try {
      String value = part.getHeader(name, null);
      return value == null ? null : utf8Header(MimeUtility.unfold(value));
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Reads a header sent as raw UTF-8 (RFC 6532, or a client that skipped RFC 2047) as UTF-8.
   * Jakarta Mail reads header bytes as ISO-8859-1, so such a header arrives as one character a
   * byte; if those bytes are valid UTF-8 they are decoded again, else the value is kept.
   */
  static String utf8Header(String value) {
    return Latin1.asUtf8(value);
  }

  /** Whether the part is sent as an attachment rather than shown as the message. */
  static boolean isAttachment(RawPart part) {
    String disposition = part.header("Content-Disposition");
    return disposition != null
        && disposition.strip().toLowerCase(Locale.ROOT).startsWith("attachment");
  }

  /** The part's content with its transfer encoding undone, at most {@code maxBytes} read. */
  byte[] content(RawPart part) throws IOException, MessagingException {
    return content(part, maxBytes);
  }

  /** As {@link #content(RawPart)}, reading at most {@code max} bytes, within the budget. */
  byte[] content(RawPart part, long max) throws IOException, MessagingException {
    byte[] raw;
    try (InputStream in = part.content()) {
      raw = readAtMost(in, Math.min(max, maxBytes));
    }
    String encoding = part.header("Content-Transfer-Encoding");
    encoding = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
    return switch (encoding) {
      case "base64" -> TransferDecoding.base64(raw);
      case "quoted-printable" -> TransferDecoding.quotedPrintable(raw);
      default -> raw;
    };
  }

  /** The part's content as text in its declared charset, or the fallbacks. */
  String text(RawPart part) throws IOException, MessagingException {
    return decode(content(part), mediaType(part).parameter("charset"));
  }

  /**
   * Decodes text in a declared charset; a missing or unknown charset, or US-ASCII that holds 8-bit
   * bytes, is read as UTF-8 if it is valid UTF-8, else as ISO-8859-1 (which every byte sequence
   * is). Never throws; malformed input in a known charset becomes U+FFFD.
   *
   * <p>ISO-8859-1 is read as windows-1252, as browsers do (WHATWG Encoding Standard): the two
   * differ only in 0x80 to 0x9F, control codes in ISO-8859-1 that no mail means, where Windows
   * clients put the typographic apostrophe of "don’t" and "n’hésitez".
   *
   * <p>mime4j only looks the charset up ({@code CharsetUtil.lookup}, used below); it has no
   * fallback for a missing, unknown or wrong one, so the fallbacks stay here (PartReaderTest).
   */
  static String decode(byte[] bytes, String charsetName) {
    if (Utf7.isUtf7(charsetName)) {
      return stripByteOrderMark(Utf7.decode(bytes));
    }
    Charset charset = charset(charsetName);
    if (charset != null && !(charset.equals(StandardCharsets.US_ASCII) && hasHighBit(bytes))) {
      return stripByteOrderMark(new String(bytes, latin1AsWindows(charset)));
    }
    try {
      return stripByteOrderMark(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return new String(bytes, WINDOWS_1252);
    }
  }

  private static Charset latin1AsWindows(Charset charset) {
    return charset.equals(StandardCharsets.ISO_8859_1) ? WINDOWS_1252 : charset;
  }

  /** The charset a MIME name stands for, or {@code null} if Java knows no such charset. */
  private static Charset charset(String name) {
    return name == null || name.isBlank() ? null : CharsetUtil.lookup(name.strip());
  }

  private static boolean hasHighBit(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  private static String stripByteOrderMark(String text) {
    return text.startsWith("\ufeff") ? text.substring(1) : text;
  }

  /**
   * Splits a multipart into at most {@code maxParts} parts, reading at most {@code maxBytes} of it.
   * mime4j applies RFC 2046 section 5.1.1 leniently: a missing close delimiter ends the last part
   * at the end of the data; the preamble and the epilogue are not parts.
   *
   * <p>A missing boundary parameter is taken from the first line that starts with {@code --}:
   * mime4j reads a multipart without one as plain text, and replies from broken clients would then
   * be read with their MIME structure as their words (HostileRepliesTest shows such a reply).
   *
   * @throws MessagingException if no boundary can be found at all
   */
  List<RawPart> split(RawPart part, int maxParts) throws IOException, MessagingException {
    MediaType type = mediaType(part);
    byte[] raw;
    try (InputStream in = part.content()) {
      raw = readAtMost(in, maxBytes);
    }
    String contentType = part.header("Content-Type");
    if (type.parameter("boundary").isEmpty()) {
      String boundary = firstDelimiter(raw);
      if (boundary == null) {
        throw new MessagingException("multipart without a boundary");
      }
      contentType = type.type() + "; boundary=\"" + boundary.replace("\"", "\\\"") + "\"";
    }
    MimeTokenStream stream = new MimeTokenStream(CONFIG);
    // Raw entities: each part's bytes as sent, headers included, nested multiparts left whole.
    stream.setRecursionMode(RecursionMode.M_RAW);
    stream.parseHeadless(new ByteArrayInputStream(raw), contentType);
    List<RawPart> parts = new ArrayList<>();
    boolean preamble = false;
    try {
      for (EntityState state = stream.getState();
          state != EntityState.T_END_OF_STREAM && parts.size() < maxParts;
          state = stream.next()) {
        if (state == EntityState.T_PREAMBLE) {
          preamble = stream.getInputStream().read() >= 0;
        } else if (state == EntityState.T_RAW_ENTITY) {
          parts.add(parsed(stream.getInputStream().readAllBytes()));
        }
      }
    } catch (MimeException e) {
      throw new MessagingException("the multipart does not parse: " + e.getMessage(), e);
    }
    if (parts.isEmpty() && preamble) {
      // Everything was read as the preamble: the boundary never occurs.
      throw new MessagingException("multipart without a boundary");
    }
    return parts;
  }

  /** The first line that starts with {@code --}, without the dashes and trailing white space. */
  private static String firstDelimiter(byte[] raw) {
    int start = 0;
    while (start < raw.length) {
      int end = start;
      while (end < raw.length && raw[end] != '\n') {
        end++;
      }
      int trimmed = end;
      while (trimmed > start
          && (raw[trimmed - 1] == '\r' || raw[trimmed - 1] == ' ' || raw[trimmed - 1] == '\t')) {
        trimmed--;
      }
      if (trimmed - start > 2 && raw[start] == '-' && raw[start + 1] == '-') {
        return new String(raw, start + 2, trimmed - start - 2, StandardCharsets.ISO_8859_1);
      }
      start = end + 1;
    }
    return null;
  }

  /** A part from its raw bytes: mime4j reads the header block, the rest is its content as sent. */
  private static RawPart parsed(byte[] raw) throws IOException, MimeException {
    MimeTokenStream stream = new MimeTokenStream(CONFIG);
    // Flat: a nested multipart's content stays as it was sent, split when it is visited.
    stream.setRecursionMode(RecursionMode.M_FLAT);
    stream.parse(new ByteArrayInputStream(raw));
    InternetHeaders headers = new InternetHeaders();
    for (EntityState state = stream.getState();
        state != EntityState.T_END_OF_STREAM;
        state = stream.next()) {
      if (state == EntityState.T_FIELD) {
        headers.addHeaderLine(line(stream.getField()));
      } else if (state == EntityState.T_BODY) {
        return new ParsedPart(headers, stream.getInputStream().readAllBytes());
      }
    }
    return new ParsedPart(headers, new byte[0]);
  }

  /** Parses a header block (RFC 5322 section 2.2) in raw bytes, as ISO-8859-1 like Jakarta Mail. */
  static InternetHeaders headers(byte[] bytes) throws IOException {
    MimeTokenStream stream = new MimeTokenStream(CONFIG);
    stream.setRecursionMode(RecursionMode.M_FLAT);
    stream.parse(new ByteArrayInputStream(bytes));
    InternetHeaders headers = new InternetHeaders();
    try {
      for (EntityState state = stream.getState();
          state != EntityState.T_END_OF_STREAM && state != EntityState.T_END_HEADER;
          state = stream.next()) {
        if (state == EntityState.T_FIELD) {
          headers.addHeaderLine(line(stream.getField()));
        }
      }
    } catch (MimeException e) {
      // a block past mime4j's limits: the fields before it are kept
    }
    return headers;
  }

  /** A field as it was sent, folding kept, its bytes read as ISO-8859-1 like Jakarta Mail. */
  private static String line(Field field) {
    ByteSequence raw = field.getRaw();
    return raw == null
        ? field.getName() + ": " + field.getBody()
        : new String(raw.toByteArray(), StandardCharsets.ISO_8859_1);
  }

  /** The reply itself: headers and raw content from the message. */
  private record WholePart(MimeMessage message) implements RawPart {
    @Override
    public String header(String name) {
      return PartReader.header(message, name);
    }

    @Override
    public InputStream content() throws MessagingException {
      return message.getRawInputStream();
    }
  }

  /** A part of a multipart: its parsed header fields and its content as sent. */
  private record ParsedPart(InternetHeaders headers, byte[] body) implements RawPart {
    @Override
    public String header(String name) {
      try {
        String value = headers.getHeader(name, null);
        return value == null ? null : utf8Header(MimeUtility.unfold(value));
      } catch (RuntimeException e) {
        return null;
      }
    }

    @Override
    public InputStream content() {
      return new ByteArrayInputStream(body);
    }
  }

  /**
   * Reads at most {@code max} bytes, asking the stream for no more than that. The buffer grows with
   * what is read: a part of a few bytes costs a few bytes, however large the budget.
   */
  static byte[] readAtMost(InputStream in, long max) throws IOException {
    return in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 64));
  }
}
