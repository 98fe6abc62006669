package dev.herald.template;

import dev.herald.util.Similar;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The embargo as a reader sees it: its date and time in the variant's language and the reader's
 * zone (their {@code timezone} column), the notice that opens the message and the subject prefix,
 * from the resource bundle {@code dev/herald/template/embargo*.properties} (one file per language;
 * adding a language is adding a file).
 */
final class Embargo {
  private static final String BUNDLE = "dev.herald.template.embargo";

  /** The optional contact column that names the reader's time zone, for {@code {{embargo}}}. */
  static final String TIMEZONE = "timezone";

  /**
   * A variant's own language file, else the English one: {@code pl-PL} reads English, not Polish,
   * and the JVM's default locale never decides the language of a message.
   */
  private static final ResourceBundle.Control OWN_OR_ENGLISH =
      new ResourceBundle.Control() {
        @Override
        public List<String> getFormats(String baseName) {
          return FORMAT_PROPERTIES;
        }

        @Override
        public List<Locale> getCandidateLocales(String baseName, Locale locale) {
          return locale.equals(Locale.ROOT) ? List.of(Locale.ROOT) : List.of(locale, Locale.ROOT);
        }

        @Override
        public Locale getFallbackLocale(String baseName, Locale locale) {
          return null; // never the default locale's file: the base file is the fallback
        }
      };

  private Embargo() {}

  /**
   * The date and time as {@code {{embargo}}} writes it, in the reader's zone and in UTC: {@code 1
   * December 2026, 10:00 CET (09:00 UTC)}; the UTC part repeats the date only when it is another
   * day there, and is left out when the reader's zone is UTC itself.
   */
  static String date(ZonedDateTime when, String language, ZoneId zone) {
    Locale locale = locale(language);
    ZonedDateTime local = when.withZoneSameInstant(zone);
    String text = local(local, language);
    if (zone.normalized().equals(ZoneOffset.UTC)) {
      return text;
    }
    ZonedDateTime utc = when.withZoneSameInstant(ZoneOffset.UTC);
    String pattern =
        utc.toLocalDate().equals(local.toLocalDate()) ? "HH:mm 'UTC'" : "d MMMM yyyy, HH:mm 'UTC'";
    return text + " (" + DateTimeFormatter.ofPattern(pattern, locale).format(utc) + ")";
  }

  /** The date and time with its zone only, as the subject prefix writes it. */
  static String local(ZonedDateTime when, String language) {
    return DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm z", locale(language)).format(when);
  }

  private static Locale locale(String language) {
    return language.isEmpty() ? Locale.UK : Locale.forLanguageTag(language);
  }

  /**
   * The notice that opens the message of a variant in {@code language} (empty: the default), the
   * date written as {@link #date} writes it for {@code zone}.
   */
  static String notice(ZonedDateTime when, String language, ZoneId zone) {
    return text("notice", language).replace("{date}", date(when, language, zone));
  }

  /**
   * What goes before the subject with {@code Embargo-Subject: true}: {@code EMBARGOED UNTIL 1
   * December 2026, 10:00 CET: }, the time in the reader's zone.
   */
  static String subjectPrefix(ZonedDateTime when, String language, ZoneId zone) {
    return text("subject", language)
        .replace("{date}", local(when.withZoneSameInstant(zone), language));
  }

  private static String text(String key, String language) {
    Locale locale = language.isEmpty() ? Locale.ROOT : Locale.forLanguageTag(language);
    return ResourceBundle.getBundle(BUNDLE, locale, OWN_OR_ENGLISH).getString(key);
  }

  /** Every zone name the JDK knows, by its lower-case form: {@code europe/warsaw} finds it too. */
  private static final Map<String, String> ZONES = zones();

  private static Map<String, String> zones() {
    Map<String, String> m = new HashMap<>();
    for (String id : ZoneId.getAvailableZoneIds()) {
      m.put(id.toLowerCase(Locale.ROOT), id);
    }
    return Map.copyOf(m);
  }

  /**
   * A contact's {@code timezone} value as a zone: an IANA name such as {@code Europe/Warsaw} (in
   * any case), {@code UTC}, or an offset such as {@code +01:00}.
   *
   * @throws DateTimeException with what to write instead when it is none of these
   */
  static ZoneId zone(String value) {
    String v = value.strip();
    String known = ZONES.get(v.toLowerCase(Locale.ROOT));
    if (known != null) {
      return ZoneId.of(known);
    }
    if (v.matches("(?i)(UTC|GMT)?[+-]\\d{1,2}(:\\d{2})?|(?i)Z")) {
      try {
        return ZoneId.of(v.toUpperCase(Locale.ROOT));
      } catch (DateTimeException e) {
        // refused below
      }
    }
    String hint =
        Similar.closest(v, ZONES.values(), 4).map(z -> " (did you mean " + z + "?)").orElse("");
    throw new DateTimeException(
        "timezone '"
            + v
            + "' is not a time zone; write an IANA name such as Europe/Warsaw or America/New_York,"
            + " or leave it empty for the embargo's own zone"
            + hint);
  }
}
