package dev.herald.template;

import static dev.herald.testing.TestFiles.assertContains;
import static dev.herald.testing.TestFiles.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.TestFiles;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NAME.LANG.md is chosen by the contact's language column; NAME.md otherwise. */
class LanguageVariantTest {
  @TempDir Path dir;

  private static final String FROM = "From: Press <press@herald.example>\n";

  private void release() {
    TestFiles.write(dir, "templates/release.md", "Subject: News\n" + FROM + "\nHello {{name}}\n");
    TestFiles.write(
        dir,
        "templates/release.pl.md",
        "Subject: Wiadomości\n" + FROM + "\nDzień dobry {{name}}\n");
    TestFiles.write(
        dir, "templates/release.de.md", "Subject: Neuigkeiten\n" + FROM + "\nHallo {{name}}\n");
  }

  private Map<String, MimeMessage> previewBySubjectOwner() throws Exception {
    return Eml.byRecipient(dir.resolve("preview"));
  }

  @Test
  void theLanguageColumnPicksTheVariantCaseInsensitivelyAndByPrimaryTag() throws Exception {
    release();
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,language\n"
            + "a@news.example,Ala,pl\n"
            + "b@news.example,Bea,PL\n"
            + "c@news.example,Cyl,pl-PL\n"
            + "d@news.example,Dan,pl_pl\n"
            + "e@news.example,Eve, pl \n"
            + "f@news.example,Fil,fr\n"
            + "g@news.example,Gus,\n"
            + "h@news.example,Hal,de-AT\n"
            + "i@news.example,Ida,en-GB\n");

    CliRun.Result check = CliRun.in(dir).run("check", "templates/release.md");
    CliRun.Result preview = CliRun.in(dir).run("preview", "templates/release.md");

    assertEquals(0, check.exitCode(), check::toString);
    assertEquals(0, preview.exitCode(), preview::toString);
    Map<String, MimeMessage> m = previewBySubjectOwner();
    for (String polish : new String[] {"a", "b", "c", "d", "e"}) {
      assertEquals("Wiadomości", m.get(polish + "@news.example").getSubject(), polish);
    }
    for (String other : new String[] {"f", "g", "i"}) {
      assertEquals("News", m.get(other + "@news.example").getSubject(), other);
    }
    assertEquals("Neuigkeiten", m.get("h@news.example").getSubject());
    assertContains(Eml.text(m.get("c@news.example")), "Dzień dobry Cyl");
    assertContains(Eml.html(m.get("c@news.example")), "<html lang=\"pl\">");
  }

  @Test
  void checkCountsRecipientsPerVariant() {
    release();
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,language\na@news.example,pl\nb@news.example,PL\nc@news.example,fr\n");

    CliRun.Result r = CliRun.in(dir).run("check", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "templates/release.pl.md  pl           2");
    assertContains(r.out(), "templates/release.md     default      1");
    assertContains(r.out(), "templates/release.de.md  de           0");
  }

  @Test
  void aVariantWithAnUnknownPlaceholderIsReportedEvenIfNobodyUsesIt() {
    release();
    TestFiles.write(
        dir, "templates/release.de.md", "Subject: Neuigkeiten\n" + FROM + "\nHallo {{vorname}},\n");
    TestFiles.write(
        dir, "contacts/media.csv", "email,first_name,language\na@news.example,Ala,pl\n");

    CliRun.Result check = CliRun.in(dir).run("check", "templates/release.md");
    CliRun.Result preview = CliRun.in(dir).run("preview", "templates/release.md");

    for (CliRun.Result r : new CliRun.Result[] {check, preview}) {
      assertEquals(2, r.exitCode(), r::toString);
      assertNames(r.all(), "templates/release.de.md:4:7");
      assertContains(r.all(), "{{vorname}} is not a column");
    }
  }

  @Test
  void namingAVariantOnTheCommandLineUsesTheWholeSet() throws Exception {
    release();
    TestFiles.write(
        dir, "contacts/media.csv", "email,language\na@news.example,pl\nb@news.example,en\n");

    CliRun.Result r = CliRun.in(dir).run("preview", "templates/release.pl.md");

    assertEquals(0, r.exitCode(), r::toString);
    Map<String, MimeMessage> m = previewBySubjectOwner();
    assertEquals("Wiadomości", m.get("a@news.example").getSubject());
    assertEquals("News", m.get("b@news.example").getSubject());
  }

  @Test
  void theEmbargoIsShownInEachLanguage() throws Exception {
    String embargo = "Embargo: 2026-12-01T09:00:00+01:00[Europe/Brussels]\n";
    TestFiles.write(
        dir, "templates/release.md", "Subject: News\n" + FROM + embargo + "\nUntil {{embargo}}\n");
    TestFiles.write(
        dir,
        "templates/release.pl.md",
        "Subject: Wiadomości\n" + FROM + embargo + "\nDo {{embargo}}\n");
    TestFiles.write(
        dir, "contacts/media.csv", "email,language\na@news.example,pl\nb@news.example,en\n");

    CliRun.Result r = CliRun.in(dir).run("preview", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    Map<String, MimeMessage> m = previewBySubjectOwner();
    assertContains(Eml.text(m.get("b@news.example")), "EMBARGO: not for publication before");
    assertContains(Eml.text(m.get("b@news.example")), "Until 1 December 2026, 09:00 CET");
    assertContains(Eml.text(m.get("a@news.example")), "EMBARGO: informacja nie do publikacji");
    assertContains(Eml.text(m.get("a@news.example")), "grudnia 2026");
  }

  @Test
  void aVariantTakesTheReleasesScheduleAndOneOfItsOwnMustAgree() throws Exception {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\n"
            + FROM
            + "Send-At: 2099-12-01T09:00:00Z\nEmbargo: 2099-12-01T10:00:00Z\n\nHello {{embargo}}\n");
    TestFiles.write(
        dir, "templates/release.pl.md", "Subject: Wiadomości\n" + FROM + "\nCześć {{embargo}}\n");
    TestFiles.write(dir, "contacts/media.csv", "email,language\na@news.example,pl\n");

    CliRun.Result inherits = CliRun.in(dir).run("preview", "templates/release.md");

    assertEquals(0, inherits.exitCode(), inherits::toString);
    MimeMessage pl = previewBySubjectOwner().get("a@news.example");
    assertEquals("Wiadomości", pl.getSubject());
    assertContains(Eml.text(pl), "2099"); // the embargo notice and {{embargo}}, in Polish

    TestFiles.write(
        dir,
        "templates/release.pl.md",
        "Subject: Wiadomości\n" + FROM + "Embargo: 2099-12-02T10:00:00Z\n\nCześć\n");
    CliRun.Result differs = CliRun.in(dir).run("check", "templates/release.md");

    assertEquals(2, differs.exitCode(), differs::toString);
    assertNames(differs.out(), "templates/release.pl.md:3");
    assertContains(
        differs.out(),
        "templates/release.md, which says 2099-12-01T10:00Z; the schedule is the release's");
    assertContains(differs.out(), "its Embargo (2099-12-02T10:00Z) differs from ");
  }
}
