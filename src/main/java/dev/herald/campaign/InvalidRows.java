package dev.herald.campaign;

import dev.herald.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The contacts that cannot be sent: all counted, the first {@link #MAX_LISTED} kept to be listed (a
 * list whose every row is broken must not fill memory), and the lines of the contact file they are
 * on.
 */
final class InvalidRows {
  /** At most this many invalid rows are kept to be listed; the rest are counted. */
  static final int MAX_LISTED = 1000;

  private final List<Problem> listed = new ArrayList<>();
  private final LineSet lines = new LineSet();
  private int count;
  private Problem last; // the latest row added; null before the first

  /** Adds a row's problem; {@code contacts} is the contact file, whose lines are remembered. */
  void add(Problem p, Path contacts) {
    count++;
    last = p;
    if (listed.size() < MAX_LISTED) {
      listed.add(p);
    }
    if (p.file() != null && p.file().equals(contacts)) {
      lines.add(p.line());
    }
  }

  /**
   * Takes back the latest row added, if any: it is where the rest of the file could not be read,
   * which is no longer one row's problem.
   */
  Optional<Problem> takeLast() {
    if (last == null) {
      return Optional.empty();
    }
    if (!listed.isEmpty() && listed.get(listed.size() - 1) == last) {
      listed.remove(listed.size() - 1);
    }
    count--;
    return Optional.of(last);
  }

  /**
   * When most of the {@code total} rows are invalid, what is likely wrong with the file as a whole
   * (read as {@code format}), judged from the problems listed; null otherwise. Skipping the invalid
   * rows is then no remedy: it would leave most contacts out.
   */
  String wholeFile(int total, String format) {
    if (total == 0 || 2L * count <= total) {
      return null;
    }
    int fields = 0;
    int text = 0;
    int address = 0;
    for (Problem p : listed) {
      String m = p.message();
      if (m.contains(", the header has ") || m.contains("beyond the last column")) {
        fields++;
      } else if (m.contains(" is not valid ") && m.contains(" text")) {
        text++;
      } else if (m.contains("address")) {
        address++;
      }
    }
    int half = listed.size() / 2;
    String why =
        fields > half
            ? "most rows have another number of values than the header, so the file is probably"
                + " not "
                + format
                + " as it is read (another separator, or values with unquoted separators)"
            : text > half
                ? "most rows hold bytes that are not text in the file's encoding; read it with"
                    + " --encoding NAME, or save it as \"CSV UTF-8\""
                : address > half
                    ? "most rows have no valid address in the 'email' column: is it the right"
                        + " column, or are the columns shifted?"
                    : "an export of another list, or the wrong file?";
    return String.format(
        java.util.Locale.ROOT,
        "Most rows (%d of %d) are invalid, so the file itself is likely wrong: %s. Fix the file:"
            + " --skip-invalid would leave most contacts out.",
        count,
        total,
        why);
  }

  List<Problem> listed() {
    return List.copyOf(listed);
  }

  int count() {
    return count;
  }

  boolean onLine(long line) {
    return lines.contains(line);
  }
}
