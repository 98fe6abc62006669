package dev.herald.campaign;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reviewer reads at a glance: per message the variant and why, the first line, the subject
 * as a mail client shows it and the attachments; every contact left out with its reason and
 * file:line; and on each message's page a header block that links back to the index. Contact data
 * is hostile: every value is escaped.
 */
class PreviewReviewTest {
  @TempDir Path dir;

  private void folder() {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News for {{outlet}}\n"
            + "From: Press <press@herald.example>\n"
            + "Cc: Desk <desk@herald.example>\n"
            + "Attachment: facts.txt\n\n"
            + "{{salutation}},\n\nHello.\n");
    TestFiles.write(
        dir,
        "templates/release.pl.md",
        "Subject: Wiadomości dla {{outlet}}\n"
            + "From: Press <press@herald.example>\n"
            + "Attachment: facts.txt\n\n"
            + "{{salutation}},\n\nDzień dobry.\n");
    TestFiles.write(dir, "templates/facts.txt", "Facts.\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,salutation,outlet,language\n"
            + TestFiles.csvLine("anna@news.example", "<b>Anna</b>", "Dear <Anna>", "News", "fr")
            + "jan@gazeta.example,Jan,Szanowny Panie,Gazeta,pl\n"
            + "gone@old.example,,Dear Sir,Old,en\n"
            + "ANNA@news.example,,Dear Anna,News,en\n"
            + "not an address,,Dear X,X,en\n"
            + "sent@before.example,,Dear Sent,Done,en\n");
    TestFiles.write(
        dir, "contacts/optout.csv", "email,reason,date\ngone@old.example,closed,2026-01-02\n");
    TestFiles.write(
        dir,
        "logs/sends.csv",
        "time,campaign,recipient,outcome,reply,message_id,template,template_hash\n"
            + "2026-11-20T10:00:00Z,release,sent@before.example,sent,250 OK,<x@herald.example>,,\n");
  }

  private String index() {
    return TestFiles.read(dir.resolve("preview/index.html"));
  }

  @Test
  void theIndexShowsVariantAndWhyFirstLineSubjectAndAttachments() {
    folder();
    CliRun.Result r = CliRun.in(dir).run("preview", "templates/release.md", "--skip-invalid");
    assertEquals(0, r.exitCode(), r::toString);
    String index = index();

    assertContains(index, "fr → default (en): no .fr variant");
    assertContains(index, "pl: templates/release.pl.md");
    assertContains(index, "<td>Dear &lt;Anna&gt;,</td>"); // the salutation, escaped
    assertContains(index, "<td>Wiadomości dla Gazeta</td>"); // as a reader sees it
    assertContains(index, "facts.txt <span class=\"small\">(7 bytes)</span>");
    assertFalse(index.contains("<b>Anna</b>"), index);
  }

  @Test
  void theContactsLeftOutAreListedWithReasonAndLine() {
    folder();
    CliRun.Result r = CliRun.in(dir).run("preview", "templates/release.md", "--skip-invalid");
    assertEquals(0, r.exitCode(), r::toString);
    String index = index();
    String left = index.substring(index.indexOf("<h2>Left out</h2>"));

    assertContains(left, "<td>suppressed</td><td class=\"addr\">gone@old.example</td>");
    assertContains(left, "media.csv:4</td><td>on the opt-out list (");
    assertContains(left, "optout.csv:2, closed, 2026-01-02)");
    assertContains(left, "<td>repeated</td><td class=\"addr\">ANNA@news.example</td>");
    assertContains(left, "repeats line 2: sent once");
    assertContains(left, "<td>invalid</td>");
    assertContains(left, "media.csv:6:1</td><td>&#39;not an address&#39; is not an email address");
    assertContains(left, "<td>already sent</td><td class=\"addr\">sent@before.example</td>");
    assertContains(r.out(), "Left out (4):");
    assertEquals(2, Eml.files(dir.resolve("preview")).size());
  }

  @Test
  void rowsLeftOutByWhereAreCounted() {
    folder();
    CliRun.Result r =
        CliRun.in(dir)
            .run("preview", "templates/release.md", "--skip-invalid", "--where", "language=pl");
    assertEquals(0, r.exitCode(), r::toString);

    assertContains(index(), "rows were left out by --only/--where.");
  }

  @Test
  void eachMessagePageStartsWithAHeaderBlockAndLinksBack() {
    folder();
    CliRun.in(dir).run("preview", "templates/release.md", "--skip-invalid");
    List<Path> pages = Eml.list(dir.resolve("preview"), ".html");
    Path page =
        pages.stream()
            .filter(p -> p.getFileName().toString().startsWith("00001-"))
            .findFirst()
            .get();
    String html = TestFiles.read(page);

    assertTrue(html.indexOf("Content-Security-Policy") < html.indexOf("<body"), html);
    String header = html.substring(html.indexOf("<body"), html.indexOf("Dear &lt;Anna&gt;,"));
    assertContains(header, "<a href=\"index.html\"");
    assertContains(header, "Press &lt;press@herald.example&gt;");
    assertContains(header, "&lt;b&gt;Anna&lt;/b&gt; &lt;anna@news.example&gt;");
    assertContains(header, "Desk &lt;desk@herald.example&gt;");
    assertContains(header, "News for News");
    assertContains(header, "Fri, 27 Nov 2026 10:00:00 +0000");
    assertContains(header, "facts.txt (7 bytes)");
    assertFalse(html.contains("<b>Anna</b>"), html);
  }

  @Test
  void theTerminalShowsDecodedHeaders() {
    folder();
    CliRun.Result r =
        CliRun.in(dir)
            .run("preview", "templates/release.md", "--skip-invalid", "--where", "language=pl");

    assertContains(r.out(), "\nSubject: Wiadomości dla Gazeta\n");
    assertFalse(r.out().contains("=?UTF-8?"), r.out());
    assertFalse(r.out().contains("\r"), r.out());
  }
}
