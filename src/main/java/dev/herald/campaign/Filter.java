package dev.herald.campaign;

import dev.herald.HeraldException;
import dev.herald.contacts.Columns;
import dev.herald.contacts.Contact;
import dev.herald.identity.EmailAddress;
import dev.herald.template.Language;
import java.util.ArrayList;
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
      if (column.equals(Columns.LANGUAGE)) {
        // language values compare as tags: language=pl takes pl, pl-PL, pl_PL, pol and Polish
        var wanted = Language.ofContact(value);
        if (wanted.isPresent()) {
          var tag = Language.ofContact(v);
          return tag.isPresent() && Language.within(tag.get(), wanted.get());
        }
      }
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

  /**
   * Checks that every column named exists in the contact file's header, and returns the filter with
   * each column spelt as the header spells it: column names match case-insensitively, an exact
   * match first.
   */
  public Filter check(List<String> header, String file) {
    List<Where> resolved = new ArrayList<>();
    for (Where w : where) {
      String column = header.contains(w.column()) ? w.column() : null;
      if (column == null) {
        List<String> alike = header.stream().filter(h -> h.equalsIgnoreCase(w.column())).toList();
        if (alike.size() > 1) {
          throw HeraldException.input(
              "--where "
                  + w.column()
                  + "=…: "
                  + file
                  + " has several columns of that name in other cases ("
                  + String.join(", ", alike)
                  + "); write the one you mean exactly");
        }
        column = alike.isEmpty() ? null : alike.get(0);
      }
      if (column == null) {
        throw HeraldException.input(
            "--where " + w.column() + "=…: " + file + " has no column '" + w.column() + "'");
      }
      resolved.add(new Where(column, w.value()));
    }
    return new Filter(only, resolved);
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
