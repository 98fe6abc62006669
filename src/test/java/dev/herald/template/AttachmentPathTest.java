package dev.herald.template;

import static dev.herald.testing.TestFiles.assertContains;
import static dev.herald.testing.TestFiles.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import jakarta.mail.Part;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attachments resolve relative to the template and must stay inside the working folder. */
class AttachmentPathTest {
  @TempDir Path tmp;

  private static void symlink(Path link, Path target) {
    try {
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | IOException | SecurityException e) {
      Assumptions.abort("symbolic links are not available here: " + e);
    }
  }

  @Test
  void aWorkingFolderReachedThroughASymbolicLinkKeepsItsAttachments() throws Exception {
    // as on macOS, where /tmp and /var are links into /private
    Path real = Samples.copyTo(tmp.resolve("real"));
    Path link = tmp.resolve("link");
    symlink(link, real);

    CliRun.Result check = CliRun.in(link).run("check", Samples.TEMPLATE);
    CliRun.Result preview = CliRun.in(link).run("preview", Samples.TEMPLATE, "--limit", "1");

    assertEquals(0, check.exitCode(), check::toString);
    assertEquals(0, preview.exitCode(), preview::toString);
    List<Part> parts = Eml.leaves(Eml.parse(Eml.files(real.resolve("preview")).get(0)));
    assertEquals("next2met-fact-sheet.pdf", parts.get(parts.size() - 1).getFileName());
  }

  @Test
  void aSymbolicLinkInsideTheWorkingFolderIsFine() throws Exception {
    Path dir = Samples.copyTo(tmp.resolve("press"));
    symlink(
        dir.resolve("templates/fact-sheet.pdf"),
        dir.resolve("templates/attachments/next2met-fact-sheet.pdf"));
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\nAttachment: fact-sheet.pdf\n\nHi\n");

    CliRun.Result r = CliRun.in(dir).run("check", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
  }

  @Test
  void anAttachmentNamedByContactDataIsResolvedPerContact() throws Exception {
    Path dir = tmp.resolve("press");
    TestFiles.write(dir, "templates/kits/pl.txt", "zestaw prasowy");
    TestFiles.write(dir, "templates/kits/en.txt", "press kit");
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\nAttachment: kits/{{kit}}.txt\n\nHi\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,kit\nanna@news.example,pl\nben@news.example,en\ncleo@news.example,../../../x\n");

    CliRun.Result check = CliRun.in(dir).run("check", "templates/release.md");
    CliRun.Result preview = CliRun.in(dir).run("preview", "templates/release.md", "--skip-invalid");

    assertEquals(2, check.exitCode(), check::toString);
    assertNames(check.out(), "contacts/media.csv:4");
    assertContains(check.out(), "lies outside the working folder");
    assertEquals(0, preview.exitCode(), preview::toString);
    List<Path> emls = Eml.files(dir.resolve("preview"));
    assertEquals(2, emls.size());
    List<Part> anna = Eml.leaves(Eml.parse(emls.get(0)));
    assertEquals("pl.txt", anna.get(anna.size() - 1).getFileName());
    assertEquals("zestaw prasowy", anna.get(anna.size() - 1).getContent());
  }

  @Test
  void anAttachmentInASectionIsOptionalAndABareEmptyOneIsStillAnError() throws Exception {
    Path dir = tmp.resolve("press");
    TestFiles.write(dir, "templates/kits/pl.txt", "zestaw prasowy");
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\n"
            + "Attachment: {{#kit}}kits/{{kit}}.txt{{/kit}}\n\nHi\n");
    TestFiles.write(
        dir, "contacts/media.csv", "email,kit\nanna@news.example,pl\nben@news.example,\n");

    CliRun.Result preview = CliRun.in(dir).run("preview", "templates/release.md");

    assertEquals(0, preview.exitCode(), preview::toString);
    List<Path> emls = Eml.files(dir.resolve("preview"));
    assertEquals(2, emls.size());
    List<Part> anna = Eml.leaves(Eml.parse(emls.get(0)));
    assertEquals("pl.txt", anna.get(anna.size() - 1).getFileName());
    assertEquals(2, Eml.leaves(Eml.parse(emls.get(1))).size(), "ben: text and HTML, no attachment");

    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\nAttachment: kits/{{kit}}\n\nHi\n");
    CliRun.Result bare = CliRun.in(dir).run("check", "templates/release.md");
    assertEquals(2, bare.exitCode(), bare::toString);
    assertNames(bare.out(), "contacts/media.csv:3");
  }
}
