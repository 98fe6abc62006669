package dev.herald.cli;

import dev.herald.Display;
import dev.herald.campaign.Preview;
import dev.herald.campaign.PreviewEntry;
import java.io.PrintWriter;

/**
 * What {@code herald preview} prints: the first message's headers decoded (as a mail client shows
 * them, never RFC 2047 words) and its text part, the contacts left out, and where all are.
 */
final class PreviewView {
  /** How many contacts left out are printed. */
  static final int SHOWN = 20;

  private PreviewView() {}

  static void print(PrintWriter out, Preview.Result r) {
    if (r.messages() == 0) {
      Output.summary(out, true, "No recipients selected: nothing to preview.");
    } else {
      PreviewEntry first = r.first();
      out.println("First message:");
      out.print(r.firstHeaders());
      out.println("Variant: " + Display.oneLine(first.why()));
      for (PreviewEntry.Attached a : first.attachments()) {
        out.println("Attachment: " + Display.oneLine(a.name()) + " (" + a.size() + ")");
      }
      out.println();
      out.println(Display.visible(r.firstText()));
      out.println();
    }
    if (!r.leftOut().isEmpty()) {
      out.printf("Left out (%d):%n", r.leftOut().size() + r.moreLeftOut());
      // the index lists them all; a terminal shows the first few
      for (PreviewEntry.LeftOut l : r.leftOut().subList(0, Math.min(SHOWN, r.leftOut().size()))) {
        out.printf(
            "  %s: %s%s: %s%n",
            l.where(),
            l.kind(),
            l.email().isEmpty() ? "" : " " + Display.oneLine(l.email()),
            Display.oneLine(l.reason()));
      }
      if (r.leftOut().size() + r.moreLeftOut() > SHOWN) {
        out.printf(
            "  … and %d more (see index.html)%n", r.leftOut().size() + r.moreLeftOut() - SHOWN);
      }
    }
    if (!r.complete()) {
      out.println(
          "Only the first "
              + r.messages()
              + " were previewed (--limit): approval.json approves these and no others.");
    }
    if (r.messages() > 0) {
      Output.summary(
          out,
          true,
          String.format(
              "Previewed %d %s into %s (open %s; approval.json is beside it). Nothing was sent.",
              r.messages(),
              r.messages() == 1 ? "message" : "messages",
              Display.path(r.dir()),
              Display.path(r.dir().resolve("index.html"))));
    }
    out.flush();
  }
}
