package dev.herald.template;

import dev.herald.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Finds what would run or collect data in a reader's browser or mail client, written into a
 * template by its author: {@code <script>}, frames, plug-in objects, forms and password fields,
 * event-handler attributes, and {@code javascript:}, {@code vbscript:} or {@code data:} links.
 *
 * <p>Mail clients strip most of it, but the preview page a reviewer opens in a browser would run
 * it, and a press release has no use for any of it. Contact data is handled elsewhere (escaped, and
 * unsafe links get {@code unsafe:}); this looks at the template itself, through CommonMark's own
 * parse, so that the same text inside a code span or block (shown, not run) is not flagged.
 */
public final class ActiveContent {
  private static final Parser PARSER =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

  private static final Pattern ACTIVE_TAG =
      Pattern.compile(
          "<\\s*(script|iframe|frame|frameset|object|embed|applet|form|base|meta|link)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern PASSWORD =
      Pattern.compile(
          "<\\s*input\\b[^>]*\\btype\\s*=\\s*[\"']?\\s*password", Pattern.CASE_INSENSITIVE);

  private static final Pattern HANDLER =
      Pattern.compile("<\\s*[a-z][^>]*?[\\s/\"'](on[a-z]+)\\s*=", Pattern.CASE_INSENSITIVE);

  private static final Pattern URL_ATTRIBUTE =
      Pattern.compile(
          "\\b(href|src|action|formaction|background|poster|xlink:href)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)",
          Pattern.CASE_INSENSITIVE);

  private ActiveContent() {}

  /** Every piece of active content in {@code t}'s body, each with file, line and column. */
  public static List<Problem> find(Template t) {
    TemplateFile src = t.source();
    List<Problem> problems = new ArrayList<>();
    Node doc = PARSER.parse(src.body());
    doc.accept(
        new AbstractVisitor() {
          @Override
          public void visit(HtmlBlock block) {
            html(block.getLiteral(), block);
          }

          @Override
          public void visit(HtmlInline inline) {
            html(inline.getLiteral(), inline);
          }

          @Override
          public void visit(Link link) {
            url(link.getDestination(), link, "a link to");
            visitChildren(link);
          }

          @Override
          public void visit(Image image) {
            url(image.getDestination(), image, "an image from");
            visitChildren(image);
          }

          @Override
          public void visit(LinkReferenceDefinition def) {
            url(def.getDestination(), def, "a link to");
          }

          private void html(String literal, Node node) {
            Matcher m = ACTIVE_TAG.matcher(literal);
            while (m.find()) {
              add(
                  node,
                  literal,
                  m.start(),
                  "<" + m.group(1).toLowerCase(Locale.ROOT) + "> " + why(m.group(1)));
            }
            m = PASSWORD.matcher(literal);
            while (m.find()) {
              add(node, literal, m.start(), "a password field asks readers for a password");
            }
            m = HANDLER.matcher(literal);
            while (m.find()) {
              add(
                  node,
                  literal,
                  m.start(1),
                  "the " + m.group(1).toLowerCase(Locale.ROOT) + " attribute runs a script");
            }
            m = URL_ATTRIBUTE.matcher(literal);
            while (m.find()) {
              String value = m.group(2);
              int at = m.start(2);
              if (value.startsWith("\"") || value.startsWith("'")) {
                value = value.substring(1, value.length() - 1);
                at++;
              }
              String scheme = activeScheme(decode(value));
              if (scheme != null) {
                add(node, literal, at, "a " + scheme + " link runs or hides content");
              }
            }
          }

          private void url(String destination, Node node, String what) {
            String scheme = activeScheme(destination);
            if (scheme != null) {
              add(node, "", 0, what + " a " + scheme + " address runs or hides content");
            }
          }

          private void add(Node node, String literal, int offset, String message) {
            List<SourceSpan> spans = node.getSourceSpans();
            long line = src.bodyLine();
            int column = 1;
            if (!spans.isEmpty()) {
              int newlines = 0;
              int lastBreak = -1; // where the last line break before offset is; -1: none
              for (int i = 0; i < offset && i < literal.length(); i++) {
                if (literal.charAt(i) == '\n') {
                  newlines++;
                  lastBreak = i;
                }
              }
              SourceSpan span = spans.get(Math.min(newlines, spans.size() - 1));
              line = src.bodyLine() + span.getLineIndex();
              column = span.getColumnIndex() + 1 + (offset - lastBreak - 1);
            }
            problems.add(
                new Problem(
                    t.file(),
                    line,
                    column,
                    message
                        + "; a press release needs none of it (set html.allow-active = true in"
                        + " herald.properties if it is really meant)"));
          }
        });
    return problems;
  }

  private static String why(String tag) {
    return switch (tag.toLowerCase(Locale.ROOT)) {
      case "script" -> "runs a script";
      case "form" -> "sends what readers type to a web address";
      case "base", "meta", "link" -> "changes where links go or loads from elsewhere";
      default -> "embeds active content from elsewhere";
    };
  }

  /**
   * The scheme if {@code url} is a {@code javascript:}, {@code vbscript:} or {@code data:} address,
   * read as browsers read it (ignoring case, spaces and control characters); else null.
   */
  static String activeScheme(String url) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < url.length() && s.length() < 12; i++) {
      char c = url.charAt(i);
      if (c > ' ') {
        s.append(Character.toLowerCase(c));
      }
    }
    for (String scheme : new String[] {"javascript:", "vbscript:", "data:"}) {
      if (s.toString().startsWith(scheme)) {
        return scheme;
      }
    }
    return null;
  }

  /** Decodes numeric character references ({@code &#106;}, {@code &#x6A;}) and a few names. */
  static String decode(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = Pattern.compile("&#(x[0-9a-fA-F]+|[0-9]+);?|&(colon|tab|newline);").matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String r;
      if (m.group(1) != null) {
        String n = m.group(1);
        int cp;
        try {
          cp =
              n.startsWith("x") || n.startsWith("X")
                  ? Integer.parseInt(n.substring(1), 16)
                  : Integer.parseInt(n);
        } catch (NumberFormatException e) {
          cp = 0xFFFD;
        }
        r = Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "\uFFFD";
      } else {
        r =
            switch (m.group(2)) {
              case "colon" -> ":";
              case "tab" -> "\t";
              default -> "\n";
            };
      }
      m.appendReplacement(out, Matcher.quoteReplacement(r));
    }
    m.appendTail(out);
    return out.toString();
  }
}
