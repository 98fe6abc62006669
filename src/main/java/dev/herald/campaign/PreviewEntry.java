package dev.herald.campaign;

import dev.herald.Display;
import dev.herald.message.MessageBuilder;
import dev.herald.template.Attachments;
import dev.herald.template.Rendered;
import dev.herald.template.TemplateSet;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One previewed message as a reviewer reads it at a glance: recipient, variant and why, the first
 * line of the body, the subject as it shows in a mail client, and the attachments.
 */
public record PreviewEntry(
    int number,
    String email,
    String name,
    String outlet,
    String variant,
    String why,
    boolean fellBack,
    String firstLine,
    String subject,
    String from,
    String cc,
    String date,
    List<Attached> attachments,
    String file) {

  public PreviewEntry {
    attachments = List.copyOf(attachments);
  }

  /** An attachment's file name and size, as a reviewer reads them. */
  public record Attached(String name, String size) {}

  /** A row left out of the preview: what kind, the address, where it is, and why. */
  public record LeftOut(String kind, String email, String where, String reason) {}

  /** Whether the recipient has a name to show before the address. */
  public boolean named() {
    return !name.isEmpty();
  }

  /** Whether the message has attachments. */
  public boolean attached() {
    return !attachments.isEmpty();
  }

  /** The entry for {@code r}, built as {@code b}, written as {@code file}.eml/.html. */
  static PreviewEntry of(
      int number,
      Rendered r,
      MessageBuilder.Built b,
      TemplateSet templates,
      Path workdir,
      String file) {
    String language = r.contact().value("language").strip();
    TemplateSet.Choice choice = templates.choose(language);
    String used = r.template().language();
    String variant;
    String why;
    if (!used.isEmpty()) {
      variant = used;
      why = (language.equals(used) ? used : language + " → " + used) + ": " + path(r, workdir);
    } else if (language.isEmpty()) {
      variant = "default (en)";
      why = "no language given: " + path(r, workdir);
    } else if (!choice.fellBack()) {
      variant = "default (en)";
      why = language + " → default (en): the default release is English";
    } else if (choice.tag().isEmpty()) {
      variant = "default (en)";
      why = language + " → default (en): not a language tag herald knows";
    } else {
      variant = "default (en)";
      why = language + " → default (en): no ." + choice.tag() + " variant";
    }
    List<Attached> attached = new ArrayList<>();
    for (Attachments.Attachment a : r.attachments()) {
      attached.add(new Attached(a.name(), Display.bytes(a.size())));
    }
    return new PreviewEntry(
        number,
        r.contact().email(),
        r.contact().name(),
        r.contact().value("outlet"),
        variant,
        why,
        choice.fellBack(),
        firstLine(r.text()),
        decoded(r.subject()),
        decoded(r.from()),
        decoded(r.cc()),
        date(b),
        attached,
        file);
  }

  private static String path(Rendered r, Path workdir) {
    Path f = r.template().file().toAbsolutePath().normalize();
    Path base = workdir.toAbsolutePath().normalize();
    return (f.startsWith(base) ? base.relativize(f) : f).toString().replace('\\', '/');
  }

  /** The first line of the body with text in it: the salutation, or what stands in its place. */
  static String firstLine(String text) {
    for (String line : text.split("\r\n|\r|\n")) {
      if (!line.isBlank()) {
        String l = line.strip();
        return l.length() <= 160 ? l : l.substring(0, 160) + "…";
      }
    }
    return "";
  }

  /** A header value as a mail client shows it: any RFC 2047 encoded words decoded. */
  static String decoded(String value) {
    try {
      return MimeUtility.decodeText(MimeUtility.unfold(value));
    } catch (UnsupportedEncodingException e) {
      return value;
    }
  }

  /** The message's Date header: the first line herald writes. */
  private static String date(MessageBuilder.Built b) {
    String head = new String(b.wire().get(0), StandardCharsets.ISO_8859_1);
    int end = head.indexOf("\r\n");
    return head.startsWith("Date: ") && end > 0 ? head.substring(6, end) : "";
  }

  /** The first message's headers, decoded, one per line: what a mail client shows. */
  static String headers(MessageBuilder.Built b) {
    StringBuilder s = new StringBuilder();
    try {
      for (String name :
          List.of(
              "Date",
              "From",
              "Reply-To",
              "To",
              "Cc",
              "Bcc",
              "Subject",
              "Message-ID",
              "List-Unsubscribe",
              "List-Unsubscribe-Post")) {
        String v = b.message().getHeader(name, ", ");
        if (v != null) {
          s.append(name).append(": ").append(Display.oneLine(decoded(v))).append('\n');
        }
      }
    } catch (MessagingException e) {
      s.append("(headers unavailable: ").append(Display.oneLine(e.getMessage())).append(")\n");
    }
    return s.toString();
  }
}
