package dev.herald.template;

import dev.herald.Display;
import dev.herald.Problem;
import dev.herald.contacts.Contact;
import dev.herald.identity.EmailAddress;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Header safety: the checks a rendered header value must pass before it can go into a message, so
 * that a contact's data can never add a header, make a line longer than a mail line may be, or put
 * a wrong address on the envelope. Each failure is a {@link RenderException} naming the contact's
 * row and, where one is to blame, its column; addresses written into the template itself are
 * checked once, as the template's problems ({@link #constantAddresses}).
 */
public final class HeaderGuard {
  private HeaderGuard() {}

  /**
   * A problem's column when no one column is to blame: 0, which {@link Problem} reads as unknown.
   */
  private static final int NO_COLUMN = 0;

  /** A column of the contact file, by name and 1-based position, for naming it in a problem. */
  private record Column(String name, int index) {}

  /** The first column that {@code used} names and whose value is {@code wrong}, if any. */
  private static Optional<Column> firstColumn(
      Contact c, Predicate<String> used, Predicate<String> wrong) {
    int index = 0;
    for (var v : c.values().entrySet()) {
      index++;
      if (used.test(v.getKey()) && wrong.test(v.getValue())) {
        return Optional.of(new Column(v.getKey(), index));
      }
    }
    return Optional.empty();
  }

  /** The first column of the contact file that {@code s} uses. */
  private static Optional<Column> usedColumn(Contact c, Snippet s) {
    return firstColumn(c, name -> uses(s, name), value -> true);
  }

  static boolean uses(Snippet s, String column) {
    return s.tags().stream().anyMatch(tag -> tag.name().equals(column));
  }

  /** A header key as it is written in a message: {@code list-unsubscribe} is List-Unsubscribe. */
  static String headerName(String key) {
    return Template.displayName(key);
  }

  /**
   * An address list in which every address is valid and meets the rules a contact's own address
   * meets: a non-ASCII local part, say, would go out garbled to a server without SMTPUTF8 and reach
   * someone else's mailbox.
   */
  private static InternetAddress[] validList(String value) throws AddressException {
    InternetAddress[] list = InternetAddress.parseHeader(value, true);
    for (InternetAddress a : list) {
      a.validate();
      var problem = EmailAddress.problem(a.getAddress());
      if (problem.isPresent()) {
        throw new AddressException(problem.get());
      }
    }
    return list;
  }

  /**
   * Addresses written into the template itself (no placeholders) are checked once, as template
   * problems, rather than once for every contact.
   */
  public static List<Problem> constantAddresses(Template t) {
    List<Problem> problems = new ArrayList<>();
    for (String key : List.of("from", "reply-to", "cc", "bcc")) {
      Snippet s = t.header(key);
      TemplateFile.Header h = t.source().header(key);
      if (s == null || h == null || !s.constant() || s.text().isBlank()) {
        continue;
      }
      boolean single = key.equals("from") || key.equals("reply-to");
      try {
        if (validList(s.text().strip()).length != 1 && single) {
          throw new AddressException("expected exactly one address");
        }
      } catch (AddressException e) {
        problems.add(
            new Problem(
                t.file(),
                h.line(),
                h.valueColumn(),
                "'"
                    + s.text().strip()
                    + "' is not "
                    + (single ? "a single valid address" : "a list of valid addresses")
                    + " ("
                    + e.getMessage()
                    + ")"));
      }
    }
    return problems;
  }

  /**
   * Cc and Bcc go on the envelope: each must be a list of valid addresses, found here by {@code
   * check} rather than when the message is built.
   */
  static void checkAddressList(Contact c, Template t, String header, Snippet s, String value) {
    try {
      if (validList(value).length == 0) {
        throw new AddressException("no address");
      }
    } catch (AddressException e) {
      Optional<Column> column = usedColumn(c, s);
      throw new RenderException(
          column.isEmpty()
              ? Problem.at(
                  t.file(),
                  t.source().header(header.toLowerCase(Locale.ROOT)).line(),
                  "the " + header + " header '" + value + "' is not a valid list of addresses")
              : new Problem(
                  c.file(),
                  c.line(),
                  column.get().index(),
                  "'"
                      + column.get().name()
                      + "' makes the "
                      + header
                      + " header '"
                      + value
                      + "' (from "
                      + Display.path(t.file())
                      + "), which is not a valid address; fix the value or leave it out"));
    }
  }

