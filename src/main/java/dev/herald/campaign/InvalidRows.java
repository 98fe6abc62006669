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
