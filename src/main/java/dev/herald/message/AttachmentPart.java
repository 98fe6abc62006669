package dev.herald.message;

import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.template.Attachments;
import dev.herald.template.InlineImage;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An attachment as it goes into a message: its content in base64 and its Content-Type and
 * Content-Disposition values, the file's name in a form every mail client reads. Made once per file
 * and run, and shared by every message that carries it.
 */
record AttachmentPart(byte[] base64, String contentType, String disposition) {
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("pdf", "application/pdf"),
          Map.entry("txt", "text/plain; charset=UTF-8"),
          Map.entry("md", "text/markdown; charset=UTF-8"),
          Map.entry("csv", "text/csv; charset=UTF-8"),
          Map.entry("html", "text/html; charset=UTF-8"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("png", "image/png"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("zip", "application/zip"),
          Map.entry("doc", "application/msword"),
          Map.entry(
              "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
          Map.entry("odt", "application/vnd.oasis.opendocument.text"),
          Map.entry(
              "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
          Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

  /** RFC 2231 attribute-char: a token character other than '*', '\'' and '%'. */
  private static final String ATTRIBUTE_CHAR =
      "!#$&+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~";

  /** Reads and encodes the attachment's file. */
  static AttachmentPart of(Attachments.Attachment a) {
    return of(a, type(a.name()), Part.ATTACHMENT);
  }

  /** Reads and encodes an inline image's file: disposition inline, its type as checked. */
  static AttachmentPart of(InlineImage image) {
    return of(image.file(), image.type(), Part.INLINE);
  }

  private static AttachmentPart of(Attachments.Attachment a, String mimeType, String how) {
    try {
      String contentType;
      String disposition;
      if (isAscii(a.name())) {
        ContentType type = new ContentType(mimeType);
        type.setParameter("name", a.name());
        ContentDisposition d = new ContentDisposition(how);
        d.setParameter("filename", a.name());
        contentType = MimeUtility.fold(14, type.toString());
        disposition = MimeUtility.fold(21, d.toString());
      } else {
        contentType = mimeType + ";\r\n\tname=\"" + encodedWords(a.name()) + "\"";
        disposition = how + ";" + rfc2231("filename", a.name());
      }
      return new AttachmentPart(
          Base64.getMimeEncoder().encode(read(a.file())), contentType, disposition);
    } catch (ParseException ex) {
      throw new HeraldException(
          ExitCodes.INTERNAL,
          "cannot describe the attachment " + a.name() + ": " + ex.getMessage(),
          ex);
    }
  }

  /**
   * A non-ASCII file name as RFC 2231 parameter continuations ({@code filename*0*=UTF-8''...;
   * filename*1*=...}), percent-encoded UTF-8, one short folded line each: every byte 7-bit, so it
   * passes a server without 8BITMIME or SMTPUTF8, and every mail client since the 2000s reads it.
   */
  static String rfc2231(String parameter, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder encoded = new StringBuilder();
    List<String> chunks = new ArrayList<>();
    for (byte b : utf8) {
      int c = b & 0xff;
      String piece =
          c > 0x20 && c < 0x7f && ATTRIBUTE_CHAR.indexOf(c) >= 0
              ? String.valueOf((char) c)
              : String.format(Locale.ROOT, "%%%02X", c);
      if (encoded.length() + piece.length() > 56) { // never splits a %XX triple
        chunks.add(encoded.toString());
        encoded.setLength(0);
      }
      encoded.append(piece);
    }
    chunks.add(encoded.toString());
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < chunks.size(); i++) {
      out.append(i == 0 ? "\r\n\t" : ";\r\n\t")
          .append(parameter)
          .append('*')
          .append(i)
          .append("*=")
          .append(i == 0 ? "UTF-8''" : "")
          .append(chunks.get(i));
    }
    return out.toString();
  }

  /**
   * The name as RFC 2047 encoded words, for the {@code name} parameter that older clients (some
   * Outlook versions) read instead of RFC 2231's {@code filename*}: not standard inside a
   * parameter, but what mail clients write and expect. Base64 words never hold a quote or a
   * backslash, so they sit safely in the quoted string. Folded between words.
   */
  private static String encodedWords(String name) {
    try {
      return MimeUtility.encodeText(name, "UTF-8", "B").replace("\r\n ", "\r\n\t");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw HeraldException.input("cannot read the attachment " + file + ": " + e.getMessage(), e);
    }
  }

  /** The MIME type of a file, by its extension. */
  static String type(String name) {
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }
}
