package dev.herald.csv;

import java.util.List;

/**
 * The one place every CSV file herald writes gets its cells (the opt-out list, the journal, the
 * interview and reply logs): cells safe both for RFC 4180 readers and for spreadsheets. A cell that
 * a spreadsheet would take for a formula (starting with {@code = + - @}, tab or CR) is prefixed
 * with an apostrophe, as OWASP recommends against CSV injection; so is a cell that already starts
 * with an apostrophe, so that {@link #unguard} always removes exactly one and every value reads
 * back as it was written.
 */
public final class Cells {
  private Cells() {}

  /** One record, with its terminating newline. */
  public static String line(List<String> cells) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        s.append(',');
      }
      s.append(cell(cells.get(i)));
    }
    return s.append('\n').toString();
  }

  /** One cell, neutralised and quoted where needed. */
  public static String cell(String value) {
    String v = neutralise(value == null ? "" : value);
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /**
   * Undoes {@link #neutralise}: one leading apostrophe goes, so that a value herald wrote reads
   * back as it was.
   */
  public static String unguard(String v) {
    return v.startsWith("'") ? v.substring(1) : v;
  }

  /**
   * Prefixes a formula-looking value with an apostrophe so a spreadsheet shows it as text, and a
   * value starting with an apostrophe with another, which {@link #unguard} takes off again.
   */
  public static String neutralise(String v) {
    if (!v.isEmpty() && "=+-@\t\r'".indexOf(v.charAt(0)) >= 0) {
      return "'" + v;
    }
    return v;
  }
}
