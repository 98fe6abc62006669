package dev.herald.template;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.TestFiles;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A variant's suffix is a BCP 47 language tag, and a contact's language value is read as one: a
 * file name never reads as a language, and {@code pol}, {@code Polish}, {@code zh-Hant-TW} find
 * their variant.
 */
class LanguageTagsTest {
  @TempDir Path dir;

  private static final String FROM = "From: Press <press@herald.example>\n";

  @ParameterizedTest
  @ValueSource(
      strings = {"new", "old", "fix", "bak", "eng", "tmp", "orig", "draft", "v2", "x-foo", "1"})
  void aSuffixThatIsNotALanguageIsNotAVariant(String suffix) {
    assertEquals(Optional.empty(), Language.variantTag(suffix), suffix);
  }

  @ParameterizedTest
  @CsvSource({
    "pl, pl",
    "PL, pl",
    "pl-PL, pl-PL",
    "pl-pl, pl-PL",
    "zh-Hant, zh-Hant",
    "zh-hant, zh-Hant",
    "fil, fil",
    "yue, yue",
    "new-NP, new-NP",
    "de-AT, de-AT"
  })
  void aLanguageSuffixIsAVariantInItsCanonicalCase(String suffix, String tag) {
    assertEquals(Optional.of(tag), Language.variantTag(suffix));
  }

