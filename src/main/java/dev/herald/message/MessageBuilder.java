package dev.herald.message;

import static dev.herald.message.MimeParts.binaryPart;
import static dev.herald.message.MimeParts.boundary;
import static dev.herald.message.MimeParts.close;
import static dev.herald.message.MimeParts.delimiter;
import static dev.herald.message.MimeParts.header;
import static dev.herald.message.MimeParts.multipartType;
import static dev.herald.message.MimeParts.related;
import static dev.herald.message.MimeParts.textPart;

import dev.herald.ExitCodes;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.identity.EmailAddress;
import dev.herald.identity.MessageIds;
import dev.herald.template.Attachments;
import dev.herald.template.ListUnsubscribe;
import dev.herald.template.Rendered;
import dev.herald.util.Bytes;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a {@link Rendered} release into a MIME message: multipart/alternative (text/plain and
 * text/html, UTF-8, quoted-printable, CRLF line ends; the HTML in multipart/related with its inline
 * images, if it has any) inside multipart/mixed when there are attachments; the template's own X-…
 * and List-Id headers; RFC 2047 encoded headers; a stable Message-ID; Date from the given clock.
 */
public final class MessageBuilder {
  private final Session session;
  private final Clock clock;
  private final FolderKey key;
  private final Map<Path, AttachmentPart> encoded = new ConcurrentHashMap<>();
  private final Map<Path, AttachmentPart> inline = new ConcurrentHashMap<>();

  /**
   * Header values as encoded and folded, and address lists as parsed, by their text: most repeat
   * from message to message (the sender, the subject per outlet), and Jakarta Mail's encoding and
   * folding cost more than the rest of a message's headers together.
   */
  private final Map<String, Object> memo = new ConcurrentHashMap<>();

  private static final int MEMO_LIMIT = 4096;

  private interface Computation<T> {
    T compute() throws AddressException, UnsupportedEncodingException;
  }

  @SuppressWarnings("unchecked")
  private <T> T memo(String kind, String text, Computation<T> c)
      throws AddressException, UnsupportedEncodingException {
    String key = kind + '\u0000' + text;
    T v = (T) memo.get(key);
    if (v == null) {
      v = c.compute();
      if (memo.size() >= MEMO_LIMIT) {
        memo.clear();
      }
      memo.put(key, v);
    }
    return v;
  }

  /** Per thread: the buffer a message is assembled in, and the Date header of the last second. */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static final class Scratch {
    final Bytes out = new Bytes(32 * 1024);
    final MailDateFormat dates = new MailDateFormat();
    long second = Long.MIN_VALUE; // the epoch second that date is for; none yet
    String date;

    String date(Instant now) {
      long s = now.getEpochSecond();
      if (s != second) {
        date = dates.format(Date.from(Instant.ofEpochSecond(s)));
        second = s;
      }
      return date;
    }
  }

  public MessageBuilder(Session session, Clock clock, FolderKey key) {
    this.session = session;
    this.clock = clock;
    this.key = Objects.requireNonNull(key, "key");
  }

  /**
   * A built message: its bytes as they go on the wire (every header but Bcc), where the Bcc header
   * goes in the copy kept as a file, and the envelope. {@link #message()} parses the bytes into a
   * Jakarta Mail message for whoever needs one; sending does not.
   *
   * <p>The bytes are held in parts: an attachment's encoded content is one part, shared by every
   * message that carries it, so that messages waiting to be sent cost their text and not their
   * attachments.
   */
  public static final class Built {
    private final List<byte[]> parts;
    private final int bccAt;
    private final byte[] bcc;
    private final String messageId;
    private final String subject;
    private final InternetAddress sender;
    private final List<InternetAddress> recipients;
    private final Session session;
    private MimeMessage parsed;

    /**
     * @param parts the message's bytes, in order; the first holds every header
     * @param bccAt where in the first part the Bcc header goes in the file form
     */
    public Built(
        List<byte[]> parts,
        int bccAt,
        byte[] bcc,
        String messageId,
        InternetAddress sender,
        List<InternetAddress> recipients,
        Session session) {
      this(parts, bccAt, bcc, messageId, "", sender, recipients, session);
    }

