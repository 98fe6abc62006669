package dev.herald.campaign;

import dev.herald.Display;
import dev.herald.Problem;
import dev.herald.contacts.Columns;
import dev.herald.contacts.Contact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The selected contacts without a {@code legal_basis} (why writing to them is lawful under the
 * GDPR: "consent 2026-03-02", "legitimate interest"), for {@code check --strict-consent} and the
 * {@code check.strict-consent} setting: each is a problem naming its line, or, when the list has no
 * such column at all, one problem that says so.
 */
final class MissingConsent {
  /** At most this many contacts are named; the rest are counted. */
  static final int MAX_NAMED = 200;

  private final List<Contact> named = new ArrayList<>();
  private int count;

  /** Notes a selected contact whose {@code legal_basis} is missing or looks empty. */
  void contact(Contact c) {
    if (EmptyPlaceholders.looksEmpty(c.value(Columns.LEGAL_BASIS))) {
      count++;
      if (named.size() < MAX_NAMED) {
        named.add(c);
      }
    }
  }

  /** The problems: one per contact named, or one for a list with no {@code legal_basis} column. */
  List<Problem> problems(Path contacts, List<String> header) {
    List<Problem> out = new ArrayList<>();
    if (count == 0) {
      return out;
    }
    boolean hasColumn =
        header.stream()
            .anyMatch(h -> h.strip().toLowerCase(Locale.ROOT).equals(Columns.LEGAL_BASIS));
    if (!hasColumn) {
      out.add(
          Problem.file(
              contacts,
              "has no legal_basis column, and strict consent is on (--strict-consent or"
                  + " check.strict-consent): add a legal_basis column that says for each contact"
                  + " why writing to them is lawful, such as \"consent 2026-03-02\" or \"legitimate"
                  + " interest\""));
      return out;
    }
    for (Contact c : named) {
      out.add(
          Problem.at(
              c.file(),
              c.line(),
              Display.oneLine(c.email())
                  + " has no legal_basis; fill it in (\"consent 2026-03-02\", \"legitimate"
                  + " interest\"), or leave the contact out"));
    }
    if (count > named.size()) {
      out.add(
          Problem.file(
              contacts,
              "… and " + (count - named.size()) + " more contacts without a legal_basis"));
    }
    return out;
  }
}
