package dev.herald.replies;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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

  /** Elements whose content is never text. */
  private static final List<String> SKIPPED_ELEMENTS = List.of("script", "style", "head", "title");

  /** Elements that end a line. */
  private static final List<String> BLOCK_ELEMENTS =
      List.of(
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

  /** Named character references common in European text; numeric ones are decoded too. */
  private static final Map<String, String> ENTITIES =
      Map.ofEntries(
          Map.entry("nbsp", " "),
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("quot", "\""),
          Map.entry("apos", "'"),
          Map.entry("rsquo", "\u2019"),
          Map.entry("lsquo", "\u2018"),
          Map.entry("rdquo", "\u201d"),
          Map.entry("ldquo", "\u201c"),
          Map.entry("laquo", "\u00ab"),
          Map.entry("raquo", "\u00bb"),
          Map.entry("ndash", "\u2013"),
          Map.entry("mdash", "\u2014"),
          Map.entry("hellip", "\u2026"),
          Map.entry("euro", "\u20ac"),
          Map.entry("copy", "\u00a9"),
          Map.entry("agrave", "\u00e0"),
          Map.entry("aacute", "\u00e1"),
          Map.entry("acirc", "\u00e2"),
          Map.entry("auml", "\u00e4"),
          Map.entry("ccedil", "\u00e7"),
          Map.entry("egrave", "\u00e8"),
          Map.entry("eacute", "\u00e9"),
          Map.entry("ecirc", "\u00ea"),
          Map.entry("euml", "\u00eb"),
          Map.entry("icirc", "\u00ee"),
          Map.entry("iuml", "\u00ef"),
          Map.entry("iacute", "\u00ed"),
          Map.entry("ntilde", "\u00f1"),
          Map.entry("oacute", "\u00f3"),
          Map.entry("ocirc", "\u00f4"),
          Map.entry("ouml", "\u00f6"),
          Map.entry("ograve", "\u00f2"),
          Map.entry("uacute", "\u00fa"),
          Map.entry("ugrave", "\u00f9"),
          Map.entry("ucirc", "\u00fb"),
          Map.entry("uuml", "\u00fc"),
          Map.entry("szlig", "\u00df"),
          Map.entry("Agrave", "\u00c0"),
          Map.entry("Aacute", "\u00c1"),
          Map.entry("Auml", "\u00c4"),
          Map.entry("Ccedil", "\u00c7"),
          Map.entry("Eacute", "\u00c9"),
          Map.entry("Egrave", "\u00c8"),
          Map.entry("Ntilde", "\u00d1"),
          Map.entry("Oacute", "\u00d3"),
          Map.entry("Ouml", "\u00d6"),
          Map.entry("Uuml", "\u00dc"));

  /**
   * Turns an HTML body into text: tags removed, block elements ending lines, character references
   * decoded, and {@code <blockquote>} content dropped (Gmail, Apple Mail and Thunderbird quote the
   * original in one). One pass over the text, whatever the markup.
   */
  static String fromHtml(String html) {
    String lower = html.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(Math.min(html.length(), 1 << 20));
    int quoteDepth = 0;
    int i = 0;
    int length = html.length();
    while (i < length) {
      char c = html.charAt(i);
      if (c == '<' && i + 1 < length && isTagStart(html.charAt(i + 1))) {
        if (lower.startsWith("<!--", i)) {
          int close = lower.indexOf("-->", i + 4);
          i = close < 0 ? length : close + 3;
          continue;
        }
        int close = html.indexOf('>', i + 1);
        if (close < 0) {
          break;
        }
        boolean closing = html.charAt(i + 1) == '/';
        String name = tagName(lower, closing ? i + 2 : i + 1, close);
        i = close + 1;
        if (!closing && SKIPPED_ELEMENTS.contains(name)) {
          int end = lower.indexOf("</" + name, i);
          int endClose = end < 0 ? -1 : lower.indexOf('>', end);
          i = endClose < 0 ? length : endClose + 1;
          continue;
        }
        if (name.equals("blockquote")) {
          quoteDepth = closing ? Math.max(0, quoteDepth - 1) : quoteDepth + 1;
        }
        if (quoteDepth == 0) {
          if (BLOCK_ELEMENTS.contains(name)) {
            out.append('\n');
          } else if (name.equals("td") || name.equals("th")) {
            out.append(' ');
          }
        }
        continue;
      }
      if (c == '&') {
        int semicolon = html.indexOf(';', i + 1);
        if (semicolon > i + 1 && semicolon - i <= 10) {
          String decoded = entity(html.substring(i + 1, semicolon));
          if (decoded != null) {
            if (quoteDepth == 0) {
              out.append(decoded);
            }
            i = semicolon + 1;
            continue;
          }
        }
      }
      if (quoteDepth == 0) {
        out.append(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
      }
      i++;
    }
    return collapseSpaces(out);
  }

  private static boolean isTagStart(char c) {
    return c == '/' || c == '!' || c == '?' || (c < 128 && Character.isLetter(c));
  }

  private static String tagName(String lower, int from, int to) {
    int end = from;
    while (end < to && Character.isLetterOrDigit(lower.charAt(end))) {
      end++;
    }
    return lower.substring(from, end);
  }

  private static String entity(String name) {
    if (name.startsWith("#")) {
      try {
        int code =
            name.startsWith("#x") || name.startsWith("#X")
                ? Integer.parseInt(name.substring(2), 16)
                : Integer.parseInt(name.substring(1));
        return Character.isValidCodePoint(code) && code != 0
            ? new String(Character.toChars(code))
            : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return ENTITIES.get(name);
  }

  private static String collapseSpaces(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.toString().split("\n", -1)) {
      out.append(line.replace('\u00a0', ' ').replaceAll(" {2,}", " ").strip()).append('\n');
    }
    return out.toString();
  }
}
