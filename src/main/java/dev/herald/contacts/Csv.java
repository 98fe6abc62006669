package dev.herald.contacts;

import java.util.List;

/**
 * Writing CSV cells that are safe both for RFC 4180 readers and for spreadsheets: a cell that a
 * spreadsheet would take for a formula (starting with {@code = + - @}, tab or CR) is prefixed with
 * an apostrophe, as OWASP recommends against CSV injection.
 */
public final class Csv {
  private Csv() {}

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
   * Undoes {@link #neutralise}: the apostrophe before a formula character goes, so that a value
   * herald wrote reads back as it was.
   */
  public static String unguard(String v) {
    if (v.length() >= 2 && v.charAt(0) == '\'' && "=+-@\t\r".indexOf(v.charAt(1)) >= 0) {
      return v.substring(1);
    }
    return v;
  }

  /** Prefixes a formula-looking value with an apostrophe so a spreadsheet shows it as text. */
  public static String neutralise(String v) {
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      return "'" + v;
    }
    return v;
  }
}
