package dev.herald.campaign;

import dev.herald.template.PageTemplate;

/**
 * A previewed message's HTML page as a reviewer opens it in a browser: its HTML part with a header
 * block (From, To, Cc, Subject, Date, attachments) and a link back to the index ({@link
 * PreviewIndex}). The block is a Mustache template that escapes every value: contact data is
 * hostile.
 */
final class PreviewPage {
  private static final PageTemplate HEADER =
      PageTemplate.load("dev/herald/campaign/message-header.mustache");

  private PreviewPage() {}

  /**
   * The message's HTML page with the header block first in its body. Only the page herald made
   * around the HTML part is searched: the body's own markup comes after its first {@code <body}.
   */
  static String withHeader(String html, PreviewEntry entry) {
    String block = HEADER.render(entry);
    int body = html.indexOf("<body");
    int at = body < 0 ? -1 : html.indexOf('>', body);
    if (at < 0) {
      return block + html;
    }
    return html.substring(0, at + 1) + "\n" + block + html.substring(at + 1);
  }
}
