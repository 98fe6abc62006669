package dev.herald.contacts;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.Problem;
import dev.herald.csv.Cells;
import dev.herald.identity.EmailAddress;
import dev.herald.identity.UnsubscribeTokens;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code herald optout import}: unsubscribes collected elsewhere (a web form, a mail provider's
 * export) added to the suppression list. The file is read as a contact list is ({@code .csv} in any
 * separator and encoding {@link ContactFile} reads, or a sheet of an {@code .xlsx}); its addresses
 * come from the column {@code email}, the column named by {@code --column}, or the only column (a
 * one-column file whose first line is itself an address has no header). Optional {@code reason} and
 * {@code date} columns are kept. Every row is checked before anything is written, as contact lists
 * are: an invalid address stops the import (exit 2) with every bad row named, unless they are to be
 * skipped. The new entries are then added in one durable append ({@link OptOutList#addAll}).
 */
public final class OptOutImport {
  private OptOutImport() {}

  /**
   * Resolves the unsubscribe tokens an https: one-click address carried ({@code token=…}) to the
   * addresses they were sent to: the journal's recipients, under the folder's key ({@link
   * dev.herald.journal.SentTokens}). A token missing from the answer was given to nobody.
   */
  @FunctionalInterface
  public interface Tokens {
    Map<String, String> resolve(Set<String> tokens);
  }

  /** The column of tokens that a web endpoint behind the https: address may export. */
  static final String TOKEN = "token";

  /** A row that names its address only by a token, resolved once the whole file is read. */
  private record ByToken(String token, String reason, LocalDate date, Problem where) {}

  /** At most this many invalid rows are listed; the rest are counted. */
  static final int MAX_LISTED = 1000;

  /**
   * What an import found: {@code added} new entries (or, in a dry run, that would be added), {@code
   * already} addresses already on the list (or repeated in the file), the {@code invalid} rows
   * (counted; at most {@link #MAX_LISTED} listed), {@code warnings} about rows that were still
   * imported, and how the file was read.
   */
  public record Result(
      int added,
      int already,
      int invalid,
      List<Problem> listed,
      List<String> warnings,
      String readAs,
      String column) {
    public Result {
      listed = List.copyOf(listed);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Reads {@code file} and adds its new addresses to {@code list}.
   *
   * @param column the address column's name, or null for {@code email} or the only column
   * @param skipInvalid whether invalid rows are skipped and reported rather than stopping it
   * @param dryRun whether to write nothing
   * @throws HeraldException exit 2 if the file cannot be read, has no such column, or holds invalid
   *     rows and {@code skipInvalid} is false; nothing is written then
   */
  public static Result run(
      Path file,
      String column,
      OptOutList list,
      InputLimits limits,
      LocalDate today,
      boolean skipInvalid,
      boolean dryRun,
      Tokens tokens) {
    String defaultReason = "imported from " + file.getFileName();
    List<OptOutList.NewEntry> entries = new ArrayList<>();
    List<Problem> listed = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<ByToken> byToken = new ArrayList<>();
    int invalid = 0;
    int already = 0;
    String readAs;
    String columnName;
    try (RowSource source = ContactFile.source(file, limits, false)) {
      readAs = source.describe();
      RowSource.Raw first = next(source);
      if (first == null) {
        throw HeraldException.input(
            Display.path(file) + ": is empty; expected a column of addresses");
      }
      if (first.problem() != null) {
        throw HeraldException.input(first.problem().toString());
      }
      List<String> header = first.cells();
      boolean headless = header.size() == 1 && column == null && isAddress(header.get(0));
      int tokenAt = headless ? -1 : indexOf(header, TOKEN);
      boolean tokensOnly = column == null && tokenAt >= 0 && indexOf(header, "email") < 0;
      int at = headless || tokensOnly ? 0 : addressColumn(file, header, column, source);
      columnName =
          headless
              ? "the only column (no header)"
              : tokensOnly ? "the column 'token'" : "'" + header.get(at).strip() + "'";
      int reasonAt = headless ? -1 : indexOf(header, "reason");
      int dateAt = headless ? -1 : indexOf(header, "date");
      RowSource.Raw raw = headless ? first : next(source);
      for (; raw != null; raw = next(source)) {
        if (raw.problem() != null) {
          invalid++;
          if (listed.size() < MAX_LISTED) {
            listed.add(raw.problem());
          }
          if (raw.line() < 0) {
            break; // reading stopped: the rest of the file is unknown
          }
          continue;
        }
        List<String> cells = raw.cells();
        if (tokensOnly) {
          String token = UnsubscribeTokens.parse(cell(cells, tokenAt));
          if (token.isEmpty()) {
            invalid++;
            if (listed.size() < MAX_LISTED) {
              listed.add(
                  source.problem(
                      raw.line(),
                      tokenAt + 1,
                      "'"
                          + cell(cells, tokenAt)
                          + "' is not an unsubscribe token (16 letters and digits 2-7)"));
            }
          } else {
            String reason = cell(cells, reasonAt);
            byToken.add(
                new ByToken(
                    token,
                    reason.isEmpty() ? "unsubscribe link (web)" : reason,
                    date(cell(cells, dateAt), today, raw, dateAt, source, warnings),
                    source.problem(raw.line(), tokenAt + 1, "")));
          }
          continue;
        }
        String address = at < cells.size() ? Cells.unguard(cells.get(at).strip()) : "";
        String wrong =
            address.isEmpty()
                ? "has no address in " + columnName
                : EmailAddress.problem(address).orElse(null);
        if (wrong != null) {
          invalid++;
          if (listed.size() < MAX_LISTED) {
            listed.add(source.problem(raw.line(), at + 1, wrong));
          }
          continue;
        }
        if (list.contains(address) || !seen.add(EmailAddress.key(address))) {
          already++;
          continue;
        }
        String reason = cell(cells, reasonAt);
        entries.add(
            new OptOutList.NewEntry(
                address,
                reason.isEmpty() ? defaultReason : reason,
                date(cell(cells, dateAt), today, raw, dateAt, source, warnings)));
      }
    }
    if (!byToken.isEmpty()) {
      Set<String> wanted = new LinkedHashSet<>();
      byToken.forEach(b -> wanted.add(b.token()));
      Map<String, String> addresses = tokens.resolve(wanted);
      for (ByToken b : byToken) {
        String address = addresses.get(b.token());
        if (address == null) {
          invalid++;
          if (listed.size() < MAX_LISTED) {
            Problem w = b.where();
            listed.add(
                new Problem(
                    w.file(),
                    w.line(),
                    w.column(),
                    "token '"
                        + b.token()
                        + "' was given to nobody this folder sent to (forged, or made under"
                        + " another key)",
                    w.sheet()));
          }
        } else if (list.contains(address) || !seen.add(EmailAddress.key(address))) {
          already++;
        } else {
          entries.add(new OptOutList.NewEntry(address, b.reason(), b.date()));
        }
      }
    }
    if (invalid > 0 && !skipInvalid) {
      StringBuilder m =
          new StringBuilder(
              Display.path(file)
                  + ": "
                  + invalid
                  + (invalid == 1 ? " row is" : " rows are")
                  + " invalid; nothing was added to "
                  + Display.path(list.file())
                  + ":");
      for (Problem p : listed) {
        m.append("\n  ").append(p);
      }
      if (invalid > listed.size()) {
        m.append("\n  … and ").append(invalid - listed.size()).append(" more");
      }
      m.append("\nFix these rows, or run again with --skip-invalid to leave them out.");
      throw HeraldException.input(m.toString());
    }
    int added = dryRun ? entries.size() : list.addAll(entries);
    // entries already checked against the list: any difference is a row added meanwhile
    already += entries.size() - added;
    return new Result(added, already, invalid, listed, warnings, readAs, columnName);
  }

  private static RowSource.Raw next(RowSource source) {
    try {
      return source.next();
    } catch (RowSource.Stop e) {
      // an unbalanced quote or an overgrown field: what follows cannot be read, and is unknown
      return new RowSource.Raw(List.of(), -1, e.problem);
    }
  }

  /** The address column: {@code column} if named, else {@code email}, else the only column. */
  private static int addressColumn(
      Path file, List<String> header, String column, RowSource source) {
    String wanted = column == null ? "email" : column.strip();
    int at = indexOf(header, wanted);
    if (at >= 0) {
      return at;
    }
    if (column == null && header.size() == 1) {
      return 0;
    }
    List<String> names = header.stream().map(String::strip).toList();
    String hint = "";
    if (column == null) {
      String mail =
          names.stream()
              .filter(n -> n.toLowerCase(Locale.ROOT).contains("mail"))
              .findFirst()
              .orElse(null);
      hint =
          mail == null
              ? "; name the column of addresses with --column NAME"
              : "; is it --column \"" + mail + "\"?";
    }
    throw HeraldException.input(
        source
            .problem(
                1,
                0,
                "has no column '"
                    + wanted
                    + "' (it has: "
                    + String.join(", ", names)
                    + "; read as "
                    + source.describe()
                    + ")"
                    + hint)
            .toString());
  }

  private static int indexOf(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).replace("\uFEFF", "").strip().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String cell(List<String> cells, int at) {
    return at < 0 || at >= cells.size() ? "" : Cells.unguard(cells.get(at).strip());
  }

  private static boolean isAddress(String cell) {
    String c = cell.replace("\uFEFF", "").strip();
    return c.contains("@") && EmailAddress.problem(c).isEmpty();
  }

  /**
   * The row's date: ISO {@code 2026-12-02}, also with a time after it ({@code 2026-12-02 14:30},
   * {@code 2026-12-02T14:30:00Z}, as spreadsheets and providers write it); empty: today. Any other
   * form is not guessed at ({@code 02/12/2026} is 2 December or 12 February): today's date is kept,
   * with a warning naming the row.
   */
  private static LocalDate date(
      String text,
      LocalDate today,
      RowSource.Raw raw,
      int column,
      RowSource source,
      List<String> warnings) {
    if (text.isEmpty()) {
      return today;
    }
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      warnings.add(
          source
              .problem(
                  raw.line(),
                  column + 1,
                  "date '"
                      + text
                      + "' is not a date such as 2026-12-02; the address is added with today's date")
              .toString());
      return today;
    }
  }
}