    /**
     * @param subject the subject as rendered, before header encoding: what the journal records
     */
    public Built(
        List<byte[]> parts,
        int bccAt,
        byte[] bcc,
        String messageId,
        String subject,
        InternetAddress sender,
        List<InternetAddress> recipients,
        Session session) {
      this.parts = List.copyOf(parts);
      this.bccAt = bccAt;
      this.bcc = bcc;
      this.messageId = messageId;
      this.subject = subject;
      this.sender = sender;
      this.recipients = List.copyOf(recipients);
      this.session = session;
    }

    /** The message as sent, in parts: CRLF line ends, no Bcc header, not yet dot-stuffed. */
    public List<byte[]> wire() {
      return parts;
    }

    public String messageId() {
      return messageId;
    }

    /** The subject as rendered (not header-encoded); empty if not known. */
    public String subject() {
      return subject;
    }

    /** The envelope sender: the From address. */
    public InternetAddress sender() {
      return sender;
    }

    /** The envelope recipients: To, then Cc, then Bcc. */
    public List<InternetAddress> recipients() {
      return recipients;
    }

    /** Writes the message as kept in a file: with its Bcc header, if it has one. */
    public void writeTo(OutputStream out) throws IOException {
      byte[] head = parts.get(0);
      out.write(head, 0, bccAt);
      out.write(bcc);
      out.write(head, bccAt, head.length - bccAt);
      for (int i = 1; i < parts.size(); i++) {
        out.write(parts.get(i));
      }
    }

    /** The message as Jakarta Mail reads it (Bcc included), parsed once when first asked for. */
    public synchronized MimeMessage message() {
      if (parsed == null) {
        try {
          ByteArrayOutputStream file = new ByteArrayOutputStream();
          writeTo(file);
          parsed = new MimeMessage(session, new ByteArrayInputStream(file.toByteArray()));
        } catch (IOException | MessagingException e) {
          throw new HeraldException(
              ExitCodes.INTERNAL, "cannot read back a built message: " + e, e);
        }
      }
      return parsed;
    }
  }

  public Built build(Rendered r) {
    return build(r, false);
  }

