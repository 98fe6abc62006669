package dev.herald.replies;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads MIME parts within a byte budget: never more than {@code maxBytes} of a part's content,
 * through a bounded stream, so a 20 MB body costs at most the budget. Transfer encodings are
 * decoded leniently (broken base64 yields what decodes), charsets fall back instead of failing, and
 * multiparts are split here rather than by Jakarta Mail's {@code MimeMultipart}, which parses every
 * part of a multipart before returning any: a bomb of a million empty parts would cost a million
 * objects. Here splitting stops at the parts wanted.
 */
final class PartReader {

  /** Bytes of a line kept for comparing with a boundary (RFC 2046 boundaries are at most 70). */
  private static final int MAX_BOUNDARY_LINE = 1024;

  /** Bytes of a part's header block read; the rest of an endless header block is content. */
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  /** Bytes of one header line kept (RFC 5322 allows 998; a longer line is cut). */
  private static final int MAX_HEADER_LINE = 8 * 1024;

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private final long maxBytes;

  PartReader(long maxBytes) {
    this.maxBytes = Math.min(maxBytes, Integer.MAX_VALUE - 64);
  }

  /** A Content-Type value, parsed leniently: lower-case type and parameter names. */
  record MediaType(String type, Map<String, String> parameters) {

    private static final int MAX_PARAMETERS = 50;

    /** Plain text in US-ASCII: what RFC 2045 section 5.2 says a missing or invalid type means. */
    static final MediaType DEFAULT = new MediaType("text/plain", Map.of());

    MediaType {
      parameters = Map.copyOf(parameters);
    }

    static MediaType of(String header) {
      if (header == null) {
        return DEFAULT;
      }
      String value = header.replace("\r", "").replace("\n", "");
      int semicolon = value.indexOf(';');
      String type =
          (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
      int slash = type.indexOf('/');
      if (slash <= 0 || slash == type.length() - 1) {
        return DEFAULT;
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      int i = semicolon < 0 ? value.length() : semicolon + 1;
      while (i < value.length() && parameters.size() < MAX_PARAMETERS) {
        int equals = value.indexOf('=', i);
        if (equals < 0) {
          break;
        }
        String name = value.substring(i, equals).strip().toLowerCase(Locale.ROOT);
        StringBuilder parameter = new StringBuilder();
        int j = equals + 1;
        while (j < value.length() && Character.isWhitespace(value.charAt(j))) {
          j++;
        }
        if (j < value.length() && value.charAt(j) == '"') {
          j++;
          while (j < value.length() && value.charAt(j) != '"') {
            char c = value.charAt(j);
            if (c == '\\' && j + 1 < value.length()) {
              c = value.charAt(++j);
            }
            parameter.append(c);
            j++;
          }
          int next = value.indexOf(';', j);
          i = next < 0 ? value.length() : next + 1;
        } else {
          int next = value.indexOf(';', j);
          int end = next < 0 ? value.length() : next;
          parameter.append(value, j, end);
          i = end + 1;
        }
        if (!name.isEmpty()) {
          parameters.putIfAbsent(name, parameter.toString().strip());
        }
      }
      return new MediaType(type, parameters);
    }

    boolean is(String other) {
      return type.equals(other);
    }

    boolean isMultipart() {
      return type.startsWith("multipart/");
    }

    String parameter(String name) {
      return parameters.getOrDefault(name, "");
    }
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
    boolean eightBit = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0xff) {
        return value;
      }
      eightBit |= c >= 0x80;
    }
    if (!eightBit) {
      return value;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException e) {
      return value;
    }
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

