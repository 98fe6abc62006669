package dev.herald.template;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.testing.CliRun;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Send-At and Embargo with an offset, a zone or both, on both sides of the EU's summer-time changes
 * (2027: 28 March and 31 October): an offset never silently overrides the zone.
 */
class ScheduleZonesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    // a zone alone takes the zone's offset on that day
    "2026-12-01T09:00:00[Europe/Brussels], 2026-12-01T08:00:00Z",
    "2027-07-01T09:00:00[Europe/Brussels], 2027-07-01T07:00:00Z",
    "2027-03-27T09:00:00[Europe/Warsaw], 2027-03-27T08:00:00Z",
    "2027-03-29T09:00:00[Europe/Warsaw], 2027-03-29T07:00:00Z",
    // offset and zone that agree
    "2027-07-01T09:00:00+02:00[Europe/Brussels], 2027-07-01T07:00:00Z",
    "2026-12-01T09:00:00+01:00[Europe/Brussels], 2026-12-01T08:00:00Z",
    // an offset alone, and UTC
    "2027-07-01T09:00:00+01:00, 2027-07-01T08:00:00Z",
    "2027-07-01T09:00:00Z, 2027-07-01T09:00:00Z",
    // the autumn overlap made plain by an offset
    "2027-10-31T02:30:00+02:00[Europe/Brussels], 2027-10-31T00:30:00Z",
    "2027-10-31T02:30:00+01:00[Europe/Brussels], 2027-10-31T01:30:00Z"
  })
  void aDateTimeMeansWhatItSays(String written, String instant) {
    ZonedDateTime at = Template.zoned(written);
    assertEquals(Instant.parse(instant), at.toInstant(), written);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2027-07-01T09:00:00+01:00[Europe/Brussels]|the offset +01:00 is not Europe/Brussels's on"
            + " 2027-07-01 (it is +02:00)",
        "2026-12-01T09:00:00+02:00[Europe/Brussels]|the offset +02:00 is not Europe/Brussels's on"
            + " 2026-12-01 (it is +01:00)",
        "2027-03-28T02:30:00[Europe/Brussels]|does not exist in Europe/Brussels",
        "2027-10-31T02:30:00[Europe/Brussels]|happens twice in Europe/Brussels"
      })
  void anOffsetThatDisagreesWithTheZoneOrAnAmbiguousTimeIsAnError(String written, String says) {
    DateTimeException e = assertThrows(DateTimeException.class, () -> Template.zoned(written));
    assertContains(e.getMessage(), says);
  }

  @Test
  void checkNamesTheHeaderAndBothTheOffsetAndTheZone() {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\n"
            + "Send-At: 2027-07-01T09:00:00+01:00[Europe/Brussels]\n\nHello\n");
    TestFiles.write(dir, "contacts/media.csv", "email\na@news.example\n");

    CliRun.Result r = CliRun.in(dir).run("check", "templates/release.md");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(
        r.all(),
        "templates/release.md:3:10: Send-At: '2027-07-01T09:00:00+01:00[Europe/Brussels]': the"
            + " offset +01:00 is not Europe/Brussels's on 2027-07-01 (it is +02:00)");
  }

  @Test
  void aZoneAloneIsAcceptedBySend() {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\n"
            + "Send-At: 2099-12-01T09:00:00[Europe/Brussels]\n\nHello\n");
    TestFiles.write(dir, "contacts/media.csv", "email\na@news.example\n");

    CliRun.Result r = CliRun.in(dir).run("send", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(
        r.out(), "Not yet due: campaign release sends at 2099-12-01T09:00+01:00[Europe/Brussels]");
  }
}
