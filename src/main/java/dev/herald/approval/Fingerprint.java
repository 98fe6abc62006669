package dev.herald.approval;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.message.MessageBuilder;
import dev.herald.template.Attachments;
import dev.herald.template.Rendered;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SHA-256 digests an approval compares: of a whole message as it will be sent, with what
 * changes from run to run taken out (the {@code Date} header, and the random multipart boundaries,
 * renamed in order of appearance), of its parts (headers, subject, body, attachments), so that a
 * refusal can say what differs, and of files.
 */
public final class Fingerprint {
  /** herald's boundaries (see MessageBuilder): "=_" never occurs in encoded content. */
  private static final Pattern BOUNDARY = Pattern.compile("=_herald_[0-9a-f]+_[0-9a-f]+");

  private final Map<Path, String> files = new ConcurrentHashMap<>();

  /** What differs between two messages, part by part. */
  public record Parts(String headers, String subject, String body, String attachments) {}

  /**
   * The digest of {@code b} as kept in a file (Bcc included): the same for the same release to the
   * same contact however often and whenever it is built.
   */
  public static String message(MessageBuilder.Built b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
    try {
      b.writeTo(out);
    } catch (IOException e) {
      throw new IllegalStateException("a byte array stream does not fail", e);
    }
    // ISO-8859-1 maps each byte to one char and back: the bytes are hashed as they are
    String text = out.toString(StandardCharsets.ISO_8859_1);
    if (text.startsWith("Date: ")) {
      text = text.substring(text.indexOf("\r\n") + 2);
    }
    Map<String, String> names = new HashMap<>();
    Matcher m = BOUNDARY.matcher(text);
    StringBuilder s = new StringBuilder(text.length());
    while (m.find()) {
      String name = names.computeIfAbsent(m.group(), k -> "=_herald_" + (names.size() + 1));
      m.appendReplacement(s, Matcher.quoteReplacement(name));
    }
    m.appendTail(s);
    return hex(digest().digest(s.toString().getBytes(StandardCharsets.ISO_8859_1)));
  }

  /** The digests of {@code r}'s parts; {@code messageId} is among its headers. */
  public Parts parts(Rendered r, String messageId) {
    String headers =
        String.join(
            "\u0000",
            "from",
            r.from(),
            "reply-to",
            r.replyTo(),
            "to",
            r.contact().name(),
            r.contact().email(),
            "cc",
            r.cc(),
            "bcc",
            r.bcc(),
            "list-unsubscribe",
            String.join(",", r.listUnsubscribe()),
            "message-id",
            messageId);
    StringBuilder attachments = new StringBuilder();
    for (Attachments.Attachment a : r.attachments()) {
      attachments.append(a.name()).append('\u0000').append(file(a.file())).append('\n');
    }
    return new Parts(
        text(headers),
        text(r.subject()),
        text("text\u0000" + r.text() + "\u0000html\u0000" + r.html()),
        text(attachments.toString()));
  }

  /** The digest of a file's bytes, read once per fingerprint. */
  public String file(Path file) {
    return files.computeIfAbsent(file.toAbsolutePath().normalize(), Fingerprint::read);
  }

  private static String read(Path file) {
    MessageDigest d = digest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        d.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw HeraldException.input(Display.path(file) + ": cannot read: " + e.getMessage(), e);
    }
    return hex(d.digest());
  }

  static String text(String text) {
    return hex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      s.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
    }
    return s.toString();
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
