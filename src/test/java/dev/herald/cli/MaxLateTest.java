package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.SendJournal;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A scheduled job that failed for days must not send a stale release the moment it is fixed: past
 * {@code Send-At} plus {@code --max-late} (24 hours by default), or past {@code Send-Until}, a send
 * refuses with exit 2 and nothing sent, while anyone is still due. The clock is injected.
 */
class MaxLateTest {
  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  private static final String SEND_AT = "2026-12-01T09:00:00+01:00[Europe/Brussels]";

  /** The instant this long after Send-At (08:00Z). */
  private static Clock after(String iso) {
    Instant at = Instant.parse("2026-12-01T08:00:00Z").plus(java.time.Duration.parse(iso));
    return Clock.fixed(at, ZoneOffset.UTC);
  }

  private void release(String headers) {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\n" + headers + "\nHello {{email}}\n");
    TestFiles.write(
        dir, "contacts/media.csv", "email\na@news.example\nb@news.example\nc@news.example\n");
  }

  private CliRun.Result send(Clock clock, String... more) {
    return send(clock, Map.of(), more);
  }

  private CliRun.Result send(Clock clock, Map<String, String> env, String... more) {
    List<String> args = new ArrayList<>(List.of("send", "templates/release.md"));
    args.addAll(List.of("--smtp-host", mail.getSmtp().getBindTo()));
    args.addAll(List.of("--smtp-port", String.valueOf(mail.getSmtp().getPort())));
    args.addAll(List.of("--smtp-security", "none", "--yes"));
    args.addAll(List.of(more));
    return CliRun.in(dir).clock(clock).env(env).run(args.toArray(String[]::new));
  }

