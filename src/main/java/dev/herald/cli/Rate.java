package dev.herald.cli;

import dev.herald.HeraldException;
import java.util.Locale;

/**
 * How fast a send may go, over all its connections: {@code --rate} or {@code smtp.rate}, written
 * "N/min", "N/s" or "N/h" and kept as whole messages a minute, the unit herald paces in.
 *
 * @param perMinute messages a minute; {@link #UNLIMITED} (0) when no rate is set
 */
record Rate(int perMinute) {
  /** No pacing: as fast as the connections go. */
  static final Rate UNLIMITED = new Rate(0);

  /**
   * {@code spec} read as a rate, or {@link #UNLIMITED} if null; {@code source} names its origin.
   */
  static Rate parse(String spec, String source) {
    if (spec == null) {
      return UNLIMITED;
    }
    String v = spec.strip().toLowerCase(Locale.ROOT);
    int slash = v.indexOf('/');
    String number = slash < 0 ? v : v.substring(0, slash);
    String unit = slash < 0 ? "min" : v.substring(slash + 1);
    try {
      long n = Long.parseLong(number.strip());
      if (n < 1) {
        throw new NumberFormatException();
      }
      long perMinute =
          switch (unit) {
            case "s", "sec", "second" -> Math.multiplyExact(n, 60);
            case "m", "min", "minute" -> n;
            case "h", "hour" -> perHour(n, spec, source);
            default -> throw new NumberFormatException();
          };
      return new Rate((int) Math.min(perMinute, Integer.MAX_VALUE));
    } catch (NumberFormatException | ArithmeticException e) {
      throw HeraldException.input(
          source + " takes N/min (or N/s, N/h), such as 120/min; not '" + spec + "'");
    }
  }

  private static long perHour(long n, String spec, String source) {
    if (n < 60) {
      // rounding up to one a minute would send faster than asked
      throw HeraldException.input(
          source
              + " '"
              + spec
              + "' is less than one a minute, the slowest herald paces; use 60/h or more");
    }
    return n / 60;
  }
}
