package dev.herald.cli;

import dev.herald.Display;
import dev.herald.campaign.Preview;
import java.io.PrintWriter;

/** What {@code herald preview} prints: the first message as it will arrive, and where all are. */
final class PreviewView {
  private PreviewView() {}

  static void print(PrintWriter out, Preview.Result r) {
    if (r.items().isEmpty()) {
      out.println("No recipients selected: nothing to preview.");
      out.flush();
      return;
    }
    out.println("First message:");
    out.println(Display.visible(r.firstHeaders()));
    out.println(Display.visible(r.firstText()));
    out.println();
    out.printf(
        "Previewed %d %s into %s (open %s). Nothing was sent.%n",
        r.items().size(),
        r.items().size() == 1 ? "message" : "messages",
        Display.path(r.dir()),
        Display.path(r.dir().resolve("index.html")));
    out.flush();
  }
}
