package dev.herald.contacts;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The suppression list, {@code contacts/optout.csv} beside the contact file: addresses that are
 * never mailed, ever. Columns {@code email} (required), {@code reason}, {@code date}. Because a
 * broken list could let someone who opted out be mailed, any malformed row stops the run.
 */
public final class OptOutList {
  public static final String FILE_NAME = "optout.csv";

  private final Path file;
  private final Set<String> keys;

  private OptOutList(Path file, Set<String> keys) {
    this.file = file;
    this.keys = keys;
  }

  /** The list beside the given contact file. */
  public static Path besides(Path contacts) {
    Path dir = contacts.toAbsolutePath().getParent();
    return dir.resolve(FILE_NAME);
  }

  /** Loads the list; a missing file is an empty list. */
  public static OptOutList load(Path file, Limits limits) {
    Set<String> keys = new HashSet<>();
    if (!Files.exists(file)) {
      return new OptOutList(file, keys);
    }
    StringBuilder errors = new StringBuilder();
    try (ContactFile csv = ContactFile.open(file, limits)) {
      for (ContactFile.Row row : csv) {
        if (row.ok()) {
          // add() writes an address such as =2+5@news.example as '=2+5@…, against spreadsheets.
          keys.add(EmailAddress.key(Csv.unguard(row.contact().email())));
        } else {
          errors.append("\n  ").append(row.problem());
        }
      }
    }
    if (errors.length() > 0) {
      throw HeraldException.input(
          "the suppression list "
              + Display.path(file)
              + " has malformed rows; fix them so that nobody who opted out is mailed:"
              + errors);
    }
    return new OptOutList(file, keys);
  }

  public Path file() {
    return file;
  }

  public boolean contains(String email) {
    return keys.contains(EmailAddress.key(email));
  }

  public int size() {
    return keys.size();
  }

  /**
   * Adds an address (if not already there), appending a row with the reason and date. Returns
   * whether it was added.
   */
  public boolean add(String email, String reason, LocalDate date) {
    String key = EmailAddress.key(email);
    if (keys.contains(key)) {
      return false;
    }
    try {
      Csv.append(
          file,
          List.of("email", "reason", "date"),
          Csv.line(List.of(key, reason, date.toString())));
    } catch (IOException e) {
      throw HeraldException.input(
          "cannot add " + key + " to " + Display.path(file) + ": " + e.getMessage(), e);
    }
    keys.add(key);
    return true;
  }
}
