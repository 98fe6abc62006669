package dev.herald.template;

import dev.herald.contacts.Contact;
import java.util.List;

/**
 * One contact's release, rendered: header values and both body parts as text, ready to be made into
 * a MIME message. Header values are single lines (checked by {@link Renderer}).
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
    String ref) {

  public Rendered {
    listUnsubscribe = List.copyOf(listUnsubscribe);
    attachments = List.copyOf(attachments);
  }
}
