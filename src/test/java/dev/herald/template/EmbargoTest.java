package dev.herald.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The embargo notice comes from one properties file per language: each language herald knows reads
 * its own, and every other language, a regional form of a known one included, reads English.
 */
class EmbargoTest {
  private static final ZonedDateTime WHEN =
      Template.zoned("2026-12-01T09:00:00+01:00[Europe/Brussels]");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "pl | EMBARGO: informacja nie do publikacji przed 1 grudnia 2026, 09:00 CET.",
        "fr | EMBARGO : ne pas publier avant le 1 décembre 2026, 09:00 CET.",
        "de | SPERRFRIST: nicht vor 1 Dezember 2026, 09:00 MEZ veröffentlichen.",
        "it | EMBARGO: non pubblicare prima del 1 dicembre 2026, 09:00 CET.",
      })
  void eachLanguageReadsItsOwnFile(String language, String expected) {
    assertEquals(expected, Embargo.notice(WHEN, language));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "'' | EMBARGO: not for publication before 1 December 2026, 09:00 CET.",
        "en | EMBARGO: not for publication before 1 December 2026, 09:00 CET.",
        "es | EMBARGO: not for publication before 1 diciembre 2026, 09:00 CET.",
        "pl-PL | EMBARGO: not for publication before 1 grudnia 2026, 09:00 CET.",
        "de-AT | EMBARGO: not for publication before 1 Dezember 2026, 09:00 MEZ.",
      })
  void anyOtherLanguageFallsBackToEnglishWithTheDateInItsLanguage(
      String language, String expected) {
    assertEquals(expected, Embargo.notice(WHEN, language));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {"'' | 1 December 2026, 09:00 CET", "pl | 1 grudnia 2026, 09:00 CET"})
  void theDateIsWrittenInTheVariantsLanguage(String language, String expected) {
    assertEquals(expected, Embargo.date(WHEN, language));
  }
}
