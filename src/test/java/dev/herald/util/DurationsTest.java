package dev.herald.util;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.HeraldException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations as a press officer writes them in --max-late, and as herald says them back. */
class DurationsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "90m, PT1H30M",
    "24h, PT24H",
    "3d, PT72H",
    "1d12h, PT36H",
    "1d 12h, PT36H",
    "2w, PT336H",
    "45s, PT45S",
    "0m, PT0S",
    "PT24H, PT24H",
    "pt90m, PT1H30M",
    "P3D, PT72H",
    "P1DT2H, PT26H",
    "' 3D ', PT72H"
  })
  void readsTheShortFormsAndIso(String written, String iso) {
    assertEquals(Duration.parse(iso), Durations.parse(written, "--max-late"));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {"", "24", "tomorrow", "-1h", "PT-1H", "1.5h", "3x", "d", "P", "99999999999d"})
  void refusesAnythingElseNamingWhereItWasWritten(String written) {
    HeraldException e =
        assertThrows(HeraldException.class, () -> Durations.parse(written, "send.max-late"));
    assertContains(e.getMessage(), "send.max-late: '" + written.strip() + "' is not a duration");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "PT30S, less than a minute",
    "PT1M, 1 minute",
    "PT45M, 45 minutes",
    "PT2H5M, 2 hours 5 minutes",
    "PT2H, 2 hours",
    "PT76H, 3 days 4 hours",
    "PT72H30M, 3 days",
    "PT24H, 1 day",
    "P400D, 1 year 35 days",
    "P2200D, 6 years 10 days"
  })
  void saysTheTwoLargestUnits(String iso, String words) {
    assertEquals(words, Durations.describe(Duration.parse(iso)));
  }
}
