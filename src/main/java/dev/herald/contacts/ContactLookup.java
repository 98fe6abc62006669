package dev.herald.contacts;

import dev.herald.InputLimits;
import dev.herald.identity.EmailAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a few contacts by address in a contact file, for naming the people in a log or a report.
 * Reads the file once, keeping only the contacts asked for; rows that do not parse are passed over,
 * since a lookup must not fail on a row that {@code herald check} reports anyway.
 */
public final class ContactLookup {
  private final Map<String, Contact> found;

  private ContactLookup(Map<String, Contact> found) {
    this.found = found;
  }

  /** A lookup that knows nobody: there is no contact file. */
  public static ContactLookup none() {
    return new ContactLookup(Map.of());
  }

  /**
   * Reads {@code file} for the contacts with these addresses (compared by {@link
   * EmailAddress#key}). A missing file knows nobody; a file that cannot be read as a contact list
   * is an input error.
   */
  public static ContactLookup of(Path file, Collection<String> emails, InputLimits limits) {
    if (emails.isEmpty() || !Files.exists(file)) {
      return none();
    }
    Set<String> wanted = new HashSet<>();
    emails.forEach(e -> wanted.add(EmailAddress.key(e)));
    Map<String, Contact> found = new HashMap<>();
    try (ContactFile csv = ContactFile.open(file, limits)) {
      for (ContactFile.Row row : csv) {
        if (row.ok()) {
          String key = EmailAddress.key(row.contact().email());
          if (wanted.contains(key)) {
            found.putIfAbsent(key, row.contact());
          }
        }
      }
    }
    return new ContactLookup(found);
  }

  public Optional<Contact> find(String email) {
    return Optional.ofNullable(found.get(EmailAddress.key(email)));
  }

  /** The contact's name, or "" if unknown. */
  public String name(String email) {
    return find(email).map(Contact::name).orElse("");
  }

  /** The contact's outlet, or "" if unknown. */
  public String outlet(String email) {
    return find(email).map(c -> c.value(Columns.OUTLET).strip()).orElse("");
  }
}
