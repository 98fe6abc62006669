package dev.herald.journal;

import dev.herald.csv.Cells;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The journal's line format: header, cell quoting and the spreadsheet formula guard. */
final class JournalCsv {
  /**
   * The columns of a journal before the template columns were added: such a journal still reads,
   * and {@link Journal#open} rewrites its header to {@link #COLUMNS} before it appends.
   */
  static final List<String> OLD_COLUMNS =
      List.of("time", "campaign", "recipient", "outcome", "reply", "message_id");

  /** The columns of a journal from before the subject and provenance columns were added. */
  static final List<String> TEMPLATE_COLUMNS =
      List.of(
          "time",
          "campaign",
          "recipient",
          "outcome",
          "reply",
          "message_id",
          "template",
          "template_hash");

  /**
   * New columns go at the end, so that a line of an older journal is a prefix of a new one: the
   * message's subject (follow-ups thread under it), and the contact's {@code source} and {@code
   * legal_basis} (why this address was written to).
   */
  static final List<String> COLUMNS =
      List.of(
          "time",
          "campaign",
          "recipient",
          "outcome",
          "reply",
          "message_id",
          "template",
          "template_hash",
          "subject",
          "source",
          "legal_basis");

  static final String HEADER = String.join(",", COLUMNS);

  static final String TEMPLATE_HEADER = String.join(",", TEMPLATE_COLUMNS);

  static final String OLD_HEADER = String.join(",", OLD_COLUMNS);

  /**
   * The line {@link Journal#open} writes beneath a line that a crash cut short. It starts with
   * {@code #}, which no journal line does (they start with a time), and holds no comma, so it reads
   * as one cell in a spreadsheet.
   */
  static final String TORN_MARKER =
      "# the line above was cut short when a run stopped mid-write; herald ignores it";

  /** Always three fraction digits, so every time in the file has the same shape. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private JournalCsv() {}

  /**
   * Parses a journal time. The shape herald writes is read directly, as {@link Instant#parse} takes
   * most of the time of reading a journal; anything else (a time edited by hand, say) goes through
   * {@link Instant#parse}.
   *
   * @throws java.time.format.DateTimeParseException if {@code text} is not an ISO-8601 instant
   */
  static Instant parseTime(String text) {
    if (text.length() == 24
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(19) == '.'
        && text.charAt(23) == 'Z') {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 7);
      int day = digits(text, 8, 10);
      int hour = digits(text, 11, 13);
      int minute = digits(text, 14, 16);
      int second = digits(text, 17, 19);
      int milli = digits(text, 20, 23);
      // digits() answers -1 for a field that is not all digits; OR-ing keeps its sign bit
      if ((year | month | day | hour | minute | second | milli) >= 0
          && month >= 1
          && month <= 12
          && day >= 1
          && day <= YearMonth.of(year, month).lengthOfMonth()
          && hour <= 23
          && minute <= 59
          && second <= 59) {
        return LocalDateTime.of(year, month, day, hour, minute, second, milli * 1_000_000)
            .toInstant(ZoneOffset.UTC);
      }
    }
    return Instant.parse(text);
  }

  /** The number written in {@code text[from, to)}, or -1 if that is not all digits. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** The entry as one journal line, ending in LF. */
  static String line(JournalEntry entry) {
    StringBuilder out = new StringBuilder(128);
    cell(out, TIME.format(entry.time()));
    out.append(',');
    cell(out, entry.campaign());
    out.append(',');
    cell(out, entry.recipient());
    out.append(',');
    cell(out, entry.outcome().csv());
    out.append(',');
    cell(out, entry.reply());
    out.append(',');
    cell(out, entry.messageId());
    out.append(',');
    cell(out, entry.template());
    out.append(',');
    cell(out, entry.templateHash());
    out.append(',');
    cell(out, entry.subject());
    out.append(',');
    cell(out, entry.contactSource());
    out.append(',');
    cell(out, entry.legalBasis());
    return out.append('\n').toString();
  }

  // The cell module every CSV file herald writes shares: RFC 4180 quoting and the formula guard.
  private static void cell(StringBuilder out, String value) {
    out.append(Cells.cell(value));
  }
}
