package dev.herald.replies;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Finds the words a reply's sender wrote: drops the quoted original and the signature, and turns an
 * HTML body into text first. The quoted original is herald's own release, which ends "to request an
 * interview, please contact…" and may carry unsubscribe instructions: it must never sort the reply.
 */
final class OwnWords {

  /** Lines looked at; own words worth reading are far above this on any real reply. */
  private static final int MAX_LINES = 100_000;

  /** A reply header ("On … wrote:") is one short line, or two when the client wrapped it. */
  private static final int MAX_HEADER_LINE = 300;

  /** Lines after an Outlook "From:" line within which "Sent:" or "Subject:" must follow. */
  private static final int OUTLOOK_HEADER_SPAN = 4;

  /**
   * Reply headers in the languages of our contacts, folded: English "On … wrote:", Polish "W dniu …
   * pisze:" and "… napisał(a):", French "Le … a écrit :", German "Am … schrieb …:", Italian "Il …
   * ha scritto:", Spanish "El … escribió:", Dutch "Op … schreef …:".
   */
  private static final Pattern REPLY_HEADER =
      Pattern.compile(
          "^(?:on\\b.*\\bwrote"
              + "|le\\b.*\\ba ecrit"
              + "|am\\b.*\\bschrieb\\b.*"
              + "|il\\b.*\\bha scritto"
              + "|el\\b.*\\bescribio"
              + "|op\\b.*\\bschreef\\b.*"
              + "|w dniu\\b.*\\bpisze"
              + "|.*\\bnapisal(?:a|\\(a\\))?"
              + ")\\s*:$");

  /** "-----Original Message-----" and its translations, and forwarded-message separators. */
  private static final Pattern ORIGINAL_MESSAGE =
      Pattern.compile(
          "^-{2,}\\s*(?:original message|ursprungliche nachricht|message d'origine"
              + "|wiadomosc oryginalna|oryginalna wiadomosc|messaggio originale|mensaje original"
              + "|oorspronkelijk bericht|forwarded message|weitergeleitete nachricht"
              + "|message transfere|wiadomosc przekazana|messaggio inoltrato|mensaje reenviado"
              + "|doorgestuurd bericht)\\s*-{2,}$");

  /** The "From:" line that opens an Outlook quote, in Outlook's languages (bold or not). */
  private static final Pattern OUTLOOK_FROM =
      Pattern.compile(
          "^\\*?(?:from|von|de|od|da|van|expediteur|nadawca|remitente|mittente|afzender)"
              + "\\s*:");

  /** The "Sent:", "Date:" or "Subject:" line that follows it. */
  private static final Pattern OUTLOOK_FOLLOW =
      Pattern.compile(
          "^\\*?(?:sent|date|subject|gesendet|datum|betreff|envoye|objet|wyslano|data|temat"
              + "|inviato|oggetto|enviado(?: el)?|fecha|asunto|verzonden|verstuurd|onderwerp)"
              + "\\s*:");

  private OwnWords() {}

  /**
   * The own words of a plain-text reply: lines quoted with {@code >} dropped; everything from a
   * reply header, an "Original Message" separator or an Outlook "From:/Sent:" block onward dropped;
   * the signature after a {@code -- } line dropped. A reply header with nothing written above it
   * opens a bottom-posted reply: its quoted lines are dropped and the text after them kept. The
   * result is cut at about {@code maxChars}.
   */
  static String strip(String text, int maxChars) {
    List<String> lines = lines(text);
    StringBuilder own = new StringBuilder();
    boolean wroteSomething = false;
    for (int i = 0; i < lines.size() && own.length() < maxChars; i++) {
      String line = lines.get(i).replace('\u00a0', ' ');
      String trimmed = line.strip();
      if (trimmed.startsWith(">")) {
        continue;
      }
      if (trimmed.equals("--")) {
        break; // RFC 3676 section 4.3 signature separator "-- "; clients often lose the space
      }
      int headerLines = replyHeaderLines(lines, i);
      if (headerLines > 0) {
        if (!wroteSomething && quotedNext(lines, i + headerLines)) {
          i += headerLines - 1;
          continue;
        }
        break;
      }
      if (trimmed.length() <= MAX_HEADER_LINE) {
        String folded = ReplyWords.fold(trimmed);
        if (ORIGINAL_MESSAGE.matcher(folded).matches() || opensOutlookQuote(lines, i, folded)) {
          break;
        }
      }
      own.append(line).append('\n');
      wroteSomething |= !trimmed.isEmpty();
    }
    return tidy(own.length() > maxChars ? own.substring(0, maxChars) : own.toString());
  }