  private void assertNothingSent(CliRun.Result r) {
    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "Nothing was sent.");
    assertEquals(0, mail.getReceivedMessages().length);
    assertFalse(Files.exists(dir.resolve(SendJournal.FILE)), "no journal line is written");
  }

  @Test
  void daysLateItRefusesSayingHowLateAndHowToSendAnyway() {
    release("Send-At: " + SEND_AT + "\n");

    CliRun.Result r = send(after("P3DT4H"));

    assertNothingSent(r);
    assertContains(
        r.err(),
        "campaign release is 3 days 4 hours after its Send-At (2026-12-01T09:00+01:00[Europe/Brussels]),"
            + " more than the 1 day a send may start late (by default; see --max-late)");
    assertContains(r.err(), "run again with --max-late 4d, or move Send-At in ");
  }

  @Test
  void theSuggestedMaxLateSends() {
    release("Send-At: " + SEND_AT + "\n");

    CliRun.Result r = send(after("P3DT4H"), "--max-late", "4d");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(3, mail.getReceivedMessages().length);
  }

  @ParameterizedTest(name = "{0} after Send-At, --max-late {1}: exit {2}")
  @CsvSource({
    "PT1H, '', 0",
    "PT23H59M, '', 0",
    "PT24H, '', 0",
    "PT24H1M, '', 2",
    "PT89M, 90m, 0",
    "PT91M, 90m, 2",
    "PT91M, PT1H30M, 2",
    "P2D, 1d12h, 2",
    "P2D, 2w, 0",
  })
  void theMarginIsTheDefaultDayOrTheOptionGiven(String late, String maxLate, int exit) {
    release("Send-At: " + SEND_AT + "\n");

    CliRun.Result r =
        maxLate.isEmpty() ? send(after(late)) : send(after(late), "--max-late", maxLate);

    assertEquals(exit, r.exitCode(), r::toString);
    assertEquals(exit == 0 ? 3 : 0, mail.getReceivedMessages().length);
  }

  @Test
  void theSettingAndItsEnvironmentVariableSetTheMargin() {
    release("Send-At: " + SEND_AT + "\n");
    TestFiles.write(dir, "herald.properties", "send.max-late = 2h\n");

    CliRun.Result file = send(after("PT3H"));
    assertNothingSent(file);
    assertContains(file.err(), "herald.properties (send.max-late)): a release this late");

    CliRun.Result env = send(after("PT3H"), Map.of("HERALD_SEND_MAX_LATE", "1d"));
    assertEquals(0, env.exitCode(), env::toString);
    assertEquals(3, mail.getReceivedMessages().length);
  }

  @Test
  void aJobThatAlreadySentEverythingStaysGreen() {
    release("Send-At: " + SEND_AT + "\n");
    assertEquals(0, send(after("PT10M")).exitCode());
    assertEquals(3, mail.getReceivedMessages().length);

    CliRun.Result days = send(after("P5D"));

    assertEquals(0, days.exitCode(), days::toString);
    assertEquals(3, mail.getReceivedMessages().length, "nobody got it twice");
  }

  @Test
  void aLateRunWithSomeoneStillDueRefusesEvenAfterAPartialSend() {
    release("Send-At: " + SEND_AT + "\n");
    assertEquals(0, send(after("PT10M"), "--limit", "1").exitCode());

    CliRun.Result late = send(after("P2D"));

    assertEquals(2, late.exitCode(), late::toString);
    assertContains(late.err(), "2 days after its Send-At");
    assertEquals(1, mail.getReceivedMessages().length);
    assertEquals(1, SendJournal.entries(dir, Outcome.SENT).size());
  }

  @Test
  void aDryRunSaysTheRealRunWouldRefuseAndDoesNotFail() {
    release("Send-At: " + SEND_AT + "\n");

    CliRun.Result r = send(after("P3D"), "--dry-run");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(
        r.err(), "note: a real send now would refuse (exit 2): campaign release is 3 days");
    assertContains(r.out(), "would send");
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void sendUntilIsTheLatestStartAndAnExplicitMaxLateOverridesIt() {
    release("Send-At: " + SEND_AT + "\nSend-Until: 2026-12-01T12:00:00+01:00\n");

    CliRun.Result late = send(after("PT5H"));

    assertNothingSent(late);
    assertContains(
        late.err(),
        "campaign release is 2 hours after its Send-Until (2026-12-01T12:00+01:00): a release this"
            + " late is not sent unless asked for. To send it anyway, run again with --max-late 1d"
            + " (it overrides Send-Until), or move Send-Until later in ");
    assertContains(late.err(), "templates/release.md (or remove it). Nothing was sent.");

    CliRun.Result anyway = send(after("PT5H"), "--max-late", "1d");
    assertEquals(0, anyway.exitCode(), anyway::toString);
    assertEquals(3, mail.getReceivedMessages().length);
  }

  @Test
  void sendUntilWinsOverTheSettingAndHoldsWithoutSendAt() {
    release("Send-Until: 2026-12-01T12:00:00+01:00\n");
    TestFiles.write(dir, "herald.properties", "send.max-late = 30d\n");

    CliRun.Result r = send(after("PT5H"));

    assertNothingSent(r);
    assertContains(r.err(), "with --max-late 1d (with no Send-At, it counts from Send-Until)");
    // the margin counts from Send-Until: it moves the deadline, it never lifts it
    CliRun.Result tight = send(after("PT5H"), "--max-late", "1m");
    assertNothingSent(tight);
    assertContains(tight.err(), "after its Send-Until");
    assertEquals(0, send(after("PT5H"), "--max-late", "1d").exitCode());
  }

  @Test
  void withoutSendAtThereIsNoLateness() {
    release("");

    CliRun.Result r = send(after("P400D"), "--max-late", "1m");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(3, mail.getReceivedMessages().length);
  }

  @Test
  void anOutboxRunIsRefusedTooSinceItJournalsTheRecipients() {
    release("Send-At: " + SEND_AT + "\n");

    CliRun.Result r = CliRun.in(dir).clock(after("P2D")).run("send", "templates/release.md");

    assertEquals(2, r.exitCode(), r::toString);
    assertFalse(Files.exists(dir.resolve("outbox")), r::toString);
  }

  @Test
  void checkWarnsThatASendNowWouldRefuse() {
    release("Send-At: " + SEND_AT + "\n");

    CliRun.Result r = CliRun.in(dir).clock(after("P3D")).run("check", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(
        r.out(),
        "Warning: a send now would refuse while anyone is due: campaign release is 3 days after"
            + " its Send-At");
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"tomorrow", "-1h", "24", "PT", "3x", "1.5h"})
  void aBadMaxLateIsRefusedWhereverItIsWritten(String value) {
    release("Send-At: " + SEND_AT + "\n");

    CliRun.Result option = send(after("PT1H"), "--max-late", value);
    assertEquals(2, option.exitCode(), option::toString);
    assertContains(option.err(), "--max-late: '" + value + "' is not a duration; write it as 90m");

    TestFiles.write(dir, "herald.properties", "send.max-late = " + value + "\n");
    CliRun.Result check = CliRun.in(dir).run("check", "templates/release.md");
    assertEquals(2, check.exitCode(), check::toString);
    assertContains(check.err(), "(send.max-late): '" + value + "' is not a duration");
    assertEquals(0, mail.getReceivedMessages().length);
  }
}
