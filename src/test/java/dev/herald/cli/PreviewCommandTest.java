package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald preview} on the sample working folder. */
class PreviewCommandTest {
  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private CliRun.Result preview(String... options) {
    String[] args = new String[options.length + 2];
    args[0] = "preview";
    args[1] = Samples.TEMPLATE;
    System.arraycopy(options, 0, args, 2, options.length);
    return CliRun.in(dir).run(args);
  }

  private static String to(Path eml) throws Exception {
    MimeMessage m = Eml.parse(eml);
    return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
  }

  @Test
  void writesOneEmlAndOneHtmlPerRecipientAndAnIndex() {
    CliRun.Result r = preview();

    assertEquals(0, r.exitCode(), r::toString);
    Path out = dir.resolve("preview");
    assertEquals(15, Eml.files(out).size());
    assertEquals(16, Eml.list(out, ".html").size()); // 15 messages and index.html
    assertTrue(Files.isRegularFile(out.resolve("index.html")));
    assertContains(r.out(), "Previewed 15 messages");
    assertContains(r.out(), "Nothing was sent.");
  }

  @Test
  void printsTheFirstMessagesHeadersAndTextPart() {
    String out = preview().out();

    assertContains(out, "First message:");
    assertContains(out, "\nTo: Łukasz Wróbel <l.wrobel@kurier-podlaski.example>\n");
    assertContains(out, "\nSubject: Wspieranie cyfryzacji w województwie podlaskim");
    assertFalse(out.contains("=?UTF-8?"), out);
    assertFalse(out.contains("\r"), out);
    assertContains(out, "Variant: pl: templates/podlaskie-digitalisation.pl.md");
    assertContains(out, "Attachment: next2met-fact-sheet.pdf (");
    assertContains(out, "Szanowny Panie Redaktorze,");
  }

  @Test
  void theIndexListsRecipientOutletLanguageAndSubjectWithLinks() {
    preview();
    String index = TestFiles.read(dir.resolve("preview/index.html"));

    List<Path> emls = Eml.files(dir.resolve("preview"));
    for (Path eml : emls) {
      String base = eml.getFileName().toString().replace(".eml", "");
      assertContains(index, "href=\"" + base + ".eml\"");
      assertContains(index, "href=\"" + base + ".html\"");
    }
    Matcher row =
        Pattern.compile(
                "<tr><td>1</td><td class=\"addr\">(.*?)<br><span class=\"small\">(.*?)</span>"
                    + "</td><td class=\"variant\">(.*?)<br>.*?</td><td>.*?</td><td>(.*?)</td>")
            .matcher(index);
    assertTrue(row.find(), index);
    assertEquals("Łukasz Wróbel &lt;l.wrobel@kurier-podlaski.example&gt;", row.group(1));
    assertEquals("Kurier Podlaski", row.group(2));
    assertEquals("pl", row.group(3));
    assertTrue(row.group(4).startsWith("Wspieranie cyfryzacji"), row.group(4));
    // values are escaped in the index as in the HTML part
    assertContains(index, "<span class=\"small\">Technik &amp; Region</span>");
    assertContains(index, "<span class=\"small\">L&#39;Écho des Régions</span>");
    assertContains(index, "de → default (en): no .de variant");
  }

  @Test
  void theSuppressedContactIsNeverRendered() throws Exception {
    preview();

    for (Path eml : Eml.files(dir.resolve("preview"))) {
      assertFalse(to(eml).equalsIgnoreCase("w.desmet@kempische-koerier.example"), eml.toString());
    }
    String index = TestFiles.read(dir.resolve("preview/index.html"));
    // listed once, among the contacts left out, with the opt-out list's reason
    String messages = index.substring(0, index.indexOf("<h2>Left out</h2>"));
    assertFalse(messages.toLowerCase(java.util.Locale.ROOT).contains("desmet"), index);
    assertContains(index, "asked to be removed by phone, 2025-11-03");
  }

  @Test
  void limitPreviewsTheFirstN() throws Exception {
    CliRun.Result r = preview("--limit", "3");

    assertEquals(0, r.exitCode(), r::toString);
    List<Path> emls = Eml.files(dir.resolve("preview"));
    assertEquals(3, emls.size());
    assertEquals("l.wrobel@kurier-podlaski.example", to(emls.get(0)));
    assertEquals("a.zolkiewska@tygodnik-wschodni.example", to(emls.get(2)));
    assertContains(r.out(), "Previewed 3 messages");
  }

