package dev.herald.template;

import dev.herald.contacts.Contact;
import java.util.List;

/**
 * One contact's release, rendered: header values and both body parts as text, with the template's
 * own headers and the inline images the HTML part shows, ready to be made into a MIME message.
 * Header values are single lines (checked by {@link Renderer}).
 */
public record Rendered(
    Contact contact,
    Template template,
    String subject,
    String from,
    String replyTo,
    String cc,
    String bcc,
    List<String> listUnsubscribe,
    List<Attachments.Attachment> attachments,
    String text,
    String html,
    String ref,
    List<Field> extraHeaders,
    List<InlineImage> images) {

  /**
   * A header the template adds ({@link CustomHeaders}): its name as written and its value as
   * rendered, a single line.
   */
  public record Field(String name, String value) {}

  public Rendered {
    listUnsubscribe = List.copyOf(listUnsubscribe);
    attachments = List.copyOf(attachments);
    extraHeaders = List.copyOf(extraHeaders);
    images = List.copyOf(images);
  }

  /**
   * The HTML part as a browser shows it from a file, where {@code cid:} addresses mean nothing: the
   * inline images written into the page as {@code data:} addresses.
   */
  public String browserHtml() {
    return InlineImages.forBrowser(html, images);
  }
}