  /** The charset a MIME name stands for: Java's own name first, then Jakarta Mail's aliases. */
  private static Charset charset(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    for (String candidate : List.of(name.strip(), MimeUtility.javaCharset(name.strip()))) {
      try {
        return Charset.forName(candidate);
      } catch (IllegalArgumentException e) {
        // illegal or unsupported: try the next name
      }
    }
    return null;
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
   * A missing boundary parameter is taken from the first line that starts with {@code --}; a
   * missing close delimiter ends the last part at the end of the data (RFC 2046 section 5.1.1
   * rules, applied leniently).
   *
   * <p>The parts are not Jakarta Mail body parts: every {@code BodyPart} constructor looks up its
   * stream provider through a ServiceLoader, about a millisecond each, so a thousand parts would
   * take a second. Each part here is its header fields and a range of the shared content.
   *
   * @throws MessagingException if no boundary can be found at all
   */
  List<RawPart> split(RawPart part, int maxParts) throws IOException, MessagingException {
    String boundary = mediaType(part).parameter("boundary");
    InputStream raw = part.content();
    SharedInputStream shared;
    if (raw instanceof SharedInputStream alreadyShared) {
      shared = alreadyShared; // in memory already: scan it in place, without copying
    } else {
      try (raw) {
        shared = new SharedByteArrayInputStream(readAtMost(raw, maxBytes));
      }
    }
    try (InputStream in = (InputStream) shared) {
      List<long[]> ranges = new BoundaryScanner(in, maxBytes, boundary, maxParts).scan();
      List<RawPart> parts = new ArrayList<>(ranges.size());
      for (long[] range : ranges) {
        parts.add(rangePart(shared.newStream(range[0], range[1])));
      }
      return parts;
    }
  }

  /** A part in a range of a shared stream: headers read up to the blank line, content in place. */
  private static RawPart rangePart(InputStream range) throws IOException {
    LineReader lines = new LineReader(range, MAX_HEADER_BYTES, MAX_HEADER_LINE);
    InternetHeaders headers = headers(lines);
    return new RangePart(headers, (SharedInputStream) range, lines.position());
  }

  /** Parses a header block (RFC 5322 section 2.2) in raw bytes, as ISO-8859-1 like Jakarta Mail. */
  static InternetHeaders headers(byte[] bytes) throws IOException {
    return headers(
        new LineReader(new ByteArrayInputStream(bytes), MAX_HEADER_BYTES, MAX_HEADER_LINE));
  }

  private static InternetHeaders headers(LineReader lines) throws IOException {
    InternetHeaders headers = new InternetHeaders();
    StringBuilder field = null;
    while (lines.next() >= 0 && !lines.isEmpty()) {
      String line = lines.text();
      if (field != null && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
        field.append("\r\n").append(line);
        continue;
      }
      if (field != null) {
        headers.addHeaderLine(field.toString());
      }
      field = new StringBuilder(line);
    }
    if (field != null) {
      headers.addHeaderLine(field.toString());
    }
    return headers;
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

  /** A part of a multipart: its parsed header fields and where its content starts. */
  private record RangePart(InternetHeaders headers, SharedInputStream range, long contentStart)
      implements RawPart {
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
      return range.newStream(contentStart, -1);
    }
  }

  /** Reads at most {@code max} bytes, asking the stream for no more than that. */
  static byte[] readAtMost(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max, 64 * 1024));
    byte[] buffer = new byte[64 * 1024];
    long remaining = max;
    while (remaining > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (read < 0) {
        break;
      }
      out.write(buffer, 0, read);
      remaining -= read;
    }
    return out.toByteArray();
  }

  /** Reads lines of bytes, tracking offsets, keeping at most a prefix of each line. */
  private static final class LineReader {
    private final InputStream in;
    private final long limit;
    private final byte[] buffer = new byte[8 * 1024];
    private int bufferLength;
    private int bufferPosition;
    private long position;

    private final byte[] line;
    private int lineLength; // bytes kept, at most line.length
    private boolean lineTooLong;

    LineReader(InputStream in, long limit, int maxLineKept) {
      this.in = in;
      this.limit = limit;
      this.line = new byte[maxLineKept];
    }

    /** Offset just past the last line read (past its line break). */
    long position() {
      return position;
    }

