package dev.herald.contacts;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One media contact: a row of the contact file, with the file and line it came from so that every
 * message about it can say where to look. {@code values} maps each column's name to its value; the
 * columns herald understands ({@link Columns}) appear under their lower-case names.
 */
public record Contact(Path file, long line, String email, Map<String, String> values) {

  public Contact {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public String value(String column) {
    String v = values.get(column);
    return v == null ? "" : v;
  }

  public String firstName() {
    return value(Columns.FIRST_NAME).strip();
  }

  public String lastName() {
    return value(Columns.LAST_NAME).strip();
  }

  /** First and last name joined, or empty when neither is given. */
  public String name() {
    return (firstName() + " " + lastName()).strip();
  }

  /** The language code, lower-case, or empty. */
  public String language() {
    return value(Columns.LANGUAGE).strip().toLowerCase(Locale.ROOT);
  }

  /** {@code file:line}, for messages; {@code file row N} for a spreadsheet. */
  public String where() {
    String path = dev.herald.Display.path(file);
    boolean sheet = path.toLowerCase(Locale.ROOT).matches(".*\\.xls[xm]");
    return path + (sheet ? " row " : ":") + line;
  }
}
