package dev.herald.template;

import static dev.herald.testing.TestFiles.assertContains;
import static dev.herald.testing.TestFiles.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.TestFiles;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The release's schedule as the reader and the reviewer see it: Send-At before the Embargo, an
 * embargo that has passed no longer announced, {@code Embargo-Subject}, {@code {{embargo}}} in the
 * contact's own zone, and the schedule written once for every language. The clock is injected.
 */
class EmbargoScheduleTest {
  @TempDir Path dir;

  private static final String FROM = "From: Press <press@herald.example>\n";
  private static final String EMBARGO = "Embargo: 2026-12-01T10:00:00+01:00[Europe/Brussels]\n";

  /** An Embargo line as a CSV cell writes it ({@code \\n} for the line end). */
  private static final String EMBARGO_LINE = "Embargo: 2026-12-01T10:00:00+01:00\\n";

  /** Before the embargo (09:00Z on 1 December), and after it. */
  private static final Clock BEFORE = at("2026-11-30T12:00:00Z");

  private static final Clock AFTER = at("2026-12-03T09:00:00Z");

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  private void release(String headers, String body) {
    TestFiles.write(dir, "templates/release.md", "Subject: News\n" + FROM + headers + "\n" + body);
  }

  private void contacts(String csv) {
    TestFiles.write(dir, "contacts/media.csv", csv);
  }

  private CliRun.Result run(Clock clock, String... args) {
    return CliRun.in(dir).clock(clock).run(args);
  }

  private Map<String, MimeMessage> preview(Clock clock) throws Exception {
    CliRun.Result r = run(clock, "preview", "templates/release.md");
    assertEquals(0, r.exitCode(), r::toString);
    return Eml.byRecipient(dir.resolve("preview"));
  }

  @ParameterizedTest(name = "Send-At {0}")
  @ValueSource(
      strings = {"2026-12-01T10:00:00+01:00", "2026-12-01T09:00:00Z", "2026-12-02T08:00:00Z"})
  void sendAtAtOrAfterTheEmbargoIsAnErrorInEveryCommand(String sendAt) {
    release("Send-At: " + sendAt + "\n" + EMBARGO, "Hello\n");
    contacts("email\na@news.example\n");

    for (String command : new String[] {"check", "preview", "send"}) {
      CliRun.Result r = run(BEFORE, command, "templates/release.md");
      assertEquals(2, r.exitCode(), command + ": " + r);
      assertNames(r.all(), "templates/release.md:3");
      assertContains(r.all(), "Send-At (" + Template.zoned(sendAt) + ") is ");
      assertContains(r.all(), " the Embargo (2026-12-01T10:00+01:00[Europe/Brussels])");
    }
    assertFalse(dir.resolve("outbox").toFile().exists());
  }

  @Test
  void sendAtBeforeTheEmbargoIsFine() {
    release("Send-At: 2026-12-01T09:59:00+01:00\n" + EMBARGO, "Hello\n");
    contacts("email\na@news.example\n");

    CliRun.Result r = run(BEFORE, "check", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    // no warning about the schedule (the release's lack of an unsubscribe link is another matter)
    assertFalse(
        r.out().lines().anyMatch(l -> l.contains("Warning") && !l.contains("no unsubscribe link")),
        r::out);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Send-At: 2026-12-01T09:00:00Z\\nSend-Until: 2026-12-01T09:00:00Z\\n|4|Send-Until"
            + " (2026-12-01T09:00Z) is not after Send-At (2026-12-01T09:00Z)",
        "Send-Until: tomorrow\\n|3:13|Send-Until: 'tomorrow' is not an ISO-8601 date-time",
        "Send-Until: {{outlet}}\\n|3:13|placeholders are not allowed in send-until",
        EMBARGO_LINE + "Embargo-Subject: yes\\n|4:18|Embargo-Subject: 'yes' must be true or false",
        "Embargo-Subject: true\\n|3|Embargo-Subject: true needs an 'Embargo:' header",
        EMBARGO_LINE
            + "Embargo-Subject: {{outlet}}\\n|4:18|placeholders are not allowed in"
            + " embargo-subject",
      })
  void aScheduleThatCannotBeMeantIsAnError(String headers, String line, String says) {
    release(headers.replace("\\n", "\n"), "Hello\n");
    contacts("email,outlet\na@news.example,Kurier\n");

    CliRun.Result r = run(BEFORE, "check", "templates/release.md");

    assertEquals(2, r.exitCode(), r::toString);
    assertNames(r.out(), "templates/release.md:" + line);
    assertContains(r.out(), says);
  }

