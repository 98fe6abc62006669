package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.testing.CliRun;
import dev.herald.testing.TestFiles;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pitch spacing across three campaigns, with an injected clock: {@code alpha} reaches Adam and
 * Beata on 1 November, {@code beta} reaches Celina on 6 November, and on 9 November {@code gamma}
 * with {@code --min-gap 7d} skips Celina alone, naming beta and its date, in the dry run, its JSON
 * and the summary; a wider gap skips them all; {@code --only} still applies; {@code --ignore-gap}
 * overrides {@code send.min-gap}; an outbox run is no message anyone received.
 */
class PitchSpacingTest {
  @RegisterExtension
  static final GreenMailExtension MAIL =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(true);

  @TempDir Path dir;

  private static final String ADAM = "adam@gazeta.example";
  private static final String BEATA = "beata@kurier.example";
  private static final String CELINA = "celina@radio.example";
  private static final String DAWID = "dawid@tygodnik.example";

  private static final Instant NOV_1 = Instant.parse("2026-11-01T09:00:00Z");
  private static final Instant NOV_6 = Instant.parse("2026-11-06T09:30:00Z");
  private static final Instant NOV_9 = Instant.parse("2026-11-09T08:00:00Z");

  @BeforeEach
  void threeCampaigns() {
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,last_name,outlet\n"
            + ADAM
            + ",Adam,Nowak,Gazeta\n"
            + BEATA
            + ",Beata,Lis,Kurier\n"
            + CELINA
            + ",Celina,Wrona,Radio\n"
            + DAWID
            + ",Dawid,Kos,Tygodnik\n");
    for (String c : List.of("alpha", "beta", "gamma", "delta")) {
      TestFiles.write(
          dir,
          "templates/" + c + ".md",
          "Subject: News "
              + c
              + "\nFrom: Press <press@next2met.example>\n\nHello {{first_name}}.\n");
    }
    send(NOV_1, "alpha", "--where", "outlet=Gazeta");
    send(NOV_1, "alpha", "--only", BEATA);
    send(NOV_6, "beta", "--only", CELINA);
    MAIL.reset();
  }

  private CliRun.Result run(Instant at, String... args) {
    return CliRun.in(dir).clock(Clock.fixed(at, ZoneOffset.UTC)).run(args);
  }

  private List<String> smtp(String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--smtp-host",
                "127.0.0.1",
                "--smtp-port",
                String.valueOf(MAIL.getSmtp().getPort()),
                "--smtp-security",
                "none",
                "--yes"));
    a.addAll(List.of(more));
    return a;
  }

  private CliRun.Result send(Instant at, String campaign, String... more) {
    List<String> args = new ArrayList<>(List.of("send", "templates/" + campaign + ".md"));
    args.addAll(smtp(more));
    CliRun.Result r = run(at, args.toArray(String[]::new));
    assertTrue(r.exitCode() == 0, r::toString);
    return r;
  }

  private Set<String> received() throws Exception {
    Set<String> to = new TreeSet<>();
    for (MimeMessage m : MAIL.getReceivedMessages()) {
      to.add(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
    }
    return to;
  }

  @Test
  void aDryRunNamesWhoIsSkippedAndWhichCampaignCausedIt() {
    CliRun.Result r = run(NOV_9, "send", "templates/gamma.md", "--dry-run", "--min-gap", "7d");
    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "would send     " + ADAM);
    assertContains(r.out(), "would send     " + DAWID);
    assertContains(
        r.out(),
        CELINA
            + "                     mailed by another campaign within the minimum gap: sent beta"
            + " on 2026-11-06 09:30 UTC, within --min-gap 7d");
    assertContains(r.out(), "would send 3 of campaign gamma");
    assertContains(r.out(), "1 skipped by pitch spacing");
  }

  @Test
  void aWiderGapSkipsEveryoneTheOtherCampaignsReached() {
    CliRun.Result r = run(NOV_9, "send", "templates/gamma.md", "--dry-run", "--min-gap", "P10D");
    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), ADAM);
    assertContains(r.out(), "sent alpha on 2026-11-01 09:00 UTC, within --min-gap 10d");
    assertContains(r.out(), "would send 1 of campaign gamma");
    assertContains(r.out(), "3 skipped by pitch spacing");
  }

  @Test
  void theJsonDryRunCarriesTheDecisionAndItsCause() {
    CliRun.Result r =
        run(
            NOV_9,
            "send",
            "templates/gamma.md",
            "--dry-run",
            "--min-gap",
            "72h",
            "--format",
            "json");
    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "\"decision\": \"spaced\"");
    assertContains(
        r.out(), "\"detail\": \"sent beta on 2026-11-06 09:30 UTC, within --min-gap 3d\"");
    assertContains(r.out(), "\"min_gap\": 1");
  }

  @Test
  void theSummaryCountsAndListsTheSkippedAndOnlyTheOthersGetIt() throws Exception {
    CliRun.Result r = send(NOV_9, "gamma", "--min-gap", "7d");
    assertEquals(Set.of(ADAM, BEATA, DAWID), received());
    assertContains(r.out(), "1 skipped by pitch spacing");
    assertContains(
        r.out(), "  " + CELINA + ": sent beta on 2026-11-06 09:30 UTC, within --min-gap 7d");
    // the next day, the campaign's own messages are not "another campaign": a re-run sends nothing
    MAIL.reset();
    CliRun.Result again = send(NOV_9.plusSeconds(86_400), "gamma", "--min-gap", "7d");
    assertEquals(Set.of(), received());
    assertContains(again.out(), "3 already sent");
    // and delta, a day later still, is spaced from gamma for those three, from beta for Celina
    CliRun.Result delta =
        run(
            NOV_9.plusSeconds(2 * 86_400),
            "send",
            "templates/delta.md",
            "--dry-run",
            "--min-gap",
            "7d");
    assertContains(delta.out(), "would send 0 of campaign delta");
    assertContains(delta.out(), "sent gamma on 2026-11-09 08:00 UTC");
  }

  @Test
  void onlyStillAppliesAndIgnoreGapOverridesTheSetting() throws Exception {
    TestFiles.write(dir, "herald.properties", "send.min-gap = 7d\n");
    CliRun.Result skipped = send(NOV_9, "gamma", "--only", CELINA);
    assertEquals(Set.of(), received());
    assertContains(
        skipped.out(), CELINA + ": sent beta on 2026-11-06 09:30 UTC, within send.min-gap 7d");
    CliRun.Result sent = send(NOV_9, "gamma", "--only", CELINA, "--ignore-gap");
    assertEquals(Set.of(CELINA), received());
    assertFalse(sent.out().contains("pitch spacing"), sent::toString);
  }

  @Test
  void anOutboxRunReachedNobody() {
    // delta written to the outbox (no SMTP host) on 8 November: not a message anyone received
    CliRun.Result outbox = run(NOV_9.minusSeconds(86_400), "send", "templates/delta.md");
    assertEquals(0, outbox.exitCode(), outbox::toString);
    CliRun.Result r = run(NOV_9, "send", "templates/gamma.md", "--dry-run", "--min-gap", "2d");
    assertContains(r.out(), "would send 4 of campaign gamma");
  }

  @Test
  void aBadGapIsAnInputErrorNamingTheOptionOrTheKey() {
    CliRun.Result r = run(NOV_9, "send", "templates/gamma.md", "--dry-run", "--min-gap", "soon");
    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "--min-gap");
    TestFiles.write(dir, "herald.properties", "send.min-gap = a week\n");
    CliRun.Result key = run(NOV_9, "send", "templates/gamma.md", "--dry-run");
    assertEquals(2, key.exitCode(), key::toString);
    assertContains(key.err(), "send.min-gap");
  }
}
