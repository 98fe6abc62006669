package dev.herald.contacts;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
  static List<String> read(Path file, InputLimits limits, RowSource.Raw raw, RowSource source) {
    if (raw == null) {
      throw HeraldException.input(
          Display.path(file) + ": is empty; expected a header row naming an 'email' column");
    }
    List<String> first = raw.cells();
    if (first.size() > limits.maxColumns()) {
      throw HeraldException.input(
          source
              .problem(
                  raw.line(),
                  0,
                  String.format(
                      Locale.ROOT,
                      "the header has %,d columns; the limit is %,d (limits.columns in"
                          + " herald.properties)",
                      first.size(),
                      limits.maxColumns()))
              .toString());
    }
    List<String> names = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      String cell = first.get(i);
      String name = cell.strip();
      if (name.indexOf('\uFEFF') >= 0) {
        errors.add(
            "column "
                + (i + 1)
                + " of the header contains a byte-order mark (were two files joined?); remove it");
        name = name.replace("\uFEFF", "");
      }
      if (name.indexOf('\uFFFD') >= 0 || name.indexOf('\0') >= 0) {
        errors.add(
            "column " + (i + 1) + " of the header is not valid " + source.encoding() + " text");
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
      throw HeraldException.input(
          source.problem(raw.line(), 0, String.join("; ", errors)).toString());
    }
    if (!names.contains(Columns.EMAIL)) {
      throw HeraldException.input(
          source
              .problem(
                  raw.line(),
                  0,
                  "the header has no 'email' column (it has: "
                      + abbreviate(String.join(", ", names), 200)
                      + "; read as "
                      + source.describe()
                      + ")")
              .toString());
    }
    return List.copyOf(names);
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
