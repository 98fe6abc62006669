package dev.herald.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an empty value does to the shape of a contact's HTML: {@code **{{outlet}}**} with an empty
 * outlet is a horizontal rule, {@code [x]({{website}})} a link to nowhere. The body is rendered
 * with the empty placeholders empty and again with them filled, and the two compared tag by tag;
 * the answer depends only on which placeholders are empty, so it is computed once per template and
 * set.
 */
final class EmptyValues {
  private static final Pattern TAG_NAME = Pattern.compile("<(/?[a-zA-Z][a-zA-Z0-9]*)");
  private static final Pattern EMPTY_URL =
      Pattern.compile("\\b(href|src)=\"\"", Pattern.CASE_INSENSITIVE);

  /** At most this many answers are kept. */
  private static final int CACHE = 1024;

  /** Answers already found, by template and set of empty placeholders; "" when nothing changes. */
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  /** What the empty values of {@code scope} do to the shape of {@code t}'s HTML, if anything. */
  Optional<String> breaks(Template t, Map<String, Object> scope) {
    TreeSet<String> empty = new TreeSet<>();
    // a column that opens a section somewhere is one the author already thought empty might be
    Set<String> sections = new HashSet<>();
    for (Placeholders.Tag tag : t.body().tags()) {
      if (tag.kind() == '#' || tag.kind() == '^') {
        sections.add(tag.name());
      }
    }
    for (Placeholders.Tag tag : t.body().tags()) {
      if (sections.contains(tag.name())) {
        continue;
      }
      if (tag.kind() == ' ' || tag.kind() == '&') {
        Object v = scope.get(tag.name());
        if (v instanceof String sv && sv.isBlank()) {
          empty.add(tag.name());
        }
      }
    }
    if (empty.isEmpty()) {
      return Optional.empty();
    }
    String key = t.file() + "\0" + String.join("\0", empty);
    String found = cache.get(key);
    if (found == null) {
      found = compareShapes(t, scope, empty);
      if (cache.size() < CACHE) {
        cache.put(key, found);
      }
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(found);
  }

  private static String compareShapes(Template t, Map<String, Object> scope, Set<String> empty) {
    Map<String, Object> blank = new HashMap<>();
    Map<String, Object> filled = new HashMap<>();
    for (var e : scope.entrySet()) {
      if (e.getValue() instanceof String) {
        blank.put(e.getKey(), empty.contains(e.getKey()) ? "" : "x");
        filled.put(e.getKey(), "x");
      }
    }
    String withBlank = HtmlBody.html(t.body().render(blank));
    String withFilled = HtmlBody.html(t.body().render(filled));
    List<String> a = tagNames(withBlank);
    List<String> b = tagNames(withFilled);
    String names = "{{" + String.join("}}, {{", empty) + "}}";
    if (!a.equals(b)) {
      List<String> lost = new ArrayList<>(b);
      a.forEach(lost::remove);
      List<String> gained = new ArrayList<>(a);
      b.forEach(gained::remove);
      return "with "
          + names
          + " empty, the message's layout changes"
          + (gained.isEmpty() ? "" : " (it gains " + describe(gained) + ")")
          + (lost.isEmpty() ? "" : " (it loses " + describe(lost) + ")");
    }
    int emptyLinks = count(EMPTY_URL, withBlank) - count(EMPTY_URL, withFilled);
    if (emptyLinks > 0) {
      return "with " + names + " empty, a link or image has no address";
    }
    return "";
  }

  private static List<String> tagNames(String html) {
    List<String> names = new ArrayList<>();
    Matcher m = TAG_NAME.matcher(html);
    while (m.find()) {
      names.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    return names;
  }

  private static String describe(List<String> tags) {
    LinkedHashSet<String> opened = new LinkedHashSet<>();
    for (String tag : tags) {
      String name = tag.startsWith("/") ? tag.substring(1) : tag;
      opened.add(
          switch (name) {
            case "hr" -> "a horizontal rule";
            case "strong" -> "bold text";
            case "em" -> "italics";
            case "a" -> "a link";
            case "img" -> "an image";
            case "h1", "h2", "h3", "h4", "h5", "h6" -> "a heading";
            case "li", "ul", "ol" -> "a list";
            case "code", "pre" -> "code";
            case "p" -> "a paragraph";
            default -> "<" + name + ">";
          });
    }
    return String.join(", ", opened);
  }

  private static int count(Pattern p, String s) {
    int n = 0;
    Matcher m = p.matcher(s);
    while (m.find()) {
      n++;
    }
    return n;
  }
}
