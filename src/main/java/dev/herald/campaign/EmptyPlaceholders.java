package dev.herald.campaign;

import dev.herald.Problem;
import dev.herald.contacts.Contact;
import dev.herald.template.Builtins;
import dev.herald.template.Placeholders;
import dev.herald.template.Snippet;
import dev.herald.template.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Wrong merges: the contacts for whom a placeholder their variant uses, in the body or a header,
 * comes out empty or blank ("Dear ," from an empty salutation). One finding per column, naming the
 * rows. A column the template also uses in a section ({@code {{#salutation}}…{{/salutation}}} or
 * {@code {{^salutation}}…{{/salutation}}}) is one whose emptiness the author has handled, and is
 * not reported.
 */
final class EmptyPlaceholders {
  /** At most this many lines are named per column; the rest are counted. */
  static final int MAX_LINES = 10;

  /** The placeholders each variant prints bare, without a section for the same name. */
  private final Map<Template, Set<String>> bare = new HashMap<>();

  /** Per placeholder name, the first lines it is empty on and how many contacts in all. */
  private final Map<String, Lines> empty = new TreeMap<>();

  private static final class Lines {
    final List<Long> first = new ArrayList<>();
    int count;
  }

  /** At most this many contacts are named for an empty value that changes their layout. */
  static final int MAX_LAYOUT = 200;

  private final List<String> layout = new ArrayList<>();
  private int layoutCount;

  /**
   * Notes what an empty value does to the shape of this contact's message ({@link
   * dev.herald.template.Renderer#emptyBreaks}): that is worth a warning of its own, per contact.
   */
  void layout(Contact c, String why) {
    layoutCount++;
    if (layout.size() < MAX_LAYOUT) {
      layout.add(
          c.where()
              + ": "
              + c.email()
              + ": "
              + why
              + "; fill it in, or wrap that part in a section such as {{#outlet}}…{{/outlet}}");
    }
  }

  /** Contacts whose empty values change the shape of their message. */
  int layoutCount() {
    return layoutCount;
  }

  /** The layout warnings, the first {@link #MAX_LAYOUT} of them, then how many more. */
  List<String> layoutWarnings() {
    List<String> out = new ArrayList<>(layout);
    if (layoutCount > layout.size()) {
      out.add(
          "… and "
              + (layoutCount - layout.size())
              + " more contacts whose empty values change their message");
    }
    return out;
  }

  /** Notes the placeholders that are empty for one selected contact of variant {@code t}. */
  void contact(Template t, Contact c) {
    for (String name : bare.computeIfAbsent(t, EmptyPlaceholders::bare)) {
      String value =
          name.equals(Builtins.NAME) ? c.name() : c.values().get(name); // null: a built-in
      if (value != null && looksEmpty(value)) {
        Lines lines = empty.computeIfAbsent(name, k -> new Lines());
        lines.count++;
        if (lines.first.size() < MAX_LINES) {
          lines.first.add(c.line());
        }
      }
    }
  }

  /**
   * The names {@code t} prints as {@code {{name}}} or {@code {{{name}}}} anywhere (body, headers,
   * attachment names) and never opens a section for. The built-ins herald fills itself are left
   * out, except {@code {{name}}}, which is empty when a contact has neither first nor last name.
   */
  private static Set<String> bare(Template t) {
    Set<String> printed = new LinkedHashSet<>();
    Set<String> handled = new LinkedHashSet<>();
    for (Snippet s : t.snippets()) {
      for (Placeholders.Tag tag : s.tags()) {
        if (tag.kind() == '#' || tag.kind() == '^') {
          handled.add(tag.name());
        } else if (tag.kind() == ' ' || tag.kind() == '&') {
          printed.add(tag.name());
        }
      }
    }
    printed.removeAll(handled);
    printed.removeIf(n -> Builtins.ALL.contains(n) && !n.equals(Builtins.NAME));
    return Set.copyOf(printed);
  }

  /**
   * One finding per placeholder found empty, located at the contact file: {@code {{salutation}} is
   * empty on lines 3, 7, 12 (3 contacts)}.
   */
  List<Problem> findings(Path contacts) {
    List<Problem> out = new ArrayList<>();
    for (Map.Entry<String, Lines> e : empty.entrySet()) {
      String name = e.getKey();
      Lines l = e.getValue();
      StringBuilder s = new StringBuilder("{{").append(name).append("}} is empty on line");
      s.append(l.count == 1 ? " " : "s ");
      for (int i = 0; i < l.first.size(); i++) {
        s.append(i == 0 ? "" : ", ").append(l.first.get(i));
      }
      if (l.count > l.first.size()) {
        s.append(" … and ").append(l.count - l.first.size()).append(" more");
      }
      s.append(" (").append(l.count).append(l.count == 1 ? " contact)" : " contacts)");
      if (name.equals(Builtins.NAME)) {
        s.append(": they have no first_name or last_name");
      }
      s.append("; fill ")
          .append(l.count == 1 ? "it" : "them")
          .append(" in, or give the template a fallback such as {{#")
          .append(name)
          .append("}}…{{/")
          .append(name)
          .append("}}{{^")
          .append(name)
          .append("}}…{{/")
          .append(name)
          .append("}}");
      out.add(Problem.file(contacts, s.toString()));
    }
    return out;
  }

  /**
   * Whether a value shows nothing to a reader: only white space of any kind (a no-break space, an
   * ideographic space) and invisible format characters (a zero-width space, a word joiner, a
   * byte-order mark), which a spreadsheet cell that looks empty may well hold.
   */
  static boolean looksEmpty(String value) {
    return value
        .codePoints()
        .allMatch(
            cp ->
                Character.isWhitespace(cp)
                    || Character.isSpaceChar(cp)
                    || Character.getType(cp) == Character.FORMAT);
  }
}