  @Test
  void whileTheEmbargoHoldsTheMessagesAnnounceItAndTheSubjectSaysSo() throws Exception {
    release(EMBARGO + "Embargo-Subject: TRUE\n", "Until {{embargo}}.\n");
    contacts("email\na@news.example\n");

    MimeMessage m = preview(BEFORE).get("a@news.example");

    assertEquals("EMBARGOED UNTIL 1 December 2026, 10:00 CET: News", m.getSubject());
    assertContains(
        Eml.text(m), "EMBARGO: not for publication before 1 December 2026, 10:00 CET (09:00 UTC).");
    assertContains(Eml.text(m), "Until 1 December 2026, 10:00 CET (09:00 UTC).");
    assertContains(Eml.html(m), "EMBARGO: not for publication before");
    assertContains(Eml.html(m), "<title>EMBARGOED UNTIL 1 December 2026, 10:00 CET: News</title>");
  }

  @Test
  void anEmbargoThatHasPassedIsNoLongerAnnouncedAndCheckAndPreviewSaySo() throws Exception {
    release(EMBARGO + "Embargo-Subject: true\n", "Until {{embargo}}.\n");
    contacts("email\na@news.example\n");

    CliRun.Result check = run(AFTER, "check", "templates/release.md");
    assertEquals(0, check.exitCode(), check::toString);
    assertContains(
        check.out(),
        "the Embargo (2026-12-01T10:00+01:00[Europe/Brussels]) passed 2 days ago: the messages"
            + " carry no embargo notice and no \"EMBARGOED UNTIL\" subject, and {{embargo}} still"
            + " gives its date");

    CliRun.Result preview = run(AFTER, "preview", "templates/release.md");
    assertEquals(0, preview.exitCode(), preview::toString);
    assertContains(preview.out(), "warning: ");
    assertContains(preview.out(), "passed 2 days ago");

    MimeMessage m = Eml.byRecipient(dir.resolve("preview")).get("a@news.example");
    assertEquals("News", m.getSubject());
    assertFalse(Eml.text(m).contains("EMBARGO"), Eml.text(m));
    assertFalse(Eml.html(m).contains("EMBARGO"), Eml.html(m));
    assertFalse(Eml.html(m).contains("not for publication"), Eml.html(m));
    assertContains(Eml.text(m), "Until 1 December 2026, 10:00 CET (09:00 UTC).");
  }

  @Test
  void theEmbargoReadsInEachContactsZoneAndInUtc() throws Exception {
    release(EMBARGO + "Embargo-Subject: true\n", "Until {{embargo}}.\n");
    contacts(
        "email,timezone\n"
            + "waw@news.example,Europe/Warsaw\n"
            + "ny@news.example,america/new_york\n"
            + "nz@news.example,Pacific/Auckland\n"
            + "none@news.example,\n");

    Map<String, MimeMessage> m = preview(BEFORE);

    assertContains(
        Eml.text(m.get("waw@news.example")), "Until 1 December 2026, 10:00 CET (09:00 UTC).");
    assertContains(
        Eml.text(m.get("ny@news.example")), "Until 1 December 2026, 04:00 GMT-05:00 (09:00 UTC).");
    assertContains(
        Eml.text(m.get("nz@news.example")),
        "EMBARGO: not for publication before 1 December 2026, 22:00 NZDT (09:00 UTC).");
    assertEquals(
        "EMBARGOED UNTIL 1 December 2026, 22:00 NZDT: News", m.get("nz@news.example").getSubject());
    assertContains(
        Eml.text(m.get("none@news.example")), "Until 1 December 2026, 10:00 CET (09:00 UTC).");
  }

