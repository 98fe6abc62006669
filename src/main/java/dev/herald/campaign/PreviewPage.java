package dev.herald.campaign;

import dev.herald.template.PageTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages a reviewer opens in a browser: the index of every previewed message and the contacts
 * left out, and each message's HTML part with a header block (From, To, Cc, Subject, Date,
 * attachments) and a link back to the index. Both are Mustache templates that escape every value:
 * contact data is hostile.
 */
final class PreviewPage {
  private static final PageTemplate INDEX = PageTemplate.load("dev/herald/campaign/index.mustache");
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

  static void writeIndex(java.nio.file.Path dir, LoadedCampaign v, Preview.Result r) {
    Map<String, Object> page = new HashMap<>();
    page.put("policy", Preview.POLICY);
    page.put("campaign", v.templates().campaign());
    int n = r.items().size();
    page.put("messages", n + (n == 1 ? " message" : " messages"));
    page.put("rows", r.items());
    page.put("partial", !r.complete());
    List<PreviewEntry.LeftOut> left = r.leftOut();
    page.put("leftOut", left);
    page.put("anyLeftOut", !left.isEmpty());
    int count = left.size() + r.moreLeftOut();
    page.put("leftOutCount", count == 1 ? "1 contact" : count + " contacts");
    page.put("moreLeftOut", r.moreLeftOut() == 0 ? null : "… and " + r.moreLeftOut() + " more.");
    page.put(
        "filtered",
        r.filtered() == 0
            ? null
            : r.filtered()
                + (r.filtered() == 1 ? " row was" : " rows were")
                + " left out by --only/--where.");
    page.put("fellBack", r.items().stream().filter(PreviewEntry::fellBack).count());
    Preview.write(dir.resolve("index.html"), INDEX.render(page));
  }
}