  /** With {@code proof}, the message has a proof's Message-ID ({@link MessageIds#proof}). */
  public Built build(Rendered r, boolean proof) {
    try {
      InternetAddress[] fromList = memo("address", r.from(), () -> addresses(r.from()));
      InternetAddress from = fromList[0];
      String id =
          proof
              ? MessageIds.proof(r.template().campaign(), from.getAddress())
              : MessageIds.of(key, r.template().campaign(), r.contact().email(), from.getAddress());
      InternetAddress to = recipient(r);
      List<InternetAddress> envelope = new ArrayList<>();
      envelope.add(to);
      Scratch scratch = SCRATCH.get();
      Bytes out = scratch.out;
      out.reset();
      List<byte[]> parts = new ArrayList<>(2 + 2 * r.attachments().size());
      // Headers in the order Jakarta Mail writes them; values encoded (RFC 2047) and folded.
      header(out, "Date", scratch.date(clock.instant()));
      header(
          out,
          "From",
          memo("From", r.from(), () -> InternetAddress.toString(new Address[] {fromList[0]}, 6)));
      if (!r.replyTo().isEmpty()) {
        header(
            out,
            "Reply-To",
            memo(
                "Reply-To",
                r.replyTo(),
                () -> InternetAddress.toString(addresses(r.replyTo()), 10)));
      }
      header(out, "To", InternetAddress.toString(new Address[] {to}, 4));
      if (!r.cc().isEmpty()) {
        InternetAddress[] cc = memo("address", r.cc(), () -> addresses(r.cc()));
        header(out, "Cc", memo("Cc", r.cc(), () -> InternetAddress.toString(cc, 4)));
        envelope.addAll(List.of(cc));
      }
      int bccAt = out.size();
      byte[] bcc = new byte[0];
      if (!r.bcc().isEmpty()) {
        InternetAddress[] list = memo("address", r.bcc(), () -> addresses(r.bcc()));
        Bytes line = new Bytes(128);
        header(line, "Bcc", InternetAddress.toString(list, 5));
        bcc = line.toByteArray();
        envelope.addAll(List.of(list));
      }
      header(out, "Message-ID", id);
      header(
          out,
          "Subject",
          memo(
              "Subject",
              r.subject(),
              () ->
                  MimeUtility.fold(
                      9,
                      EncodedWords.looksEncoded(r.subject())
                          ? EncodedWords.encode(r.subject())
                          : MimeUtility.encodeText(r.subject(), "UTF-8", null))));
      if (!r.listUnsubscribe().isEmpty()) {
        String value = ListUnsubscribe.headerValue(r.listUnsubscribe());
        header(
            out,
            "List-Unsubscribe",
            memo("List-Unsubscribe", value, () -> MimeUtility.fold(18, value)));
        if (r.listUnsubscribe().stream().anyMatch(u -> u.startsWith("https:"))) {
          // RFC 8058: one-click unsubscribe, which large mailbox providers ask bulk senders for.
          header(out, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
      }
      for (Rendered.Field f : r.extraHeaders()) {
        header(out, f.name(), memo(f.name(), f.value(), () -> ExtraHeaders.value(f)));
      }
      header(out, "MIME-Version", "1.0");
      String alternative = boundary();
      if (r.attachments().isEmpty()) {
        multipartType(out, "alternative", alternative);
        out.crlf();
        alternative(out, alternative, r, parts);
      } else {
        String mixed = boundary();
        multipartType(out, "mixed", mixed);
        out.crlf();
        delimiter(out, mixed);
        multipartType(out, "alternative", alternative);
        out.crlf();
        alternative(out, alternative, r, parts);
        for (Attachments.Attachment a : r.attachments()) {
          out.crlf();
          delimiter(out, mixed);
          binaryPart(out, parts, encoded(a), null);
        }
        out.crlf();
        close(out, mixed);
      }
      parts.add(out.toByteArray());
      return new Built(parts, bccAt, bcc, id, r.subject(), from, envelope, session);
    } catch (AddressException e) {
      throw HeraldException.input(
          r.contact().where() + ": an address in the message is not valid: " + e.getMessage(), e);
    } catch (UnsupportedEncodingException e) {
      throw new HeraldException(
          ExitCodes.INTERNAL,
          r.contact().where() + ": cannot build the message: " + e.getMessage(),
          e);
    }
  }

  /**
   * multipart/alternative: the text part, then the HTML part, each quoted-printable UTF-8. With
   * inline images the HTML part is the root of a multipart/related (RFC 2387) that holds them, in
   * the alternative beside the text: the images belong to the HTML alone, so a reader shown the
   * text part does not get them as attachments. That is the shape Thunderbird and Apple Mail write,
   * and Gmail, Outlook and the iOS and Android clients show it with the images in place; putting
   * them in the outer multipart/mixed instead makes several clients list them as attachments too.
   * Each image's content is a part of its own in {@code parts}, shared as attachments are.
   */
  private void alternative(Bytes out, String boundary, Rendered r, List<byte[]> parts) {
    delimiter(out, boundary);
    textPart(out, r.text(), "plain");
    out.crlf();
    delimiter(out, boundary);
    if (r.images().isEmpty()) {
      textPart(out, r.html(), "html");
    } else {
      related(out, r, parts, inline);
    }
    out.crlf();
    close(out, boundary);
  }

  /** The To address, with the contact's name as display name, quoted and encoded as needed. */
  static InternetAddress recipient(Rendered r) throws UnsupportedEncodingException {
    String name = r.contact().name();
    String email = EmailAddress.ascii(r.contact().email());
    if (EncodedWords.looksEncoded(name)) {
      try {
        return new InternetAddress(EncodedWords.encode(name) + " <" + email + ">");
      } catch (AddressException e) {
        throw new IllegalStateException("an encoded display name did not parse", e);
      }
    }
    return name.isEmpty()
        ? new InternetAddress(email, null, "UTF-8")
        : new InternetAddress(email, name, "UTF-8");
  }

  /** Addresses from a header of the template, internationalised domains in punycode. */
  private static InternetAddress[] addresses(String header) throws AddressException {
    InternetAddress[] list = InternetAddress.parseHeader(header, true);
    for (InternetAddress a : list) {
      a.setAddress(EmailAddress.ascii(a.getAddress()));
    }
    return list;
  }

  /** An attachment's part, encoded once per file and run. */
  private AttachmentPart encoded(Attachments.Attachment a) {
    AttachmentPart e = encoded.get(a.file());
    if (e == null) {
      e = AttachmentPart.of(a);
      encoded.putIfAbsent(a.file(), e);
    }
    return e;
  }
}