  /** How many lines the reply header starting at line {@code i} takes: 1 or 2; 0 if none does. */
  private static int replyHeaderLines(List<String> lines, int i) {
    String first = lines.get(i).strip();
    if (first.isEmpty() || first.length() > MAX_HEADER_LINE) {
      return 0;
    }
    String folded = ReplyWords.fold(first);
    if (REPLY_HEADER.matcher(folded).matches()) {
      return 1;
    }
    if (i + 1 < lines.size()) {
      String second = lines.get(i + 1).strip();
      if (second.endsWith(":") && second.length() <= MAX_HEADER_LINE) {
        String joined = folded + " " + ReplyWords.fold(second);
        if (REPLY_HEADER.matcher(joined).matches()) {
          return 2;
        }
      }
    }
    return 0;
  }

  private static boolean quotedNext(List<String> lines, int from) {
    for (int i = from; i < lines.size(); i++) {
      String trimmed = lines.get(i).strip();
      if (!trimmed.isEmpty()) {
        return trimmed.startsWith(">");
      }
    }
    return false;
  }

  private static boolean opensOutlookQuote(List<String> lines, int i, String folded) {
    if (!OUTLOOK_FROM.matcher(folded).lookingAt()) {
      return false;
    }
    for (int j = i + 1; j <= i + OUTLOOK_HEADER_SPAN && j < lines.size(); j++) {
      String next = lines.get(j).strip();
      if (next.length() <= MAX_HEADER_LINE
          && OUTLOOK_FOLLOW.matcher(ReplyWords.fold(next)).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start <= text.length() && lines.size() < MAX_LINES) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      lines.add(text.substring(start, contentEnd));
      start = end + 1;
    }
    return lines;
  }

  /** Trims each line's end and the whole, and keeps at most one blank line in a row. */
  private static String tidy(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int blank = 0;
    for (String line : text.split("\n", -1)) {
      String kept = line.stripTrailing();
      if (kept.isEmpty()) {
        blank++;
        continue;
      }
      if (out.length() > 0) {
        out.append(blank > 0 ? "\n\n" : "\n");
      }
      blank = 0;
      out.append(kept);
    }
    return out.toString();
  }

  // ----- HTML -----

  /** Elements whose content is never the sender's text, and quotes of the original. */
  private static final String SKIPPED_ELEMENTS = "head, script, style, title, blockquote";

  /** Elements that end a line where they open and where they close. */
  private static final Set<String> BLOCK_ELEMENTS =
      Set.of(
          "br",
          "p",
          "div",
          "tr",
          "li",
          "ul",
          "ol",
          "table",
          "hr",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "blockquote",
          "pre",
          "section",
          "article",
          "header",
          "footer");

  /**
   * A numeric character reference naming no character ({@code &#0;}, {@code &#99999999;}). HTML5
   * and so jsoup make it U+FFFD; a reply's text keeps it as written, as OwnWordsTest expects.
   */
  private static final Pattern NUMERIC_REFERENCE =
      Pattern.compile("&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});");

  /**
   * Turns an HTML body into text with jsoup: tags removed, block elements ending lines, table cells
   * apart, character references decoded, and {@code <blockquote>} content dropped (Gmail, Apple
   * Mail and Thunderbird quote the original in one).
   */
  static String fromHtml(String html) {
    Parser parser = Parser.htmlParser().setTrackPosition(true);
    Document document = Jsoup.parse(keepInvalidReferences(html), "", parser);
    document.select(SKIPPED_ELEMENTS).remove();
    StringBuilder out = new StringBuilder(Math.min(html.length(), 1 << 20));
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
              out.append(
                  text.getWholeText().replace('\r', ' ').replace('\n', ' ').replace('\t', ' '));
            } else if (node instanceof Element element) {
              separate(element, out);
            }
          }

          @Override
          public void tail(Node node, int depth) {
            // Only a closing tag that was written ends a line: jsoup also closes an unclosed <p>
            // before the next one, and "<p>a<p>b" is two lines, not two paragraphs.
            if (node instanceof Element element
                && !element.tag().isSelfClosing()
                && element.endSourceRange().isTracked()
                && !element.endSourceRange().isImplicit()) {
              separate(element, out);
            }
          }
        },
        document);
    return collapseSpaces(out);
  }

  private static void separate(Element element, StringBuilder out) {
    String name = element.normalName();
    if (BLOCK_ELEMENTS.contains(name)) {
      out.append('\n');
    } else if (name.equals("td") || name.equals("th")) {
      out.append(' ');
    }
  }

  private static String keepInvalidReferences(String html) {
    Matcher matcher = NUMERIC_REFERENCE.matcher(html);
    StringBuilder out = new StringBuilder(html.length());
    while (matcher.find()) {
      String digits = matcher.group(1);
      long code =
          digits.startsWith("x") || digits.startsWith("X")
              ? Long.parseLong(digits.substring(1), 16)
              : Long.parseLong(digits);
      boolean valid = code != 0 && code <= Character.MAX_CODE_POINT;
      matcher.appendReplacement(
          out,
          Matcher.quoteReplacement(
              valid ? matcher.group() : "&amp;" + matcher.group().substring(1)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String collapseSpaces(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.toString().split("\n", -1)) {
      out.append(line.replace('\u00a0', ' ').replaceAll(" {2,}", " ").strip()).append('\n');
    }
    return out.toString();
  }
}
