package dev.herald.util;

import dev.herald.HeraldException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write and read them: {@code 90m}, {@code 24h}, {@code 3d}, {@code 1d12h} (or
 * ISO-8601 {@code PT24H}, {@code P3D}) in, "3 days 4 hours" out.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d{1,9})\\s*([wdhms])");
  private static final Pattern WHOLE = Pattern.compile("(\\s*\\d{1,9}\\s*[wdhms])+\\s*");

  private Durations() {}

  /**
   * Reads a duration of zero or more; exit 2 naming {@code source} (an option or setting) and the
   * forms it takes otherwise.
   */
  public static Duration parse(String value, String source) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    Duration d = null;
    if (v.startsWith("p")) {
      try {
        d = Duration.parse(v.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        d = null;
      }
    } else if (WHOLE.matcher(v).matches()) {
      d = Duration.ZERO;
      Matcher m = PART.matcher(v);
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        d =
            d.plus(
                switch (m.group(2)) {
                  case "w" -> Duration.ofDays(7 * n);
                  case "d" -> Duration.ofDays(n);
                  case "h" -> Duration.ofHours(n);
                  case "m" -> Duration.ofMinutes(n);
                  default -> Duration.ofSeconds(n);
                });
      }
    }
    if (d == null || d.isNegative()) {
      throw HeraldException.input(
          source
              + ": '"
              + (value == null ? "" : value.strip())
              + "' is not a duration; write it as 90m, 24h, 3d or 1d12h (or ISO-8601, PT24H)");
    }
    return d;
  }

  /**
   * A duration in words, its two largest units: {@code 3 days 4 hours}, {@code 2 hours 5 minutes},
   * {@code 45 minutes}, {@code 2 years 10 days} (a year as 365 days); under a minute, {@code less
   * than a minute}.
   */
  public static String describe(Duration d) {
    long minutes = d.abs().toMinutes();
    if (minutes == 0) {
      return "less than a minute";
    }
    long[] amounts = {
      minutes / (365 * 24 * 60), minutes / (24 * 60) % 365, minutes / 60 % 24, minutes % 60
    };
    String[] units = {"year", "day", "hour", "minute"};
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < amounts.length && parts.size() < 2; i++) {
      if (amounts[i] > 0) {
        parts.add(amounts[i] + " " + units[i] + (amounts[i] == 1 ? "" : "s"));
      } else if (!parts.isEmpty()) {
        break; // "2 days" rather than "2 days 0 hours", and never skip a unit between two
      }
    }
    return String.join(" ", parts);
  }

  /** The shortest form {@link #parse} reads back: {@code 5d}, {@code 26h}, {@code 90m}. */
  public static String compact(Duration d) {
    if (d.toMinutes() % (24 * 60) == 0 && !d.isZero()) {
      return d.toDays() + "d";
    }
    if (d.toMinutes() % 60 == 0 && !d.isZero()) {
      return d.toHours() + "h";
    }
    return d.toMinutes() + "m";
  }
}