  /**
   * A List-Unsubscribe address that contact data helps make must still be one mailto: or https:
   * address (RFC 2369): never a script, never a second address, never text that closes the angle
   * brackets around it.
   */
  static void checkListUnsubscribe(Contact c, Snippet s, String value) {
    if (s.constant()) {
      return; // checked when the template was loaded
    }
    List<String> uris = ListUnsubscribe.uris(value);
    int expected = ListUnsubscribe.uris(s.text()).size();
    String wrong = null; // what the value holds that it must not; null while nothing is wrong
    if (uris.size() != expected) {
      wrong =
          "hold "
              + uris.size()
              + (uris.size() == 1 ? " address" : " addresses")
              + " where the template has "
              + expected;
    } else {
      for (String uri : uris) {
        boolean scheme = uri.startsWith("mailto:") || uri.startsWith("https:");
        if (!scheme || uri.chars().anyMatch(ch -> ch <= ' ' || "<>\"".indexOf(ch) >= 0)) {
          wrong = "hold '" + uri + "'";
          break;
        }
      }
    }
    if (wrong == null) {
      return;
    }
    Optional<Column> column = usedColumn(c, s);
    throw new RenderException(
        new Problem(
            c.file(),
            c.line(),
            column.map(Column::index).orElse(NO_COLUMN),
            column.map(x -> "'" + x.name() + "'").orElse("the contact's data")
                + " makes List-Unsubscribe "
                + wrong
                + "; it takes one mailto: or https: address for each in the template"));
  }

  /**
   * Refuses a line break or control character in a header value. Refused rather than folded: a line
   * break here is either an injection attempt or a copy-paste accident, and in both cases the press
   * officer should see the row.
   */
  static void checkSingleLine(
      Contact c, Template t, String header, String value, Predicate<String> usesColumn) {
    if (!breaksHeader(value)) {
      return;
    }
    Optional<Column> column = firstColumn(c, usesColumn, HeaderGuard::breaksHeader);
    throw new RenderException(
        new Problem(
            c.file(),
            c.line(),
            column.map(Column::index).orElse(NO_COLUMN),
            column
                    .map(x -> "'" + x.name() + "' contains a line break or control character; ")
                    .orElse("")
                + "it would break the "
                + header
                + " header of "
                + Display.path(t.file())
                + " (contact data can never add a header); remove it"));
  }

  static boolean breaksHeader(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (breaksHeader(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** A line break or a control character other than tab: never allowed in a header value. */
  private static boolean breaksHeader(int ch) {
    return ch == '\r' || ch == '\n' || (Character.isISOControl(ch) && ch != '\t');
  }

  /**
   * Header values are folded at white space, so only an unbroken run of characters can make a line
   * longer than the 998 octets RFC 5322 (section 2.1.1) allows; this leaves room for the header's
   * name and an address after the run.
   */
  private static final int MAX_HEADER_WORD = 900;

  /** The longest run without white space, counting the backslash a quote or backslash gets. */
  static int longestWord(String s) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == ' ' || ch == '\t') {
        run = 0;
      } else {
        run += ch == '"' || ch == '\\' ? 2 : 1;
        longest = Math.max(longest, run);
      }
    }
    return longest;
  }

  static void checkWordLength(Contact c, String header, String value, Predicate<String> used) {
    int longest = longestWord(value);
    if (longest <= MAX_HEADER_WORD) {
      return;
    }
    Optional<Column> column = firstColumn(c, used, v -> longestWord(v) > MAX_HEADER_WORD);
    throw new RenderException(
        new Problem(
            c.file(),
            c.line(),
            column.map(Column::index).orElse(NO_COLUMN),
            String.format(
                Locale.ROOT,
                "%s a word of %,d characters with no space; in the %s header it would make a line"
                    + " longer than the 998 characters a mail line may have (RFC 5322); shorten it",
                column.map(x -> "'" + x.name() + "' has").orElse("the value has"),
                longest,
                header)));
  }
}
