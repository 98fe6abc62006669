package dev.herald.message;

import dev.herald.template.InlineImage;
import dev.herald.template.Rendered;
import dev.herald.util.Bytes;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The pieces of MIME that {@link MessageBuilder} writes by hand: headers, boundaries, parts. */
final class MimeParts {
  private MimeParts() {}

  private static final AtomicLong BOUNDARIES = new AtomicLong();

  static void header(Bytes out, String name, String value) {
    out.ascii(name);
    out.put((byte) ':');
    out.put((byte) ' ');
    out.ascii(value);
    out.crlf();
  }

  /**
   * A boundary no part can contain: "=_" never occurs in quoted-printable or base64 content, and
   * the rest makes it unique among the parts of one message.
   */
  static String boundary() {
    return "=_herald_"
        + Long.toHexString(BOUNDARIES.incrementAndGet())
        + "_"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
  }

  static void multipartType(Bytes out, String subtype, String boundary) {
    header(out, "Content-Type", "multipart/" + subtype + ";\r\n\tboundary=\"" + boundary + "\"");
  }

  static void delimiter(Bytes out, String boundary) {
    out.put((byte) '-');
    out.put((byte) '-');
    out.ascii(boundary);
    out.crlf();
  }

  static void close(Bytes out, String boundary) {
    out.put((byte) '-');
    out.put((byte) '-');
    out.ascii(boundary);
    out.put((byte) '-');
    out.put((byte) '-');
    out.crlf();
  }

  static void textPart(Bytes out, String text, String subtype) {
    // Quoted-printable keeps every line within RFC 5322's 998 octets whatever the template holds.
    header(out, "Content-Type", "text/" + subtype + "; charset=UTF-8");
    header(out, "Content-Transfer-Encoding", "quoted-printable");
    out.crlf();
    QuotedPrintable.encode(text, out);
  }

  /**
   * multipart/related (RFC 2387): the HTML part first, as its root, then each inline image once,
   * with the Content-ID its {@code cid:} address names. An image's encoded content is a part of its
   * own in {@code parts}, shared by every message that shows it ({@code cache}, by file).
   */
  static void related(Bytes out, Rendered r, List<byte[]> parts, Map<Path, AttachmentPart> cache) {
    String related = boundary();
    header(
        out,
        "Content-Type",
        "multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"" + related + "\"");
    out.crlf();
    delimiter(out, related);
    textPart(out, r.html(), "html");
    Set<String> written = new HashSet<>(); // the same image used twice is one part
    for (InlineImage image : r.images()) {
      if (written.add(image.contentId())) {
        out.crlf();
        delimiter(out, related);
        AttachmentPart e =
            cache.computeIfAbsent(image.file().file(), f -> AttachmentPart.of(image));
        binaryPart(out, parts, e, image.contentId());
      }
    }
    out.crlf();
    close(out, related);
  }

  /**
   * A base64 part's headers, then its content as a part of its own: shared, not copied, by every
   * message that carries the file. {@code contentId} is null for an attachment.
   */
  static void binaryPart(Bytes out, List<byte[]> parts, AttachmentPart e, String contentId) {
    header(out, "Content-Type", e.contentType());
    header(out, "Content-Transfer-Encoding", "base64");
    if (contentId != null) {
      header(out, "Content-ID", "<" + contentId + ">");
    }
    header(out, "Content-Disposition", e.disposition());
    out.crlf();
    parts.add(out.toByteArray());
    parts.add(e.base64());
    out.reset();
  }
}
