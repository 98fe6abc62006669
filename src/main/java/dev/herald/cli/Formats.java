package dev.herald.cli;

import dev.herald.HeraldException;
import java.util.List;
import java.util.Locale;

/** The {@code --format} option of the commands that print for people and for machines. */
final class Formats {
  private Formats() {}

  /** The chosen format, lower-cased, or an exit-2 error naming the ones {@code allowed}. */
  static String parse(String format, String... allowed) {
    String f = format.strip().toLowerCase(Locale.ROOT);
    if (!List.of(allowed).contains(f)) {
      String names =
          String.join(", ", List.of(allowed).subList(0, allowed.length - 1))
              + " or "
              + allowed[allowed.length - 1];
      throw HeraldException.input("--format takes " + names + ", not '" + format + "'");
    }
    return f;
  }
}
