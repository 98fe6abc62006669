package dev.herald.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The HTML part of a message. Values go into it HTML-escaped and never read as Markdown: the body
 * is rendered with an opaque token in place of each value, turned into HTML by CommonMark, and the
 * tokens are then replaced by the values, escaped for where each lands ({@link SafeHtml}). The
 * token form of a body is the same for every contact whose sections open the same way, so its HTML
 * is computed once and reused. The page around the body is {@code page.mustache}.
 */
final class HtmlBody {
  private static final Parser MARKDOWN = Parser.builder().build();
  private static final HtmlRenderer HTML = HtmlRenderer.builder().build();
  private static final int HTML_CACHE = 256;
  private static final PageTemplate PAGE = PageTemplate.load("dev/herald/template/page.mustache");

  /** CommonMark's email autolink (spec 6.5). */
  private static final Pattern AUTOLINK_EMAIL =
      Pattern.compile(
          "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
              + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");

  /** CommonMark's URI autolink (spec 6.5): a scheme, a colon, no spaces or angle brackets. */
  private static final Pattern AUTOLINK_URI =
      Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\\s<>\\x00-\\x1f]*");

  /** "hrld" and eight random letters: the n-th value of a body stands as TOKEN n "x". */
  private final String token;

  private final Pattern tokenAutolink;
  private final Map<String, Body> htmlCache = new ConcurrentHashMap<>();
  private final Map<String, String> plainCache = new ConcurrentHashMap<>();
  private final Map<TokenKey, String> tokenCache = new ConcurrentHashMap<>();

  /** A body and the token (or "" for an empty value) that stands for each value. */
  private record TokenKey(Snippet body, Map<String, Object> tokens) {}

  /** A body's HTML and the addresses of the inline images it shows, in order. */
  private record Body(String html, List<String> images) {}

  /**
   * A contact's HTML part, the inline images it shows (by their address as written), and its text
   * part when images change it (null when the body has no inline image).
   */
  record Page(String html, List<String> images, String text) {}

