package dev.herald.privacy;

import dev.herald.identity.EmailAddress;
import dev.herald.message.MessageFiles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The person an access or erasure request is about: their address, compared by its key ({@link
 * EmailAddress#same}), every spelling of it met in herald's files, and the names the contact lists
 * and logs give them, so that free text can be searched and cleaned of all of them.
 */
public final class Person {
  private final String address;
  private final Set<String> spellings = new LinkedHashSet<>();
  private final Set<String> names = new LinkedHashSet<>();
  private final Set<String> fileNames = new LinkedHashSet<>();

  public Person(String address) {
    this.address = address.strip();
    spelling(this.address);
    spelling(EmailAddress.key(this.address));
    spelling(EmailAddress.ascii(this.address));
    spelling(EmailAddress.ascii(EmailAddress.key(this.address)));
  }

  /** The address as the request gave it. */
  public String address() {
    return address;
  }

  /** Whether a cell holds this person's address, in any spelling. */
  public boolean is(String cell) {
    String c = cell == null ? "" : cell.strip();
    return !c.isEmpty() && c.contains("@") && EmailAddress.same(c, address);
  }

  /** Notes a spelling of the address met in a file, so that free text is searched for it too. */
  void spelling(String s) {
    if (s != null && !s.isBlank()) {
      spellings.add(s.strip().toLowerCase(Locale.ROOT));
      // as the outbox and preview name their files, and the journal's reply names an outbox file
      String file = MessageFiles.baseName(1, s.strip()).substring(6);
      spellings.add(file);
      fileNames.add(file);
    }
  }

  /**
   * Whether {@code name}, the name of an outbox, preview or proof file ({@code
   * 00012-ann-at-news.example.eml}), is that of a message to this person: its address part is one
   * of their spellings as a file name, whole. Searching names for a part would take {@code
   * joann@news.example}'s messages, or {@code ann@news.example.pl}'s, for {@code
   * ann@news.example}'s.
   */
  public boolean ownsCopy(String name) {
    Matcher m = COPY_NAME.matcher(name);
    return m.matches() && fileNames.contains(m.group(1).toLowerCase(Locale.ROOT));
  }

  /** A per-recipient file's name: proof prefix, number, address part, extension. */
  private static final Pattern COPY_NAME =
      Pattern.compile("(?:proof-)?\\d{5}-(.+)\\.(?:eml|html)", Pattern.CASE_INSENSITIVE);

  /** Notes a name the person is known by (a contact's first and last name, a log's name column). */
  void name(String name) {
    String n = name == null ? "" : name.strip().replaceAll("\\s+", " ");
    // a full name only: a first name alone ("Jan") would be found in "January"
    if (n.contains(" ") && n.length() >= 5) {
      names.add(n.toLowerCase(Locale.ROOT));
    }
  }

  /** The spellings of the address met, lower-cased. */
  public List<String> spellings() {
    return List.copyOf(spellings);
  }

  /** The names met, lower-cased. */
  public List<String> names() {
    return List.copyOf(names);
  }

  /** Every text to look for in a file: the spellings, then the names. */
  List<String> needles() {
    List<String> all = new ArrayList<>(spellings);
    all.addAll(names);
    return all;
  }

  /** Whether {@code text} mentions the address in any spelling, or a name, ignoring case. */
  public boolean mentionedIn(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return needles().stream().anyMatch(t::contains);
  }

  /**
   * {@code text} with every spelling of the address replaced by {@code token} and every name by
   * "[forgotten]", ignoring case.
   */
  String redact(String text, String token) {
    String out = text;
    for (String s : spellings) {
      out = replace(out, s, token);
    }
    for (String n : names) {
      out = replace(out, n, "[forgotten]");
    }
    return out;
  }

  private static String replace(String text, String what, String with) {
    Matcher m =
        Pattern.compile(Pattern.quote(what), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
            .matcher(text);
    return m.replaceAll(Matcher.quoteReplacement(with));
  }
}
