package dev.herald.contacts;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/** The header row of a contact file: the names of its columns, checked before any row is read. */
final class ContactHeader {
  private ContactHeader() {}

  /**
   * Reads the header row from {@code records}: the column names, stripped, with the ones herald
   * understands lower-cased.
   *
   * @throws HeraldException exit 2 naming line 1 if the header is missing, too wide, has a
   *     nameless, repeated or undecodable column, or no {@code email} column
   */
  static List<String> read(Path file, InputLimits limits, Iterator<CSVRecord> records) {
    CSVRecord first;
    try {
      if (!records.hasNext()) {
        throw HeraldException.input(
            Display.path(file) + ": is empty; expected a header row naming an 'email' column");
      }
      first = records.next();
    } catch (UncheckedIOException | IllegalStateException e) {
      BoundedCsvReader.TooLong t = ContactFile.tooLong(e);
      if (t != null && t.tooManyFields) {
        throw HeraldException.input(
            String.format(
                Locale.ROOT,
                "%s:1: the header has more than %,d columns; the limit is %,d (limits.columns in"
                    + " herald.properties)",
                Display.path(file),
                limits.maxColumns(),
                limits.maxColumns()));
      }
      if (t != null) {
        throw HeraldException.input(
            Display.path(file)
                + ":"
                + t.line
                + ":"
                + t.column
                + ": "
                + ContactFile.tooLongField(null, limits));
      }
      throw HeraldException.input(
          Display.path(file) + ":1: cannot read the header row: " + ContactFile.reason(e));
    }
    if (first.size() > limits.maxColumns()) {
      throw HeraldException.input(
          String.format(
              Locale.ROOT,
              "%s:1: the header has %,d columns; the limit is %,d (limits.columns in herald.properties)",
              Display.path(file),
              first.size(),
              limits.maxColumns()));
    }
    List<String> names = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      String raw = first.get(i);
      String name = raw.strip();
      if (name.indexOf('\uFEFF') >= 0) {
        errors.add(
            "column "
                + (i + 1)
                + " of the header contains a byte-order mark (were two files joined?); remove it");
        name = name.replace("\uFEFF", "");
      }
      if (name.indexOf('\uFFFD') >= 0 || name.indexOf('\0') >= 0) {
        errors.add("column " + (i + 1) + " of the header is not valid UTF-8 text");
      }
      if (name.isEmpty()) {
        errors.add("column " + (i + 1) + " of the header has no name");
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (Columns.KNOWN.contains(lower)) {
        name = lower;
      }
      Integer before = seen.putIfAbsent(lower, i + 1);
      if (before != null && !name.isEmpty()) {
        errors.add(
            "the header names '" + name + "' twice (columns " + before + " and " + (i + 1) + ")");
      }
      names.add(name);
    }
    if (!errors.isEmpty()) {
      throw HeraldException.input(Display.path(file) + ":1: " + String.join("; ", errors));
    }
    if (!names.contains(Columns.EMAIL)) {
      throw HeraldException.input(
          Display.path(file)
              + ":1: the header has no 'email' column (it has: "
              + abbreviate(String.join(", ", names), 200)
              + ")");
    }
    return List.copyOf(names);
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
