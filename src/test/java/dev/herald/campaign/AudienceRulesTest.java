package dev.herald.campaign;

import static dev.herald.testing.Malformed.HEADER;
import static dev.herald.testing.Malformed.TEMPLATE;
import static dev.herald.testing.TestFiles.assertContains;
import static dev.herald.testing.TestFiles.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.Malformed;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which rows are sent: invalid rows, --skip-invalid, repeated and suppressed addresses. */
class AudienceRulesTest {
  @TempDir Path dir;

  private static final String THREE_BAD_ROWS =
      HEADER
          + "anna@news.example,Anna,Nowak,Kurier,pl\n"
          + "no-at-sign.example,Ben,Smit,Bode,en\n"
          + "cleo@news.example,Cleo,Dupont,Echo,fr\n"
          + "dan@news.example,Dan,Short\n"
          + "eva@news.example,Eva,Lind,Post,en\n"
          + "fay@@news.example,Fay,Ode,Blad,en\n";

  private void release(String contacts) {
    TestFiles.write(dir, TEMPLATE, Malformed.RELEASE);
    TestFiles.write(dir, "contacts/media.csv", contacts);
  }

  private List<String> previewedAddresses() throws Exception {
    return Eml.files(dir.resolve("preview")).stream()
        .map(Eml::parse)
        .map(
            m -> {
              try {
                return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0])
                    .getAddress();
              } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
              }
            })
        .toList();
  }

  @Test
  void everyBadRowIsNamedInOneRun() {
    release(THREE_BAD_ROWS);

    CliRun.Result check = CliRun.in(dir).run("check", TEMPLATE);
    CliRun.Result preview = CliRun.in(dir).run("preview", TEMPLATE);

    for (CliRun.Result r : List.of(check, preview)) {
      assertEquals(2, r.exitCode(), r::toString);
      assertNames(r.all(), "contacts/media.csv:3:1");
      assertNames(r.all(), "contacts/media.csv:5");
      assertNames(r.all(), "contacts/media.csv:7:1");
      assertContains(r.all(), "3 problems");
      assertContains(r.all(), "--skip-invalid");
    }
    assertContains(check.out(), "6 rows: 3 to send, 0 suppressed (opt-out), 0 repeated, 3 invalid");
  }

  /**
   * A list whose every row is broken lists the first rows and counts the rest, rather than keeping
   * them all in memory, and still skips every one of them: also one past the listed ones that only
   * rendering finds (a line break in a name, which would break the To header).
   */
  @Test
  void aListOfThousandsOfBadRowsListsTheFirstAndSkipsThemAll() {
    StringBuilder csv =
        new StringBuilder(HEADER).append("anna@news.example,Anna,Nowak,Kurier,pl\n");
    for (int i = 0; i < 1500; i++) {
      csv.append("bad").append(i).append(".example,Ben,Smit,Bode,en\n");
    }
    csv.append("zed@news.example,Zed,\"Li\nne\",Post,en\n");
    csv.append("eva@news.example,Eva,Lind,Post,en\n");
    release(csv.toString());

    CliRun.Result check = CliRun.in(dir).run("check", TEMPLATE);
    assertEquals(2, check.exitCode(), check::toString);
    assertContains(
        check.out(), "1503 rows: 2 to send, 0 suppressed (opt-out), 0 repeated, 1501 invalid");
    assertContains(check.out(), "1501 problems:");
    assertContains(check.out(), "… and 501 more invalid rows (the first 1000 are listed)");
    assertEquals(
        1000,
        check
            .out()
            .lines()
            // problems are indented by two; the language list names contacts indented by six
            .filter(
                l ->
                    l.startsWith("  ")
                        && !l.startsWith("      ")
                        && l.contains("contacts/media.csv:"))
            .count());
    assertContains(check.err(), "check found 1501 problems");

    CliRun.Result send = CliRun.in(dir).run("send", TEMPLATE, "--dry-run", "--skip-invalid");
    assertEquals(0, send.exitCode(), send::toString);
    assertContains(send.out(), "would send 2 of campaign");
    assertContains(send.out(), "1501 invalid");
    assertContains(send.all(), "skipped: … and 501 more invalid rows");

    CliRun.Result preview = CliRun.in(dir).run("preview", TEMPLATE, "--skip-invalid");
    assertEquals(0, preview.exitCode(), preview::toString);
    assertEquals(2, Eml.files(dir.resolve("preview")).size());
  }

  @Test
  void skipInvalidSkipsAndReportsThem() throws Exception {
    release(THREE_BAD_ROWS);

    CliRun.Result check = CliRun.in(dir).run("check", TEMPLATE, "--skip-invalid");
    CliRun.Result preview = CliRun.in(dir).run("preview", TEMPLATE, "--skip-invalid");

    assertEquals(0, check.exitCode(), check::toString);
    assertContains(check.out(), "will be skipped (--skip-invalid)");
    assertEquals(0, preview.exitCode(), preview::toString);
    for (String line : List.of(":3:1: ", ":5: ", ":7:1: ")) {
      assertTrue(
          preview.out().lines().anyMatch(l -> l.startsWith("skipped: ") && l.contains(line)),
          () -> "no skipped: line for " + line + " in\n" + preview.out());
    }
    assertEquals(
        List.of("anna@news.example", "cleo@news.example", "eva@news.example"),
        previewedAddresses());
  }

  @Test
  void aRepeatedAddressIsSentOnceWithAWarningNamingBothLines() throws Exception {
    release(
        HEADER
            + "anna@news.example,Anna,Nowak,Kurier,pl\n"
            + "ben@news.example,Ben,Smit,Bode,en\n"
            + "Anna@NEWS.example,Anna,Nowak,Kurier Weekend,pl\n");

    CliRun.Result check = CliRun.in(dir).run("check", TEMPLATE);
    CliRun.Result preview = CliRun.in(dir).run("preview", TEMPLATE);

    assertEquals(0, check.exitCode(), check::toString);
    assertContains(check.out(), "3 rows: 2 to send, 0 suppressed (opt-out), 1 repeated, 0 invalid");
    assertContains(check.out(), "Warnings:");
    assertNames(check.out(), "contacts/media.csv:4");
    assertContains(check.out(), "Anna@NEWS.example repeats line 2");
    assertEquals(0, preview.exitCode(), preview::toString);
    assertContains(preview.out(), "warning: ");
    assertContains(preview.out(), "repeats line 2");
    assertEquals(List.of("anna@news.example", "ben@news.example"), previewedAddresses());
    // the first row wins
    assertContains(
        Eml.text(Eml.parse(Eml.files(dir.resolve("preview")).get(0))), "Our release for Kurier.");
  }

  @Test
  void theSampleOptOutRowIsCountedAsSuppressedAndNeverRendered() throws Exception {
    Samples.copyTo(dir);

    CliRun.Result check = CliRun.in(dir).run("check", Samples.TEMPLATE);
    CliRun.Result preview = CliRun.in(dir).run("preview", Samples.TEMPLATE);

    assertContains(check.out(), "1 suppressed (opt-out)");
    assertEquals(0, preview.exitCode(), preview::toString);
    List<String> sent = previewedAddresses();
    assertEquals(15, sent.size());
    assertFalse(sent.contains("w.desmet@kempische-koerier.example"), sent.toString());
    String index = TestFiles.read(dir.resolve("preview/index.html")).toLowerCase(Locale.ROOT);
    // not among the messages; listed among the contacts left out, with the reason
    assertFalse(index.substring(0, index.indexOf("<h2>left out</h2>")).contains("w.desmet"));
    assertContains(index, "<td>suppressed</td><td class=\"addr\">w.desmet@kempische-koerier");
  }

  @Test
  void aSuppressedAddressIsNotMailedEvenWhenNamedWithOnly() {
    Samples.copyTo(dir);

    CliRun.Result r =
        CliRun.in(dir)
            .run("preview", Samples.TEMPLATE, "--only", "w.desmet@kempische-koerier.example");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "No recipients selected");
    assertEquals(0, Eml.files(dir.resolve("preview")).size());
  }

  @Test
  void blankLinesAndCrlfLineEndsAreFineAndLinesAreCountedRight() {
    release(
        "email,first_name,last_name,outlet,language,note\r\n"
            + "anna@news.example,Anna,Nowak,Kurier,pl,\r\n"
            + "\r\n"
            + "ben@news.example,Ben,Smit,Bode,en,\"met at the fair,\r\nasked for photos\"\r\n"
            + "bad,Cleo,Dupont,Echo,fr,\r\n");

    CliRun.Result r = CliRun.in(dir).run("check", TEMPLATE);

    assertEquals(2, r.exitCode(), r::toString);
    assertNames(r.out(), "contacts/media.csv:6:1");
    assertContains(r.out(), "1 invalid");
  }

  @Test
  void aByteOrderMarkAtTheStartIsFine() {
    release("\uFEFF" + Malformed.CONTACTS);

    CliRun.Result r = CliRun.in(dir).run("check", TEMPLATE);

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "2 rows: 2 to send");
  }
}