    /**
     * Reads one line, ending at LF (a CR before it is dropped); returns the offset where its
     * content ends, or -1 at the end of the data or of the limit.
     */
    long next() throws IOException {
      lineLength = 0;
      lineTooLong = false;
      if (!fill()) {
        return -1;
      }
      while (fill()) {
        byte b = buffer[bufferPosition++];
        position++;
        if (b == '\n') {
          long end = position - 1;
          if (lineLength > 0 && !lineTooLong && line[lineLength - 1] == '\r') {
            lineLength--;
            end--;
          }
          return end;
        }
        if (lineLength < line.length) {
          line[lineLength++] = b;
        } else {
          lineTooLong = true;
        }
      }
      return position;
    }

    boolean isEmpty() {
      return lineLength == 0 && !lineTooLong;
    }

    boolean tooLong() {
      return lineTooLong;
    }

    /** The kept bytes of the line, without trailing spaces and tabs (RFC 2046 LWSP). */
    int trimmedLength() {
      int length = lineLength;
      while (length > 0 && (line[length - 1] == ' ' || line[length - 1] == '\t')) {
        length--;
      }
      return length;
    }

    byte byteAt(int i) {
      return line[i];
    }

    byte[] bytes(int length) {
      return Arrays.copyOf(line, length);
    }

    String text() {
      return new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
    }

    private boolean fill() throws IOException {
      if (bufferPosition < bufferLength) {
        return true;
      }
      if (position >= limit) {
        return false;
      }
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - position));
      if (read <= 0) {
        return false;
      }
      bufferLength = read;
      bufferPosition = 0;
      return true;
    }
  }

  /** Finds the byte ranges of a multipart's body parts in one pass over its lines. */
  private static final class BoundaryScanner {
    private final LineReader lines;
    private final int maxParts;
    private byte[] delimiter;

    BoundaryScanner(InputStream in, long limit, String boundary, int maxParts) {
      this.lines = new LineReader(in, limit, MAX_BOUNDARY_LINE);
      this.maxParts = maxParts;
      this.delimiter =
          boundary.isEmpty() ? null : ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    List<long[]> scan() throws IOException, MessagingException {
      List<long[]> ranges = new ArrayList<>();
      if (maxParts <= 0) {
        return ranges;
      }
      long partStart = -1;
      long previousContentEnd = -1; // where the part's last line ends, before its line break
      while (ranges.size() < maxParts) {
        long contentEnd = lines.next();
        if (contentEnd < 0) {
          break;
        }
        if (delimiter == null && startsWithDashes()) {
          delimiter = lines.bytes(lines.trimmedLength());
        }
        int kind = delimiterKind();
        if (kind == 0) {
          previousContentEnd = contentEnd;
          continue;
        }
        if (partStart >= 0) {
          // The line break before a delimiter belongs to the delimiter (RFC 2046 section 5.1.1).
          ranges.add(new long[] {partStart, previousContentEnd});
        }
        if (kind == 2) {
          return ranges;
        }
        partStart = lines.position();
        previousContentEnd = partStart;
      }
      if (partStart < 0 && ranges.isEmpty()) {
        throw new MessagingException("multipart without a boundary");
      }
      if (partStart >= 0 && ranges.size() < maxParts) {
        ranges.add(new long[] {partStart, Math.max(partStart, lines.position())});
      }
      return ranges;
    }

    private boolean startsWithDashes() {
      return !lines.tooLong()
          && lines.trimmedLength() > 2
          && lines.byteAt(0) == '-'
          && lines.byteAt(1) == '-';
    }

    /** 0: an ordinary line; 1: a delimiter; 2: the close delimiter. */
    private int delimiterKind() {
      if (delimiter == null || lines.tooLong()) {
        return 0;
      }
      int length = lines.trimmedLength();
      if (length < delimiter.length) {
        return 0;
      }
      for (int i = 0; i < delimiter.length; i++) {
        if (lines.byteAt(i) != delimiter[i]) {
          return 0;
        }
      }
      if (length == delimiter.length) {
        return 1;
      }
      if (length == delimiter.length + 2
          && lines.byteAt(delimiter.length) == '-'
          && lines.byteAt(delimiter.length + 1) == '-') {
        return 2;
      }
      return 0;
    }
  }
}
