package dev.herald.contacts;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;

/**
 * A spreadsheet cell as the text a person sees in it, so that a template gets what the sheet shows:
 * a phone number stored as a number is {@code 48123456789} (never {@code 4.8123456789E10}), a
 * number formatted {@code 00000} keeps its leading zeros, a percentage is {@code 15%}, a date is
 * ISO ({@code 2026-12-02}, with {@code 14:30} if it has a time), a boolean is {@code TRUE} or
 * {@code FALSE}, and a formula gives its value as last calculated by the spreadsheet (herald
 * calculates nothing).
 */
final class CellText {
  private CellText() {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  /** The cell's text; null for a cell holding an error ({@code #N/A}, {@code #REF!}). */
  static String of(Cell c) {
    CellType type = c.getType();
    Object v = c.getValue();
    if (type == CellType.ERROR) {
      return null;
    }
    if (type == CellType.EMPTY || v == null) {
      return c.getRawValue() == null || type != CellType.FORMULA ? "" : c.getRawValue();
    }
    if (v instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    if (v instanceof BigDecimal n) {
      return number(c, n);
    }
    return v.toString();
  }

  /** Why a cell cannot be used: it holds a spreadsheet error. */
  static String error(Cell c) {
    return "the cell holds the spreadsheet error "
        + (c.getRawValue() == null ? "" : c.getRawValue() + " ")
        + "(a formula that failed): fix it in the sheet";
  }

  private static String number(Cell c, BigDecimal n) {
    String format = c.getDataFormatString();
    if (format != null && isDate(format)) {
      try {
        LocalDateTime t = c.asDate();
        if (t != null) {
          if (t.toLocalTime().toSecondOfDay() == 0) {
            return t.toLocalDate().toString();
          }
          return n.abs().compareTo(BigDecimal.ONE) < 0 ? t.format(TIME) : t.format(DATE_TIME);
        }
      } catch (RuntimeException e) {
        // not a date after all (out of range): the number is shown below
      }
    }
    if (format != null && format.contains("%") && !format.contains("\"")) {
      return plain(n.movePointRight(2)) + "%";
    }
    String text = plain(n);
    if (format != null
        && format.matches("0+")
        && n.signum() >= 0
        && text.length() < format.length()) {
      return "0".repeat(format.length() - text.length()) + text; // a postal code such as 01234
    }
    return text;
  }

  private static String plain(BigDecimal n) {
    return n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
  }

  /**
   * Whether a number format shows a date or time: it has y, d, h or s (or m) outside quoted text,
   * escapes and bracketed colours or conditions ({@code [h]} counts as a time).
   */
  static boolean isDate(String format) {
    String f =
        format
            .replaceAll("\"[^\"]*\"", "")
            .replaceAll("\\\\.", "")
            .replaceAll("\\[(?![hHmMsS]+\\])[^\\]]*\\]", "")
            .toLowerCase(Locale.ROOT);
    if (f.equals("general") || f.isBlank()) {
      return false;
    }
    return f.matches(".*[ydhsm].*") && !f.matches(".*[#0?].*[ydhs].*|.*e[+-].*");
  }
}
