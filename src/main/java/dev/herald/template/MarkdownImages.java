package dev.herald.template;

import dev.herald.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The Markdown images of a template's body, as written: a path relative to the template ({@code
 * ![logo](logo.png)}) is sent inline ({@link InlineImages}); an {@code http:} or {@code https:}
 * address is left as it is, with a warning. An address that a placeholder helps make is treated as
 * remote too, whatever the value: a contact's data must never choose a file that herald reads and
 * attaches, and its value goes into the HTML escaped, with a script address disarmed ({@link
 * SafeHtml}), as any link from data does.
 */
final class MarkdownImages {
  private MarkdownImages() {}

  private static final Parser PARSER =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

  private static final Pattern SCHEME = Pattern.compile("([a-z][a-z0-9+.-]*):.*", Pattern.DOTALL);

  /** Where an image comes from. */
  enum Kind {
    /** A file beside the template, sent as an inline part. */
    LOCAL,
    /** A web address, left as it is. */
    REMOTE,
    /** A {@code cid:}, {@code data:} or script address: another check's business, or none. */
    OTHER,
    /** Refused: a {@code file:} address, a protocol-relative one. */
    REFUSED
  }

  /** One image of the body: its address as written, where it is, and what herald does with it. */
  record Ref(String destination, long line, int column, Kind kind, String why) {}

  /** Every image of the template's body, in order. */
  static List<Ref> find(TemplateFile src) {
    List<Ref> refs = new ArrayList<>();
    Node doc = PARSER.parse(src.body());
    doc.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Image image) {
            List<SourceSpan> spans = image.getSourceSpans();
            long line = src.bodyLine() + (spans.isEmpty() ? 0 : spans.get(0).getLineIndex());
            int column = spans.isEmpty() ? 1 : spans.get(0).getColumnIndex() + 1;
            String d = image.getDestination();
            refs.add(new Ref(d, line, column, kind(d), why(d)));
            visitChildren(image);
          }
        });
    return refs;
  }

  /** The template's refused images, as problems naming file, line and column. */
  static List<Problem> problems(TemplateFile src) {
    List<Problem> problems = new ArrayList<>();
    for (Ref r : find(src)) {
      if (r.kind() == Kind.REFUSED) {
        problems.add(new Problem(src.file(), r.line(), r.column(), r.why()));
      }
    }
    return problems;
  }

  /**
   * The Markdown for the text part: each image sent inline written as {@code [image: alt text]} (or
   * its path when it has none), as mail clients write a picture in plain text, rather than Markdown
   * syntax that points at a file the reader does not have.
   */
  static String plain(String markdown, Map<String, InlineImage> images) {
    List<int[]> spans = new ArrayList<>(); // start and end of each image, in order
    List<String> texts = new ArrayList<>();
    PARSER
        .parse(markdown)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Image image) {
                List<SourceSpan> s = image.getSourceSpans();
                if (!images.containsKey(image.getDestination()) || s.isEmpty()) {
                  return;
                }
                SourceSpan last = s.get(s.size() - 1);
                spans.add(
                    new int[] {s.get(0).getInputIndex(), last.getInputIndex() + last.getLength()});
                StringBuilder alt = new StringBuilder();
                altText(image, alt);
                String a = alt.toString().strip();
                texts.add("[image: " + (a.isEmpty() ? image.getDestination() : a) + "]");
              }
            });
    StringBuilder out = new StringBuilder(markdown.length());
    int at = 0;
    for (int i = 0; i < spans.size(); i++) {
      out.append(markdown, at, spans.get(i)[0]).append(texts.get(i));
      at = spans.get(i)[1];
    }
    return out.append(markdown, at, markdown.length()).toString();
  }

  /** The text of an image's description, as the alt attribute has it. */
  private static void altText(Node node, StringBuilder out) {
    for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Text t) {
        out.append(t.getLiteral());
      } else if (n instanceof Code c) {
        out.append(c.getLiteral());
      } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
        out.append(' ');
      } else {
        altText(n, out);
      }
    }
  }

  static Kind kind(String destination) {
    String d = destination.strip().toLowerCase(Locale.ROOT);
    Matcher m = SCHEME.matcher(d);
    if (m.matches()) {
      return switch (m.group(1)) {
        case "http", "https" -> Kind.REMOTE;
        case "cid", "data", "javascript", "vbscript" -> Kind.OTHER;
        default -> Kind.REFUSED;
      };
    }
    if (d.isEmpty()) {
      return Kind.OTHER; // ![x](): nothing to send and nothing to show
    }
    if (d.contains("{{")) {
      return Kind.REMOTE; // never a file: see the class comment
    }
    if (d.startsWith("//")) {
      return Kind.REFUSED;
    }
    return Kind.LOCAL;
  }

  private static String why(String destination) {
    if (kind(destination) != Kind.REFUSED) {
      return "";
    }
    String d = destination.strip();
    return "the image address '"
        + d
        + "' cannot be shown in a mail client; write the image's path relative to the template"
        + " (it is sent with the message), or a full https: address";
  }
}