  HtmlBody() {
    StringBuilder t = new StringBuilder("hrld");
    for (int i = 0; i < 8; i++) {
      t.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    this.token = t.toString();
    this.tokenAutolink = Pattern.compile("<(" + token + "(\\d+)x)>");
  }

  /** Markdown as CommonMark writes it in HTML. */
  static String html(String markdown) {
    return HTML.render(MARKDOWN.parse(markdown));
  }

  /**
   * The whole HTML part: the page in the variant's language, titled with the subject, opening with
   * the embargo {@code notice} if there is one (null if not), around the body filled with {@code
   * scope}.
   */
  Page page(
      Template t,
      Map<String, Object> scope,
      String notice,
      String subject,
      Map<String, InlineImage> images) {
    List<String> values = new ArrayList<>();
    Map<String, Object> tokens = new HashMap<>();
    for (var e : scope.entrySet()) {
      if (e.getValue() instanceof String v) {
        if (v.isEmpty()) {
          tokens.put(e.getKey(), "");
        } else {
          tokens.put(e.getKey(), token + values.size() + "x");
          values.add(v);
        }
      }
    }
    String tokenMarkdown = tokenMarkdown(t.body(), tokens);
    String markdown = autolinks(tokenMarkdown, values);
    // the same body in another folder may name other files by the same paths
    String cacheKey = images.isEmpty() ? markdown : t.file() + "\0" + markdown;
    Body body = htmlCache.get(cacheKey);
    if (body == null) {
      body = images.isEmpty() ? new Body(html(markdown), List.of()) : withImages(markdown, images);
      if (htmlCache.size() >= HTML_CACHE) {
        htmlCache.clear();
      }
      htmlCache.put(cacheKey, body);
    }
    Map<String, Object> page = new HashMap<>();
    page.put("lang", t.language().isEmpty() ? "en" : t.language());
    page.put("subject", subject);
    page.put("notice", notice);
    page.put("body", fill(body.html(), values));
    String text = null;
    if (!images.isEmpty()) {
      String key = t.file() + "\0" + tokenMarkdown;
      String plain = plainCache.get(key);
      if (plain == null) {
        plain = MarkdownImages.plain(tokenMarkdown, images);
        if (plainCache.size() >= HTML_CACHE) {
          plainCache.clear();
        }
        plainCache.put(key, plain);
      }
      text = fillRaw(plain, values);
    }
    return new Page(PAGE.render(page), body.images(), text);
  }

  /**
   * The body rendered with tokens for values. It depends only on which values are empty, so most
   * contacts share one: it is rendered once, and being the same String each time, its hash is
   * computed once for the HTML cache, which it keys.
   */
  private String tokenMarkdown(Snippet body, Map<String, Object> tokens) {
    TokenKey key = new TokenKey(body, tokens);
    String markdown = tokenCache.get(key);
    if (markdown == null) {
      markdown = body.render(tokens);
      if (tokenCache.size() >= HTML_CACHE) {
        tokenCache.clear();
      }
      tokenCache.put(key, markdown);
    }
    return markdown;
  }

  /**
   * The HTML of a body whose local images are sent inline: each such image's address becomes its
   * {@code cid:} address.
   */
  private static Body withImages(String markdown, Map<String, InlineImage> images) {
    Node doc = MARKDOWN.parse(markdown);
    Set<String> used = new LinkedHashSet<>();
    doc.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Image image) {
            InlineImage i = images.get(image.getDestination());
            if (i != null) {
              used.add(image.getDestination());
              image.setDestination("cid:" + i.contentId());
            }
            visitChildren(image);
          }
        });
    return new Body(HTML.render(doc), List.copyOf(used));
  }

  /** The text with each token replaced by its value as it is. */
  private String fillRaw(String text, List<String> values) {
    Matcher m = Pattern.compile(token + "(\\d+)x").matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 256);
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.get(Integer.parseInt(m.group(1)))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * A placeholder alone in angle brackets, {@code <{{email}}>}, is a CommonMark autolink once the
   * value is written in; but the value is put in only after the Markdown is rendered, and {@code
   * <TOKEN>} alone reads as an unknown HTML tag, which shows nothing. So such a place is written as
   * the link CommonMark would make of the value: an address as a {@code mailto:} link, a URL as a
   * link, anything else as the text in brackets.
   */
  private String autolinks(String markdown, List<String> values) {
    if (markdown.indexOf('<') < 0) {
      return markdown;
    }
    Matcher m = tokenAutolink.matcher(markdown);
    StringBuilder out = new StringBuilder(markdown.length() + 32);
    while (m.find()) {
      String tok = m.group(1);
      String value = values.get(Integer.parseInt(m.group(2)));
      String link;
      if (AUTOLINK_EMAIL.matcher(value).matches()) {
        link = "[" + tok + "](mailto:" + tok + ")";
      } else if (AUTOLINK_URI.matcher(value).matches()) {
        link = "[" + tok + "](" + tok + ")";
      } else {
        link = "\\<" + tok + "\\>";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(link));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The rendered HTML with each token replaced by its value, escaped for where it lands. */
  private String fill(String html, List<String> values) {
    StringBuilder out = new StringBuilder(html.length() + 256);
    int i = 0;
    while (true) {
      int at = html.indexOf(token, i);
      if (at < 0) {
        out.append(html, i, html.length());
        return out.toString();
      }
      int j = at + token.length();
      int k = j;
      while (k < html.length() && Character.isDigit(html.charAt(k))) {
        k++;
      }
      if (k == j || k >= html.length() || html.charAt(k) != 'x') {
        out.append(html, i, j);
        i = j;
        continue;
      }
      out.append(html, i, at);
      String value = values.get(Integer.parseInt(html.substring(j, k)));
      out.append(SafeHtml.valueAt(html, at, value));
      i = k + 1;
    }
  }
}
