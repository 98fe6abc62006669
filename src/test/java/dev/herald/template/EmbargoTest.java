package dev.herald.template;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
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
        "pl | EMBARGO: informacja nie do publikacji przed 1 grudnia 2026, 09:00 CET (08:00 UTC).",
        "fr | EMBARGO : ne pas publier avant le 1 décembre 2026, 09:00 CET (08:00 UTC).",
        "de | SPERRFRIST: nicht vor 1 Dezember 2026, 09:00 MEZ (08:00 UTC) veröffentlichen.",
        "it | EMBARGO: non pubblicare prima del 1 dicembre 2026, 09:00 CET (08:00 UTC).",
      })
  void eachLanguageReadsItsOwnFile(String language, String expected) {
    assertEquals(expected, Embargo.notice(WHEN, language, WHEN.getZone()));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "'' | EMBARGO: not for publication before 1 December 2026, 09:00 CET (08:00 UTC).",
        "en | EMBARGO: not for publication before 1 December 2026, 09:00 CET (08:00 UTC).",
        "es | EMBARGO: not for publication before 1 diciembre 2026, 09:00 CET (08:00 UTC).",
        "pl-PL | EMBARGO: not for publication before 1 grudnia 2026, 09:00 CET (08:00 UTC).",
        "de-AT | EMBARGO: not for publication before 1 Dezember 2026, 09:00 MEZ (08:00 UTC).",
      })
  void anyOtherLanguageFallsBackToEnglishWithTheDateInItsLanguage(
      String language, String expected) {
    assertEquals(expected, Embargo.notice(WHEN, language, WHEN.getZone()));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "'' | 1 December 2026, 09:00 CET (08:00 UTC)",
        "pl | 1 grudnia 2026, 09:00 CET (08:00 UTC)"
      })
  void theDateIsWrittenInTheVariantsLanguage(String language, String expected) {
    assertEquals(expected, Embargo.date(WHEN, language, WHEN.getZone()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Europe/Warsaw | 1 December 2026, 09:00 CET (08:00 UTC)",
        "europe/warsaw | 1 December 2026, 09:00 CET (08:00 UTC)",
        "Europe/London | 1 December 2026, 08:00 GMT (08:00 UTC)",
        "America/New_York | 1 December 2026, 03:00 GMT-05:00 (08:00 UTC)",
        "Pacific/Auckland | 1 December 2026, 21:00 NZDT (08:00 UTC)",
        "Pacific/Kiritimati | 1 December 2026, 22:00 LINT (08:00 UTC)",
        "UTC | 1 December 2026, 08:00 UTC",
        "+05:30 | 1 December 2026, 13:30 +05:30 (08:00 UTC)",
      })
  void theReadersZoneComesFirstThenUtc(String zone, String expected) {
    assertEquals(expected, Embargo.date(WHEN, "", Embargo.zone(zone)));
  }

  @Test
  void theUtcPartRepeatsTheDateWhenItIsAnotherDayThere() {
    ZonedDateTime late = Template.zoned("2026-12-01T00:30:00[Europe/Warsaw]");
    assertEquals(
        "1 December 2026, 00:30 CET (30 November 2026, 23:30 UTC)",
        Embargo.date(late, "", late.getZone()));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "Europe/Warsw | did you mean Europe/Warsaw?",
        "CEST | is not a time zone",
        "Mars/Olympus | is not a time zone",
        "+25:00 | is not a time zone",
        "Europe/../etc | is not a time zone",
      })
  void aZoneThatIsNoneIsRefusedWithWhatToWrite(String written, String says) {
    DateTimeException e = assertThrows(DateTimeException.class, () -> Embargo.zone(written));
    assertContains(e.getMessage(), "timezone '" + written + "'");
    assertContains(e.getMessage(), says);
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "'' | EMBARGOED UNTIL 1 December 2026, 09:00 CET: ",
        "pl | EMBARGO DO 1 grudnia 2026, 09:00 CET: ",
        "fr | EMBARGO JUSQU'AU 1 décembre 2026, 09:00 CET : ",
        "de | SPERRFRIST BIS 1 Dezember 2026, 09:00 MEZ: ",
        "es | EMBARGOED UNTIL 1 diciembre 2026, 09:00 CET: ",
      })
  void theSubjectPrefixIsInTheVariantsLanguage(String language, String expected) {
    // the prefix ends with a space before the subject (CSV cells lose their trailing space)
    assertEquals(
        expected + " ", Embargo.subjectPrefix(WHEN, language, Embargo.zone("Europe/Warsaw")));
  }
}
