package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.FakeTerminal;
import dev.herald.testing.JsonText;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Smtp;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps {@code send} from mailing by accident: confirmation on a terminal, refusal without
 * one, {@code --dry-run}, and {@code Send-At}.
 */
class SendSafetyTest {
  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private String host() {
    return mail.getSmtp().getBindTo();
  }

  private int port() {
    return mail.getSmtp().getPort();
  }

  /** {@code send} to GreenMail without {@code --yes}. */
  private String[] unconfirmed(String... more) {
    List<String> args = new ArrayList<>(List.of("send", Samples.TEMPLATE));
    args.addAll(List.of("--smtp-host", host(), "--smtp-port", String.valueOf(port())));
    args.addAll(List.of("--smtp-security", "none"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private Path journal() {
    return dir.resolve(SendJournal.FILE);
  }

  @Test
  void withoutATerminalOrYesItRefuses() {
    CliRun.Result r = CliRun.in(dir).run(unconfirmed());

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "refusing to send 15 messages");
    assertContains(r.err(), "--yes");
    assertEquals(0, mail.getReceivedMessages().length);
    assertFalse(Files.exists(journal()), "a refused run writes no journal");
  }

  @Test
  void aPersonWhoAnswersYesGetsItSent() {
    FakeTerminal terminal = FakeTerminal.answering("yes");

    CliRun.Result r = CliRun.in(dir).terminal(terminal).run(unconfirmed());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, mail.getReceivedMessages().length);
    assertEquals(1, terminal.prompts().size(), terminal.prompts()::toString);
    // the question shows how many, where to and from whom, before anything is sent
    assertContains(r.out(), "About to email 15 messages of campaign " + Samples.CAMPAIGN);
    assertContains(r.out(), "via " + host() + ":" + port());
    assertContains(r.out(), "From: Next2Met Press Office <press@next2met.example>");
    assertContains(r.out(), "15 sent");
  }

  @Test
  void theQuestionShowsEveryFromThatWillBeUsed() throws Exception {
    Path pl = dir.resolve("templates/podlaskie-digitalisation.pl.md");
    Files.writeString(
        pl,
        Files.readString(pl)
            .replace(
                "From: Next2Met Press Office <press@next2met.example>",
                "From: Biuro Prasowe <biuro@next2met.example>"));
    FakeTerminal terminal = FakeTerminal.answering("no");

    CliRun.Result r = CliRun.in(dir).terminal(terminal).run(unconfirmed());

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(
        r.out().replace(dir.toString() + "/", ""),
        "From: Next2Met Press Office <press@next2met.example>"
            + " (templates/podlaskie-digitalisation.md); Biuro Prasowe <biuro@next2met.example>"
            + " (templates/podlaskie-digitalisation.pl.md).");
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void serverOptionsWithoutAHostAreNamedAsIgnored() {
    CliRun.Result r =
        CliRun.in(dir)
            .env(Map.of("HERALD_SMTP_SECURITY", "ssl"))
            .run("send", Samples.TEMPLATE, "--smtp-user", "press", "--smtp-port", "2525");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(
        r.err(),
        "warning: --smtp-port, --smtp-user, HERALD_SMTP_SECURITY are ignored: no SMTP host is"
            + " configured");
    assertContains(r.out(), "Nothing was emailed");

    CliRun.Result dry =
        CliRun.in(dir).run("send", Samples.TEMPLATE, "--dry-run", "--smtp-user", "press");
    assertEquals(0, dry.exitCode(), dry::toString);
    assertContains(dry.err(), "warning: --smtp-user is ignored: no SMTP host is configured");
  }

  @Test
  void aPersonWhoAnswersNoGetsNothingSent() {
    CliRun.Result r = CliRun.in(dir).terminal(FakeTerminal.answering("no")).run(unconfirmed());

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Cancelled");
    assertEquals(0, mail.getReceivedMessages().length);
    assertFalse(Files.exists(journal()));
  }

  @Test
  void theEndOfInputIsNotAYes() {
    CliRun.Result r = CliRun.in(dir).terminal(FakeTerminal.answering()).run(unconfirmed());

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Cancelled");
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void yesSkipsTheQuestion() {
    FakeTerminal terminal = FakeTerminal.answering("no");

    CliRun.Result r = CliRun.in(dir).terminal(terminal).run(unconfirmed("--yes"));

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(List.of(), terminal.prompts());
    assertEquals(15, mail.getReceivedMessages().length);
  }

  @Test
  void theOutboxNeedsNoConfirmation() {
    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE);

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Nothing was emailed");
  }

  /**
   * The sample contacts, one of them already sent, plus a repeated address and a malformed one;
   * returns the journal as it stood before the dry run.
   */
  private byte[] aCampaignUnderWay() throws Exception {
    String extra =
        "G.Mueller@Technik-und-Region.example,Günther,Müller,Dear Mr Müller,Technik & Region,"
            + "technology,de,DE,technology\n"
            + "not-an-address,Anna,Nowak,Dear Ms Nowak,Nowy Kurier,health,pl,PL,regional\n";
    Files.writeString(dir.resolve("contacts/media.csv"), extra, StandardOpenOption.APPEND);
    CliRun.Result first =
        CliRun.in(dir)
            .run(
                Smtp.send(
                    host(),
                    port(),
                    "--only",
                    "l.wrobel@kurier-podlaski.example",
                    "--skip-invalid"));
    assertEquals(0, first.exitCode(), first::toString);
    assertEquals(1, mail.getReceivedMessages().length);
    return Files.readAllBytes(journal());
  }

  @Test
  void aDryRunSaysWhatWouldHappenToEachContact() throws Exception {
    byte[] before = aCampaignUnderWay();

    CliRun.Result r =
        CliRun.in(dir)
            .run(Smtp.send("127.0.0.1", Smtp.closedPort(), "--dry-run", "--skip-invalid"));

    assertEquals(0, r.exitCode(), r::toString);
    String out = r.out();
    assertTrue(
        out.lines()
            .anyMatch(l -> l.matches("would send +g\\.rossi@quotidiano-regioni\\.example *")),
        out);
    assertTrue(
        out.lines()
            .anyMatch(l -> l.matches("skip +l\\.wrobel@kurier-podlaski\\.example +already sent")),
        out);
    assertTrue(
        out.lines()
            .anyMatch(
                l ->
                    l.matches(
                        "skip +w\\.desmet@kempische-koerier\\.example +suppressed \\(opt-out\\)")),
        out);
    assertTrue(
        out.lines()
            .anyMatch(
                l ->
                    l.matches(
                        "skip +G\\.Mueller@Technik-und-Region\\.example +repeated address:"
                            + " repeats line 13")),
        out);
    assertTrue(
        out.lines().anyMatch(l -> l.matches("skip +\\S*contacts/media\\.csv:19\\S* +invalid: .+")),
        out);
    // one line per contact row, and the summary
    assertEquals(18, out.lines().filter(l -> l.matches("(would send|skip) .*")).count(), out);
    assertContains(
        out,
        "Dry run: would send 14 of campaign podlaskie-digitalisation; 1 already sent,"
            + " 1 suppressed, 1 repeated, 1 invalid, 0 failed before.");
    // nothing went to either server, and the journal is as it was
    assertEquals(1, mail.getReceivedMessages().length);
    assertArrayEquals(before, Files.readAllBytes(journal()));
  }

  @Test
  void aDryRunOfAFreshCampaignCreatesNoJournal() {
    CliRun.Result r = CliRun.in(dir).run(Smtp.send("127.0.0.1", Smtp.closedPort(), "--dry-run"));

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Dry run: would send 15 of campaign");
    assertFalse(Files.exists(journal()));
    assertFalse(Files.exists(dir.resolve("outbox")));
  }

  @Test
  void aDryRunWithoutAServerWritesNoOutbox() {
    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE, "--dry-run");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Nothing was sent or written");
    assertFalse(Files.exists(journal()));
    assertFalse(Files.exists(dir.resolve("outbox")));
  }

  @Test
  void aDryRunStillStopsAtInvalidRowsUnlessTheyAreSkipped() throws Exception {
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,last_name,salutation,outlet\n"
            + "ok@example.org,Ok,Person,Dear Ok,Outlet\n"
            + "not-an-address,Bad,Person,Dear Bad,Outlet\n");

    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE, "--dry-run");

