package dev.herald.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The value separator of a CSV file, read from its header line, respecting quotes: a spreadsheet
 * saves "CSV" with a semicolon where the comma is the decimal mark (Polish, German, French
 * settings), and "Text (tab-delimited)" with tabs.
 *
 * <p>The header decides: the separator that makes one of its columns {@code email} wins; if several
 * do (a header that is only {@code email}), or none does, the one that splits the header into the
 * most columns; a tie goes to the comma. So {@code email;name,surname} is read with semicolons (it
 * names an {@code email} column that way), and a header without any separator is one column.
 */
enum Delimiter {
  COMMA(',', "comma"),
  SEMICOLON(';', "semicolon"),
  TAB('\t', "tab");

  final char c;
  final String word;

  Delimiter(char c, String word) {
    this.c = c;
    this.word = word;
  }

  /** "semicolon-separated". */
  String separated() {
    return word + "-separated";
  }

  /** The separator of the file whose first line (or as much of it as was read) is {@code line}. */
  static Delimiter of(String line) {
    Delimiter best = COMMA;
    int bestFields = -1;
    boolean bestEmail = false;
    for (Delimiter d : values()) {
      List<String> fields = split(line, d.c);
      boolean email =
          fields.stream()
              .anyMatch(
                  f -> f.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT).equals("email"));
      if (email && !bestEmail || email == bestEmail && fields.size() > bestFields) {
        best = d;
        bestFields = fields.size();
        bestEmail = email;
      }
    }
    return best;
  }

  /** The fields of one line split at {@code sep}, with RFC 4180 quotes removed. */
  static List<String> split(String line, char sep) {
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          f.append(ch);
        }
      } else if (ch == '"' && f.toString().isBlank()) {
        quoted = true;
      } else if (ch == sep) {
        fields.add(f.toString());
        f.setLength(0);
      } else {
        f.append(ch);
      }
    }
    fields.add(f.toString());
    return fields;
  }

  /**
   * The first line of {@code text} (up to a line break outside quotes), or all of it if none: what
   * {@link #of} decides on.
   */
  static String firstLine(CharSequence text) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (!quoted && (ch == '\n' || ch == '\r')) {
        return text.subSequence(0, i).toString();
      }
    }
    return text.toString();
  }
}
