package dev.herald.campaign;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.Problem;
import dev.herald.contacts.Contact;
import dev.herald.contacts.ContactFile;
import dev.herald.contacts.OptOutList;
import dev.herald.identity.EmailAddress;
import dev.herald.util.Hashes;
import dev.herald.util.LongIntMap;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The contact file read as a stream of decisions: each row is selected, suppressed (on the opt-out
 * list), a duplicate of an earlier row, invalid, or filtered out. Repeated addresses are recognised
 * by a 64-bit hash of the address's key ({@link EmailAddress#key}), so memory stays small for long
 * lists.
 */
public final class Audience {

  /** What happens to one row. */
  public enum Kind {
    SELECTED,
    SUPPRESSED,
    DUPLICATE,
    INVALID,
    FILTERED
  }

  /**
   * A row and its fate: {@code problem} is set for INVALID (null otherwise), {@code firstLine} for
   * DUPLICATE (the line where the address first appeared; 0 otherwise, as no line is line 0). An
   * INVALID row has no contact (null).
   */
  public record Entry(Kind kind, Contact contact, Problem problem, long firstLine) {}

  private final Path file;
  // read again when its files change: see forEach
  private volatile OptOutList optOut;
  private final InputLimits limits;
  private final Filter filter;
  private final List<String> header;
  private final String format;

  public Audience(Path file, OptOutList optOut, InputLimits limits, Filter filter) {
    this.file = file;
    this.optOut = optOut;
    this.limits = limits;
    try (ContactFile csv = ContactFile.open(file, limits)) {
      this.header = csv.header();
      this.format = csv.describe();
    }
    this.filter = filter.check(header, Display.path(file));
  }

  public Path file() {
    return file;
  }

  /** How the file is read: "semicolon-separated, UTF-8", or which sheet of a workbook. */
  public String format() {
    return format;
  }

  public List<String> header() {
    return header;
  }

  public OptOutList optOut() {
    return optOut;
  }

  /**
   * Reads the file from the start and hands every row's decision to {@code action}. Returns false
   * when reading had to stop before the end of the file (the last INVALID entry says why).
   */
  public boolean forEach(Consumer<Entry> action) {
    LongIntMap seen = new LongIntMap();
    // The opt-out list as it is now (a send's pass runs after its question, which may have taken
    // minutes), and again every second of a long pass: an opt-out added meanwhile applies from
    // then on. A list that cannot be read mid-pass (caught half-written) is tried again later.
    optOut = optOut.fresh();
    long checked = System.nanoTime();
    try (ContactFile csv = ContactFile.open(file, limits)) {
      for (ContactFile.Row row : csv) {
        if (System.nanoTime() - checked > 1_000_000_000L) {
          checked = System.nanoTime();
          try {
            optOut = optOut.fresh();
          } catch (HeraldException e) {
            // keep the list as it was read last; the next check reads it again
          }
        }
        if (!row.ok()) {
          action.accept(new Entry(Kind.INVALID, null, row.problem(), 0));
          continue;
        }
        Contact c = row.contact();
        if (!filter.test(c)) {
          action.accept(new Entry(Kind.FILTERED, c, null, 0));
          continue;
        }
        if (optOut.contains(c.email())) {
          action.accept(new Entry(Kind.SUPPRESSED, c, null, 0));
          continue;
        }
        long key = Hashes.key64(EmailAddress.key(c.email()));
        // 0 when the address is new: line numbers start at 1
        int first = seen.putIfAbsent(key, (int) Math.min(c.line(), Integer.MAX_VALUE));
        if (first != 0) {
          action.accept(new Entry(Kind.DUPLICATE, c, null, first));
          continue;
        }
        action.accept(new Entry(Kind.SELECTED, c, null, 0));
      }
      return !csv.stoppedEarly();
    }
  }
}