  @Test
  void anInvalidTimezoneIsAnInvalidRowNamingItsLineAndValue() {
    release(EMBARGO, "Until {{embargo}}.\n");
    contacts("email,timezone\na@news.example,Europe/Warsaw\nb@news.example,Europe/Warsw\n");

    CliRun.Result r = run(BEFORE, "check", "templates/release.md");

    assertEquals(2, r.exitCode(), r::toString);
    assertNames(r.out(), "contacts/media.csv:3");
    assertContains(r.out(), "timezone 'Europe/Warsw' is not a time zone");
    assertContains(r.out(), "(did you mean Europe/Warsaw?)");

    CliRun.Result skipped = run(BEFORE, "send", "templates/release.md", "--skip-invalid");
    assertEquals(0, skipped.exitCode(), skipped::toString);
    assertContains(skipped.err(), "skipped: ");
  }

  @Test
  void withoutAnEmbargoTheTimezoneColumnIsJustAColumn() {
    release("", "Hello from {{timezone}}.\n");
    contacts("email,timezone\na@news.example,somewhere nice\n");

    assertEquals(0, run(BEFORE, "check", "templates/release.md").exitCode());
  }

  @Test
  void aVariantTakesEveryScheduleHeaderFromTheDefaultFile() throws Exception {
    release(
        "Send-At: 2026-11-30T09:00:00Z\nSend-Until: 2026-12-01T08:00:00Z\n"
            + EMBARGO
            + "Embargo-Subject: true\n",
        "Hello {{embargo}}\n");
    TestFiles.write(
        dir, "templates/release.pl.md", "Subject: Wiadomości\n" + FROM + "\nCześć {{embargo}}\n");
    contacts("email,language\na@news.example,pl\nb@news.example,en\n");

    Map<String, MimeMessage> m = preview(BEFORE);

    assertEquals(
        "EMBARGO DO 1 grudnia 2026, 10:00 CET: Wiadomości", m.get("a@news.example").getSubject());
    assertContains(Eml.text(m.get("a@news.example")), "EMBARGO: informacja nie do publikacji");
    assertEquals(
        "EMBARGOED UNTIL 1 December 2026, 10:00 CET: News", m.get("b@news.example").getSubject());

    // past Send-Until, the Polish contact is refused as the English one is
    CliRun.Result late = run(at("2026-12-01T08:30:00Z"), "send", "templates/release.md");
    assertEquals(2, late.exitCode(), late::toString);
    assertContains(late.err(), "after its Send-Until");
  }

  @Test
  void aVariantMayRepeatTheScheduleInAnotherZoneButNotChangeIt() {
    release("Send-At: 2026-11-30T09:00:00Z\n" + EMBARGO, "Hello\n");
    contacts("email,language\na@news.example,pl\n");
    TestFiles.write(
        dir,
        "templates/release.pl.md",
        "Subject: Wiadomości\n"
            + FROM
            + "Send-At: 2026-11-30T10:00:00+01:00[Europe/Warsaw]\n"
            + EMBARGO
            + "\nCześć\n");
    CliRun.Result same = run(BEFORE, "check", "templates/release.md");
    assertEquals(0, same.exitCode(), same::toString);

    TestFiles.write(
        dir,
        "templates/release.pl.md",
        "Subject: Wiadomości\n"
            + FROM
            + "Send-At: 2026-11-30T11:00:00Z\nEmbargo-Subject: true\n\nCześć\n");
    CliRun.Result differs = run(BEFORE, "check", "templates/release.md");
    assertEquals(2, differs.exitCode(), differs::toString);
    assertNames(differs.out(), "templates/release.pl.md:3");
    assertContains(differs.out(), "its Send-At (2026-11-30T11:00Z) differs from ");
    assertContains(differs.out(), "templates/release.md, which says 2026-11-30T09:00Z");
    assertNames(differs.out(), "templates/release.pl.md:4");
    assertContains(
        differs.out(),
        "templates/release.md, which has none; the schedule is the release's, the same in every"
            + " language: write Embargo-Subject once in ");
  }
}
