package dev.herald.campaign;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.template.PageTemplate;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The preview's {@code index.html}, written as the messages are: each row goes to {@link #PART}
 * when its message is written, so a preview of a long list holds no row in memory. The head, which
 * counts the messages, is only known at the end; {@link #finish} then writes the index as head,
 * rows and tail, and removes the part.
 */
final class PreviewIndex implements AutoCloseable {
  /** The rows written so far, beside the index until it is finished. */
  static final String PART = "index.html.part";

  private static final PageTemplate HEAD =
      PageTemplate.load("dev/herald/campaign/index-head.mustache");
  private static final PageTemplate ROW =
      PageTemplate.load("dev/herald/campaign/index-row.mustache");
  private static final PageTemplate TAIL =
      PageTemplate.load("dev/herald/campaign/index-tail.mustache");

  private final Path dir;
  private final Path part;
  private final Writer rows;

  PreviewIndex(Path dir) {
    this.dir = dir;
    this.part = dir.resolve(PART);
    try {
      rows = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw cannotWrite(part, e);
    }
  }

  /** The row of one previewed message. */
  void add(PreviewEntry entry) {
    try {
      rows.write(ROW.render(entry));
    } catch (IOException e) {
      throw cannotWrite(part, e);
    }
  }

  /** Writes {@code index.html} around the rows added. */
  void finish(LoadedCampaign v, Preview.Result r) {
    Path index = dir.resolve("index.html");
    try {
      rows.close();
      Map<String, Object> page = page(v, r);
      try (BufferedWriter out = Files.newBufferedWriter(index, StandardCharsets.UTF_8)) {
        out.write(HEAD.render(page));
        try (var in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
          in.transferTo(out);
        }
        out.write(TAIL.render(page));
      }
      Files.delete(part);
    } catch (IOException e) {
      throw cannotWrite(index, e);
    }
  }

  /** Closes the rows; a preview that stopped early leaves no part behind. */
  @Override
  public void close() {
    try {
      rows.close();
      Files.deleteIfExists(part);
    } catch (IOException e) {
      // the part is only ours; the next preview of this folder removes it
    }
  }

  private static Map<String, Object> page(LoadedCampaign v, Preview.Result r) {
    Map<String, Object> page = new HashMap<>();
    page.put("policy", Preview.POLICY);
    page.put("campaign", v.templates().campaign());
    int n = r.messages();
    page.put("messages", n + (n == 1 ? " message" : " messages"));
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
    return page;
  }

  private static HeraldException cannotWrite(Path file, IOException e) {
    return HeraldException.input(Display.path(file) + ": cannot write: " + e.getMessage());
  }
}