  @Test
  void limitBelowOneIsAUsageError() {
    CliRun.Result r = preview("--limit", "0");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "--limit must be at least 1");
  }

  @Test
  void onlyPicksOneAddressCaseInsensitively() throws Exception {
    CliRun.Result r = preview("--only", "G.Mueller@Technik-und-Region.EXAMPLE");

    assertEquals(0, r.exitCode(), r::toString);
    List<Path> emls = Eml.files(dir.resolve("preview"));
    assertEquals(1, emls.size());
    assertEquals("g.mueller@technik-und-region.example", to(emls.get(0)));
    assertContains(r.out(), "Previewed 1 message ");
  }

  @Test
  void onlyAnAddressThatIsNotListedPreviewsNothing() {
    CliRun.Result r = preview("--only", "nobody@nowhere.example");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "No recipients selected");
    assertEquals(0, Eml.files(dir.resolve("preview")).size());
  }

  @Test
  void whereLanguagePlPicksThePolishContacts() throws Exception {
    CliRun.Result r = preview("--where", "language=pl");

    assertEquals(0, r.exitCode(), r::toString);
    List<Path> emls = Eml.files(dir.resolve("preview"));
    assertEquals(5, emls.size());
    for (Path eml : emls) {
      assertTrue(Eml.parse(eml).getSubject().startsWith("Wspieranie cyfryzacji"), eml.toString());
    }
  }

  @Test
  void whereTagsMatchesOneOfTheTags() {
    CliRun.Result r = preview("--where", "tags=cohesion");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(2, Eml.files(dir.resolve("preview")).size());
  }

  @Test
  void whereConditionsAllHold() {
    CliRun.Result r = preview("--where", "country=BE", "--where", "beat=eu affairs");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(2, Eml.files(dir.resolve("preview")).size());
  }

  @Test
  void outWritesIntoAnotherFolder() {
    CliRun.Result r = preview("--out", "review/round-1");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, Eml.files(dir.resolve("review/round-1")).size());
    assertTrue(Files.isRegularFile(dir.resolve("review/round-1/index.html")));
    assertFalse(Files.exists(dir.resolve("preview")));
  }

  @Test
  void aSecondRunReplacesTheFirstButKeepsOtherFiles() throws Exception {
    preview();
    TestFiles.write(dir, "preview/notes.txt", "reviewer notes");

    preview("--limit", "2");

    assertEquals(2, Eml.files(dir.resolve("preview")).size());
    assertTrue(Files.exists(dir.resolve("preview/notes.txt")));
  }

  @Test
  void aFolderHeraldDidNotMakeIsRefusedAndLeftAsItWas() throws Exception {
    TestFiles.write(dir, "reports/index.html", "the team's own page");
    TestFiles.write(dir, "reports/budget.xlsx", "numbers");

    CliRun.Result r = preview("--out", "reports");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "reports holds files herald did not write (budget.xlsx, index.html)");
    assertContains(r.err(), "--force");
    assertEquals("the team's own page", TestFiles.read(dir.resolve("reports/index.html")));
    assertTrue(Files.exists(dir.resolve("reports/budget.xlsx")));
  }

  @Test
  void forceWritesBesideOtherFilesAndRemovesOnlyPreviews() throws Exception {
    TestFiles.write(dir, "reports/budget.xlsx", "numbers");

    CliRun.Result first = preview("--out", "reports", "--force");
    CliRun.Result again = preview("--out", "reports", "--limit", "1");

    assertEquals(0, first.exitCode(), first::toString);
    assertEquals(0, again.exitCode(), "a folder herald marked is its own: " + again);
    assertEquals("numbers", TestFiles.read(dir.resolve("reports/budget.xlsx")));
    assertEquals(1, Eml.files(dir.resolve("reports")).size(), "the earlier previews replaced");
  }

  @Test
  void aPreviewFolderFromAnEarlierVersionHoldingOnlyPreviewsIsReused() throws Exception {
    TestFiles.write(dir, "preview/00001-a-news.example.eml", "old");
    TestFiles.write(dir, "preview/index.html", "old index");

    CliRun.Result r = preview();

    assertEquals(0, r.exitCode(), r::toString);
    assertFalse(TestFiles.read(dir.resolve("preview/index.html")).equals("old index"));
  }

  @Test
  void aWorkingFolderThatDoesNotExistIsNamed() {
    CliRun.Result r =
        CliRun.in(dir.resolve("no-such-folder"))
            .run("check", "templates/podlaskie-digitalisation.md");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "no-such-folder: no such folder");
    assertFalse(r.err().contains("cannot list templates"), r::err);
  }

  @Test
  void aFolderHoldingOnlySomeoneElsesIndexIsRefused() {
    TestFiles.write(dir, "reports/index.html", "the team's own page");

    CliRun.Result r = preview("--out", "reports");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "holds files herald did not write (index.html)");
    assertEquals("the team's own page", TestFiles.read(dir.resolve("reports/index.html")));
  }

  @Test
  void theFirstMessagesFoldedHeadersPrintWithoutCarriageReturns() {
    CliRun.Result r = preview();

    assertEquals(0, r.exitCode(), r::toString);
    assertFalse(r.out().contains("\\u000D"), r::out);
  }
}
