package dev.herald.message;

import dev.herald.HeraldException;
import dev.herald.template.Attachments;
import dev.herald.template.Rendered;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a {@link Rendered} release into a MIME message: multipart/alternative (text/plain and
 * text/html, UTF-8, quoted-printable, CRLF line ends) inside multipart/mixed when there are
 * attachments; RFC 2047 encoded headers; a stable Message-ID; Date from the given clock.
 */
public final class MessageBuilder {
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
          Map.entry("zip", "application/zip"),
          Map.entry("doc", "application/msword"),
          Map.entry(
              "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
          Map.entry("odt", "application/vnd.oasis.opendocument.text"),
          Map.entry(
              "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
          Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

  private final Session session;
  private final Clock clock;
  private final Map<Path, Encoded> encoded = new ConcurrentHashMap<>();
  private final Map<String, InternetAddress> senders = new ConcurrentHashMap<>();

  public MessageBuilder(Session session, Clock clock) {
    this.session = session;
    this.clock = clock;
  }

  /** A message whose Message-ID is fixed: Jakarta Mail would otherwise invent one on save. */
  static final class FixedIdMessage extends MimeMessage {
    private final String id;

    FixedIdMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }

  /** The envelope recipients and the message itself. */
  public record Built(
      MimeMessage message,
      String messageId,
      InternetAddress sender,
      List<InternetAddress> recipients) {}

  public Built build(Rendered r) {
    try {
      InternetAddress from = senders.get(r.from());
      if (from == null) {
        from = InternetAddress.parseHeader(r.from(), true)[0];
        if (senders.size() < 1024) {
          senders.put(r.from(), from);
        }
      }
      String id = MessageIds.of(r.template().campaign(), r.contact().email(), from.getAddress());
      FixedIdMessage m = new FixedIdMessage(session, id);
      m.setFrom(from);
      InternetAddress to = recipient(r);
      m.setRecipient(Message.RecipientType.TO, to);
      List<InternetAddress> envelope = new ArrayList<>();
      envelope.add(to);
      if (!r.cc().isEmpty()) {
        InternetAddress[] cc = InternetAddress.parseHeader(r.cc(), true);
        m.setRecipients(Message.RecipientType.CC, cc);
        envelope.addAll(List.of(cc));
      }
      if (!r.bcc().isEmpty()) {
        InternetAddress[] bcc = InternetAddress.parseHeader(r.bcc(), true);
        m.setRecipients(Message.RecipientType.BCC, bcc);
        envelope.addAll(List.of(bcc));
      }
      if (!r.replyTo().isEmpty()) {
        m.setReplyTo(InternetAddress.parseHeader(r.replyTo(), true));
      }
      if (looksEncoded(r.subject())) {
        m.setHeader("Subject", MimeUtility.fold(9, encodeWords(r.subject())));
      } else {
        m.setSubject(r.subject(), "UTF-8");
      }
      m.setSentDate(Date.from(clock.instant()));
      if (!r.listUnsubscribe().isEmpty()) {
        String value = dev.herald.template.ListUnsubscribe.headerValue(r.listUnsubscribe());
        m.setHeader("List-Unsubscribe", MimeUtility.fold(18, value));
        if (r.listUnsubscribe().stream().anyMatch(u -> u.startsWith("https:"))) {
          // RFC 8058: one-click unsubscribe, which large mailbox providers ask bulk senders for.
          m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
      }
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(textPart(r.text(), "plain"));
      alternative.addBodyPart(textPart(r.html(), "html"));
      if (r.attachments().isEmpty()) {
        m.setContent(alternative);
      } else {
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart alt = new MimeBodyPart();
        alt.setContent(alternative);
        mixed.addBodyPart(alt);
        for (Attachments.Attachment a : r.attachments()) {
          mixed.addBodyPart(attachment(a));
        }
        m.setContent(mixed);
      }
      m.saveChanges();
      return new Built(m, id, from, List.copyOf(envelope));
    } catch (AddressException e) {
      throw HeraldException.input(
          r.contact().where() + ": an address in the message is not valid: " + e.getMessage(), e);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new HeraldException(
          dev.herald.ExitCodes.INTERNAL,
          r.contact().where() + ": cannot build the message: " + e.getMessage(),
          e);
    }
  }

  /** The To address, with the contact's name as display name, quoted and encoded as needed. */
  static InternetAddress recipient(Rendered r) throws UnsupportedEncodingException {
    String name = r.contact().name();
    if (looksEncoded(name)) {
      try {
        return new InternetAddress(encodeWords(name) + " <" + r.contact().email() + ">");
      } catch (AddressException e) {
        throw new IllegalStateException("an encoded display name did not parse", e);
      }
    }
    return name.isEmpty()
        ? new InternetAddress(r.contact().email(), null, "UTF-8")
        : new InternetAddress(r.contact().email(), name, "UTF-8");
  }

  /**
   * Whether text holds something like an RFC 2047 encoded word. Jakarta Mail writes ASCII text
   * unencoded, and every mail reader would then decode "=?UTF-8?Q?x?=" as "x": such text is encoded
   * whole instead, so that it reads as written.
   */
  static boolean looksEncoded(String text) {
    return text.contains("=?");
  }

  /** Text as RFC 2047 "B" encoded words of whole characters, each within 75 characters. */
  static String encodeWords(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int end = i;
      int bytes = 0;
      while (end < text.length()) {
        int cp = text.codePointAt(end);
        int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (bytes + n > 45) {
          break;
        }
        bytes += n;
        end += Character.charCount(cp);
      }
      byte[] chunk = text.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.append(out.length() == 0 ? "" : " ")
          .append("=?UTF-8?B?")
          .append(java.util.Base64.getEncoder().encodeToString(chunk))
          .append("?=");
      i = end;
    }
    return out.toString();
  }

  private static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
    // Quoted-printable keeps every line within RFC 5322's 998 octets whatever the template holds;
    // the part is built from its encoded bytes, which Jakarta Mail then copies as they are.
    InternetHeaders h = new InternetHeaders();
    h.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
    h.setHeader("Content-Transfer-Encoding", "quoted-printable");
    return new MimeBodyPart(h, QuotedPrintable.encode(crlf(text).getBytes(StandardCharsets.UTF_8)));
  }

  /** An attachment's encoded content and header values, made once per run. */
  private record Encoded(byte[] base64, String contentType, String disposition) {}

  private MimeBodyPart attachment(Attachments.Attachment a) throws MessagingException {
    Encoded e = encoded.get(a.file());
    if (e == null) {
      ContentType type = new ContentType(type(a.name()));
      type.setParameter("name", a.name());
      ContentDisposition disposition = new ContentDisposition(MimeBodyPart.ATTACHMENT);
      disposition.setParameter("filename", a.name());
      e =
          new Encoded(
              Base64.getMimeEncoder().encode(read(a.file())),
              MimeUtility.fold(14, type.toString()),
              MimeUtility.fold(21, disposition.toString()));
      encoded.putIfAbsent(a.file(), e);
    }
    // Each message gets its own headers (saving a message may rewrite them); the bytes are shared.
    InternetHeaders h = new InternetHeaders();
    h.setHeader("Content-Type", e.contentType());
    h.setHeader("Content-Transfer-Encoding", "base64");
    h.setHeader("Content-Disposition", e.disposition());
    return new MimeBodyPart(h, e.base64());
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw HeraldException.input("cannot read the attachment " + file + ": " + e.getMessage(), e);
    }
  }

  static String type(String name) {
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  /** Normalises every line end to CRLF, as RFC 5322 requires on the wire. */
  static String crlf(String s) {
    if (s.indexOf('\r') >= 0) {
      s = s.replace("\r\n", "\n").replace('\r', '\n');
    }
    return s.replace("\n", "\r\n");
  }
}
