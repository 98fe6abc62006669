package dev.herald.campaign;

import dev.herald.HeraldException;
import dev.herald.contacts.Columns;
import dev.herald.contacts.Contact;
import dev.herald.contacts.EmailAddress;
import java.util.List;

/**
 * Which contacts a run is for: {@code --only EMAIL} and every {@code --where COLUMN=VALUE}
 * (compared case-insensitively; for {@code tags}, VALUE must be one of the semicolon-separated
 * tags; addresses are compared by {@link EmailAddress#key}).
 */
public record Filter(String only, List<Where> where) {
  public static final Filter ALL = new Filter(null, List.of());

  /** One {@code COLUMN=VALUE} condition. */
  public record Where(String column, String value) {
    public static Where parse(String spec) {
      int eq = spec.indexOf('=');
      if (eq <= 0) {
        throw HeraldException.input(
            "--where takes COLUMN=VALUE, such as --where language=pl; got '" + spec + "'");
      }
      return new Where(spec.substring(0, eq).strip(), spec.substring(eq + 1).strip());
    }

    boolean test(Contact c) {
      String v = c.value(column);
      if (column.equals(Columns.TAGS)) {
        for (String tag : v.split(";")) {
          if (tag.strip().equalsIgnoreCase(value)) {
            return true;
          }
        }
        return false;
      }
      if (column.equals(Columns.EMAIL)) {
        return EmailAddress.key(v.strip()).equals(EmailAddress.key(value));
      }
      return v.strip().equalsIgnoreCase(value);
    }
  }

  public Filter {
    where = List.copyOf(where);
  }

  /** Checks that every column named exists in the contact file's header. */
  public void check(List<String> header, String file) {
    for (Where w : where) {
      if (!header.contains(w.column())) {
        throw HeraldException.input(
            "--where " + w.column() + "=…: " + file + " has no column '" + w.column() + "'");
      }
    }
  }

  public boolean test(Contact c) {
    if (only != null && !EmailAddress.key(only).equals(EmailAddress.key(c.email()))) {
      return false;
    }
    for (Where w : where) {
      if (!w.test(c)) {
        return false;
      }
    }
    return true;
  }
}