    assertEquals(2, r.exitCode(), r::toString);
    assertFalse(Files.exists(journal()));
  }

  @Test
  void aDryRunInJsonListsEveryDecision() throws Exception {
    aCampaignUnderWay();

    CliRun.Result r =
        CliRun.in(dir)
            .run(
                Smtp.send(
                    "127.0.0.1",
                    Smtp.closedPort(),
                    "--dry-run",
                    "--skip-invalid",
                    "--format",
                    "json"));

    assertEquals(0, r.exitCode(), r::toString);
    Map<String, Object> json = JsonText.object(r.out().strip());
    assertEquals("dry-run", json.get("status"));
    assertEquals(14L, json.get("would_send"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("recipients");
    assertEquals(18, rows.size());
    Map<String, Long> decisions = new TreeMap<>();
    rows.forEach(row -> decisions.merge((String) row.get("decision"), 1L, Long::sum));
    assertEquals(
        Map.of("send", 14L, "already_sent", 1L, "suppressed", 1L, "duplicate", 1L, "invalid", 1L),
        decisions);
  }

  private void sendAt(String when) {
    for (String template : List.of(Samples.TEMPLATE, "templates/podlaskie-digitalisation.pl.md")) {
      Path file = dir.resolve(template);
      TestFiles.write(dir, template, "Send-At: " + when + "\n" + TestFiles.read(file));
    }
  }

  @Test
  void aLongWaitIsShownInDaysAndHours() {
    sendAt("2026-12-19T13:30:00Z"); // the run's clock says 2026-11-27T10:00Z

    CliRun.Result r = CliRun.in(dir).run(Smtp.send(host(), port()));

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "sends at 2026-12-19T13:30Z (in 22 days 3 hours)");
  }

  @Test
  void beforeSendAtNothingIsSentAndTheDueTimeIsShown() {
    sendAt("2026-11-28T09:00:00+01:00"); // the run's clock says 2026-11-27T10:00Z

    CliRun.Result r = CliRun.in(dir).run(Smtp.send(host(), port()));

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Not yet due");
    assertContains(r.out(), "2026-11-28T09:00+01:00 (in 22 hours)");
    assertContains(r.out(), "Nothing was sent");
    assertEquals(0, mail.getReceivedMessages().length);
    assertFalse(Files.exists(journal()));
  }

  @Test
  void beforeSendAtTheJsonSummarySaysNotDue() {
    sendAt("2026-11-28T09:00:00+01:00");

    CliRun.Result r = CliRun.in(dir).run(Smtp.send(host(), port(), "--format", "json"));

    assertEquals(0, r.exitCode(), r::toString);
    Map<String, Object> json = JsonText.object(r.out().strip());
    assertEquals("not-due", json.get("status"));
    assertEquals(0L, json.get("sent"));
    assertEquals(0L, json.get("exit_code"));
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void afterSendAtItSends() {
    sendAt("2026-11-27T09:00:00+01:00"); // an hour before the run's clock

    CliRun.Result r = CliRun.in(dir).run(Smtp.send(host(), port()));

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, mail.getReceivedMessages().length);
    assertEquals(15, SendJournal.entries(dir, Outcome.SENT).size());
  }
}
