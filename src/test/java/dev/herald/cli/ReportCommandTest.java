package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald report} over a journal and logs written as the other commands write them. */
class ReportCommandTest {
  @TempDir Path dir;

  private static final String CAMPAIGN = Samples.CAMPAIGN;
  private static final String ROSSI = "g.rossi@quotidiano-regioni.example";
  private static final String MUELLER = "g.mueller@technik-und-region.example";
  private static final String SCHROEDER = "s.schroeder@ostsee-wirtschaft.example";
  private static final String LAMBERT = "c.lambert@echo-des-regions.example";
  private static final String WEISS = "f.weiss@digitale-gesundheit.example";

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private static JournalEntry line(String campaign, String recipient, Outcome outcome) {
    return new JournalEntry(CliRun.NOW, campaign, recipient, outcome, "", "<" + recipient + ">");
  }

  private void journal(JournalEntry... entries) {
    try (Journal journal = Journal.open(dir.resolve("logs/sends.csv"))) {
      for (JournalEntry e : entries) {
        journal.appendDurably(e);
      }
    }
  }

  private void aCampaignWithEveryOutcome() {
    journal(
        line(CAMPAIGN, ROSSI, Outcome.ATTEMPT),
        line(CAMPAIGN, ROSSI, Outcome.SENT),
        line(CAMPAIGN, MUELLER, Outcome.ATTEMPT),
        line(CAMPAIGN, MUELLER, Outcome.FAILED),
        line(CAMPAIGN, SCHROEDER, Outcome.ATTEMPT),
        line(CAMPAIGN, SCHROEDER, Outcome.DEFERRED),
        line(CAMPAIGN, LAMBERT, Outcome.ATTEMPT),
        line(CAMPAIGN, LAMBERT, Outcome.SENT),
        line(CAMPAIGN, LAMBERT, Outcome.BOUNCED),
        line(CAMPAIGN, WEISS, Outcome.OUTBOX), // written to the outbox only: not targeted
        line(CAMPAIGN, "G.Rossi@Quotidiano-Regioni.example", Outcome.SENT), // the same person
        line("autumn-briefing", ROSSI, Outcome.OUTBOX));
    TestFiles.write(
        dir,
        "logs/replies.csv",
        "received,campaign,email,kind,message_id,subject\n"
            + "2026-11-30T08:00:00Z,"
            + CAMPAIGN
            + ","
            + ROSSI
            + ",other,<r1@x>,Thanks\n"
            + "2026-11-30T08:00:00Z,"
            + CAMPAIGN
            + ","
            + ROSSI
            + ",auto_reply,<r2@x>,Out of office\n"
            + "2026-11-30T08:00:00Z,"
            + CAMPAIGN
            + ","
            + LAMBERT
            + ",bounce,<r3@x>,Undelivered\n");
    assertEquals(
        0,
        CliRun.in(dir)
            .run("interviews", "add", "--campaign", CAMPAIGN, "--email", ROSSI, "--status", "done")
            .exitCode());
    assertEquals(
        0,
        CliRun.in(dir)
            .run(
                "interviews",
                "add",
                "--campaign",
                CAMPAIGN,
                "--email",
                "editor@radio.example",
                "--outlet",
                "Radio Podlasie")
            .exitCode());
  }

  @Test
  void countsEachRecipientOnceByWhatBecameOfThem() {
    aCampaignWithEveryOutcome();

    CliRun.Result r = CliRun.in(dir).run("report", CAMPAIGN);

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(
        """
        Campaign podlaskie-digitalisation
          Contacts targeted         4
          Sent                      2
          Failed                    1
          Deferred                  1
          Unknown                   0
          Bounced                   1
          Replies                   1
          Auto-replies              1
          Unsubscribes              0
          Interview requests        2  (1 requested, 0 scheduled, 1 done, 0 declined)

          OUTLET                       SENT  REPLIES  INTERVIEW REQUESTS
          Il Quotidiano delle Regioni     1        1                   1
          Radio Podlasie                  0        0                   1
          L'Écho des Régions              1        0                   0
          Ostsee Wirtschaftsblatt         0        0                   0
          Technik & Region                0        0                   0
        """,
        r.out());
  }

  @Test
  void withoutACampaignReportsEveryCampaignInTheJournal() {
    aCampaignWithEveryOutcome();

    CliRun.Result r = CliRun.in(dir).run("report", "--format", "json");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "\"campaign\": \"podlaskie-digitalisation\"");
    assertContains(
        r.out(),
        """
            {
              "campaign": "autumn-briefing",
              "contacts_targeted": 0,
              "sent": 0,
        """);
  }

  @Test
  void anUnknownCampaignIsExit2NamingTheKnownOnes() {
    aCampaignWithEveryOutcome();

    CliRun.Result r = CliRun.in(dir).run("report", "winter-gala");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(
        r.err(),
        "no campaign 'winter-gala' in "
            + dir.resolve("logs/sends.csv")
            + " or the interview and reply logs; campaigns there: podlaskie-digitalisation,"
            + " autumn-briefing");
  }

  @Test
  void beforeAnythingWasSentThereIsNothingToReport() {
    assertEquals(
        "Nothing to report yet: no campaign has been sent.\n", CliRun.in(dir).run("report").out());
    assertEquals(
        "{\n  \"campaigns\": []\n}\n", CliRun.in(dir).run("report", "--format", "json").out());
    CliRun.Result named = CliRun.in(dir).run("report", CAMPAIGN);
    assertEquals(2, named.exitCode());
    assertContains(named.err(), ": nothing has been sent yet");
  }

  @Test
  void aBadFormatIsAUsageError() {
    CliRun.Result r = CliRun.in(dir).run("report", "--format", "xml");

    assertEquals(2, r.exitCode());
    assertContains(r.err(), "--format takes table or json, not 'xml'");
  }
}
