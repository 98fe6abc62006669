package dev.herald.template;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML-safe values: how a contact's value is written where it lands in the rendered HTML, as
 * element text, in a quoted attribute, or unquoted inside a tag, and whether a link from a
 * contact's data is harmless to follow.
 */
public final class SafeHtml {
  private SafeHtml() {}

  /** Where a value lands in the HTML: element text, a quoted attribute, or unquoted in a tag. */
  enum HtmlContext {
    TEXT,
    QUOTED,
    UNQUOTED
  }

  /**
   * {@code value} as written at position {@code at} of the rendered HTML: escaped for the place it
   * lands in, and with {@code unsafe:} in front when it starts a link that {@link #safeUrl}
   * refuses.
   */
  static String valueAt(String html, int at, String value) {
    HtmlContext where = context(html, at);
    if (where != HtmlContext.TEXT && startsUrl(html, at) && !safeUrl(value)) {
      value = "unsafe:" + value;
    }
    return where == HtmlContext.UNQUOTED ? escapeUnquoted(value) : escape(value);
  }

  /**
   * Where position {@code at} of the rendered HTML lies. Inside a tag and outside quotes is where a
   * template writes a placeholder in raw HTML as a tag name or an unquoted attribute value ({@code
   * <a href={{url}}>}): there a space or an equals sign in a value would start an attribute of its
   * own, and {@link #escape} is not enough. Text never holds a bare {@code <}: CommonMark writes it
   * as {@code &lt;}.
   */
  static HtmlContext context(String html, int at) {
    int open = html.lastIndexOf('<', at);
    if (open < 0 || html.startsWith("<!--", open)) {
      return HtmlContext.TEXT;
    }
    char quote = 0; // the quote character of the attribute value we are in; 0 outside quotes
    for (int i = open + 1; i < at; i++) {
      char c = html.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return HtmlContext.TEXT;
      }
    }
    return quote == 0 ? HtmlContext.UNQUOTED : HtmlContext.QUOTED;
  }

  private static final Set<String> URL_ATTRIBUTES =
      Set.of("href", "src", "action", "formaction", "background", "poster", "cite", "xlink:href");

  /** Whether a value at {@code at} inside a tag starts the value of an attribute holding a URL. */
  static boolean startsUrl(String html, int at) {
    int i = at - 1;
    if (i >= 0 && (html.charAt(i) == '"' || html.charAt(i) == '\'')) {
      i--;
    }
    while (i >= 0 && Character.isWhitespace(html.charAt(i))) {
      i--;
    }
    if (i < 0 || html.charAt(i) != '=') {
      return false;
    }
    i--;
    while (i >= 0 && Character.isWhitespace(html.charAt(i))) {
      i--;
    }
    int end = i + 1;
    while (i >= 0
        && (Character.isLetterOrDigit(html.charAt(i)) || ":-".indexOf(html.charAt(i)) >= 0)) {
      i--;
    }
    return URL_ATTRIBUTES.contains(html.substring(i + 1, end).toLowerCase(Locale.ROOT));
  }

  private static final Pattern SCHEME = Pattern.compile("([a-z][a-z0-9+.-]*):.*", Pattern.DOTALL);

  /**
   * Whether a link from a contact's data is harmless to follow: relative, or http:, https:, mailto:
   * or tel:. A javascript: or data: link would run in the preview page a reviewer opens (and in a
   * mail client that allowed it); such a value is written with {@code unsafe:} in front, so that it
   * shows and does nothing. Browsers ignore spaces and control characters in a scheme, so they are
   * ignored here too.
   */
  static boolean safeUrl(String value) {
    StringBuilder s = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > ' ') {
        s.append(Character.toLowerCase(c));
      }
    }
    Matcher m = SCHEME.matcher(s);
    return !m.matches() || Set.of("http", "https", "mailto", "tel").contains(m.group(1));
  }

  /**
   * Escapes text for an unquoted place inside a tag: every ASCII character but letters and digits
   * as a character reference, so that nothing in it can end the value or the tag (as OWASP
   * recommends for unquoted attribute values).
   */
  static String escapeUnquoted(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128 && !Character.isLetterOrDigit(c)) {
        out.append("&#").append((int) c).append(';');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  public static String escape(String s) {
    int first = 0;
    while (first < s.length() && !special(s.charAt(first))) {
      first++;
    }
    if (first == s.length()) {
      return s; // nothing to escape, as for most names and outlets: no copy
    }
    StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, first);
    for (int i = first; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean special(char c) {
    return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
  }
}
