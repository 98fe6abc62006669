package dev.herald.template;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The embargo as a reader sees it: its date and time in the variant's language, and the notice that
 * opens the message, from the resource bundle {@code dev/herald/template/embargo*.properties} (one
 * file per language; adding a language is adding a file).
 */
final class Embargo {
  private static final String BUNDLE = "dev.herald.template.embargo";

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

  /** The date and time as {@code {{embargo}}} writes it: {@code 1 December 2026, 09:00 CET}. */
  static String date(ZonedDateTime when, String language) {
    Locale locale = language.isEmpty() ? Locale.UK : Locale.forLanguageTag(language);
    return DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm z", locale).format(when);
  }

  /** The notice that opens the message of a variant in {@code language} (empty: the default). */
  static String notice(ZonedDateTime when, String language) {
    Locale locale = language.isEmpty() ? Locale.ROOT : Locale.forLanguageTag(language);
    String text = ResourceBundle.getBundle(BUNDLE, locale, OWN_OR_ENGLISH).getString("notice");
    return text.replace("{date}", date(when, language));
  }
}