  @ParameterizedTest
  @CsvSource({
    "pl, pl",
    "PL, pl",
    "pl_PL, pl-PL",
    "pl-pl, pl-PL",
    "pol, pl",
    "POL, pl",
    "Polish, pl",
    "polski, pl",
    "Deutsch, de",
    "ger, de",
    "français, fr",
    "zh-Hant-TW, zh-Hant-TW",
    "'  it ', it"
  })
  void aContactsLanguageValueIsReadAsATag(String value, String tag) {
    assertEquals(Optional.of(tag), Language.ofContact(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Klingon", "xx", "12", "pl;de", "tlh-Latn-x"})
  void aValueThatNamesNoLanguageHasNoTag(String value) {
    assertEquals(Optional.empty(), Language.ofContact(value), value);
  }

  @Test
  void lookupGoesFromTheMostSpecificTagDown() {
    assertEquals(List.of("zh-hant-tw", "zh-hant", "zh"), Language.lookupChain("zh-Hant-TW"));
    assertEquals(List.of("pl"), Language.lookupChain("pl"));
    assertTrue(Language.within("pl-PL", "pl"));
    assertFalse(Language.within("plx", "pl"));
  }

  private Map<String, MimeMessage> previewByRecipient() throws Exception {
    return Eml.byRecipient(dir.resolve("preview"));
  }

  @Test
  void aNewVersionBesideTheOldIsItsOwnReleaseNotAVariant() throws Exception {
    TestFiles.write(dir, "templates/budget.md", "Subject: OLD budget\n" + FROM + "\nOld\n");
    TestFiles.write(dir, "templates/budget.new.md", "Subject: NEW budget\n" + FROM + "\nNew\n");
    TestFiles.write(dir, "templates/budget.eng.md", "Subject: ENG budget\n" + FROM + "\nEng\n");
    TestFiles.write(dir, "contacts/media.csv", "email,language\na@news.example,new\n");

    CliRun.Result send = CliRun.in(dir).run("send", "templates/budget.new.md");
    CliRun.Result check = CliRun.in(dir).run("check", "templates/budget.md");

    assertEquals(0, send.exitCode(), send::toString);
    assertContains(send.out(), "campaign budget.new");
    String eml = Files.readString(Eml.files(dir.resolve("outbox/budget.new")).get(0));
    assertContains(eml, "Subject: NEW budget");
    assertEquals(0, check.exitCode(), check::toString);
    assertFalse(check.out().contains("budget.new.md"), check::out);
    assertFalse(check.out().contains("budget.eng.md"), check::out);
  }

  @Test
  void sendingAVariantByNameIsRefusedAndNamesTheDefaultFile() {
    TestFiles.write(dir, "templates/release.md", "Subject: News\n" + FROM + "\nHello\n");
    TestFiles.write(dir, "templates/release.pl.md", "Subject: Wiadomości\n" + FROM + "\nCześć\n");
    TestFiles.write(dir, "contacts/media.csv", "email,language\na@news.example,pl\n");

    CliRun.Result r = CliRun.in(dir).run("send", "templates/release.pl.md");

    assertEquals(2, r.exitCode(), r::toString);
    String err = r.err().replace(dir.toString() + "/", "");
    assertContains(err, "templates/release.pl.md is a language variant of templates/release.md");
    assertContains(err, "; send templates/release.md, which sends each contact the variant");
    assertFalse(Files.exists(dir.resolve("outbox")), "nothing written");
  }

  @Test
  void codesNamesAndSubtagsFindTheirVariantAndCheckListsWhoFallsBack() throws Exception {
    TestFiles.write(dir, "templates/release.md", "Subject: News\n" + FROM + "\nHello\n");
    TestFiles.write(dir, "templates/release.pl.md", "Subject: Wiadomości\n" + FROM + "\nCześć\n");
    TestFiles.write(dir, "templates/release.zh-Hant.md", "Subject: 新聞\n" + FROM + "\n你好\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,language\n"
            + "a@news.example,pol\n"
            + "b@news.example,Polish\n"
            + "c@news.example,zh-Hant-TW\n"
            + "d@news.example,Klingon\n"
            + "e@news.example,it\n");

    CliRun.Result check = CliRun.in(dir).run("check", "templates/release.md");
    CliRun.Result preview = CliRun.in(dir).run("preview", "templates/release.md");

    assertEquals(0, check.exitCode(), check::toString);
    assertEquals(0, preview.exitCode(), preview::toString);
    Map<String, MimeMessage> m = previewByRecipient();
    assertEquals("Wiadomości", m.get("a@news.example").getSubject());
    assertEquals("Wiadomości", m.get("b@news.example").getSubject());
    assertEquals("新聞", m.get("c@news.example").getSubject());
    assertEquals("News", m.get("d@news.example").getSubject());
    assertEquals("News", m.get("e@news.example").getSubject());
    String out = check.out().replace(dir.toString() + "/", "");
    assertContains(out, "'pol'        -> templates/release.pl.md  1");
    assertContains(out, "'Polish'     -> templates/release.pl.md  1");
    assertContains(out, "'zh-Hant-TW' -> templates/release.zh-Hant.md  1");
    assertContains(
        out,
        "'Klingon'    -> templates/release.md  1  (not a language herald knows: gets the default)\n"
            + "      contacts/media.csv:5 d@news.example");
    assertContains(
        out,
        "'it'         -> templates/release.md  1  (no it variant: gets the default)\n"
            + "      contacts/media.csv:6 e@news.example");
  }

  @Test
  void whereLanguageComparesTagsAndColumnNamesIgnoreCase() throws Exception {
    TestFiles.write(dir, "templates/release.md", "Subject: News\n" + FROM + "\nHello\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,language\n"
            + "a@news.example,pl\n"
            + "b@news.example,pl-PL\n"
            + "c@news.example,pl_PL\n"
            + "d@news.example,Polish\n"
            + "e@news.example,de\n"
            + "f@news.example,plx\n");

    CliRun.Result r =
        CliRun.in(dir).run("send", "templates/release.md", "--dry-run", "--where", "LANGUAGE=pl");

    assertEquals(0, r.exitCode(), r::toString);
    for (String who : new String[] {"a", "b", "c", "d"}) {
      assertContains(r.out(), "would send     " + who + "@news.example");
    }
    assertFalse(r.out().contains("e@news.example"), r::out);
    assertFalse(r.out().contains("f@news.example"), r::out);
    assertContains(r.out(), "would send 4 of campaign release");
  }

  @Test
  void twoFilesForOneLanguageAreAnError() {
    TestFiles.write(dir, "templates/release.md", "Subject: News\n" + FROM + "\nHello\n");
    TestFiles.write(dir, "templates/release.pl-PL.md", "Subject: A\n" + FROM + "\nA\n");
    TestFiles.write(dir, "templates/release.pl-pl.md", "Subject: B\n" + FROM + "\nB\n");
    TestFiles.write(dir, "contacts/media.csv", "email\na@news.example\n");

    CliRun.Result r = CliRun.in(dir).run("check", "templates/release.md");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.all(), "templates/release.pl-pl.md: names the same language as ");
  }

  @Test
  void checkGivesTheAttachmentSizeOfEachVariantsMessageNotTheSumOverVariants() {
    TestFiles.write(dir, "templates/fact-sheet-en.txt", "x".repeat(2000));
    TestFiles.write(dir, "templates/fact-sheet-pl.txt", "y".repeat(3000));
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\n" + FROM + "Attachment: fact-sheet-en.txt\n\nHello\n");
    TestFiles.write(
        dir,
        "templates/release.pl.md",
        "Subject: Wiadomości\n" + FROM + "Attachment: fact-sheet-pl.txt\n\nCześć\n");
    TestFiles.write(dir, "contacts/media.csv", "email,language\na@news.example,pl\n");

    CliRun.Result r = CliRun.in(dir).run("check", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    String out = r.out().replace(dir.toString() + "/", "");
    assertContains(out, "(2.0 KB per message of templates/release.md)");
    assertContains(out, "(2.9 KB per message of templates/release.pl.md)");
    assertFalse(out.contains("4.9 KB"), out);
  }
}
