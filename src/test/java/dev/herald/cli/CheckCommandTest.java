package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald check} on the sample working folder. */
class CheckCommandTest {
  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  @Test
  void theSampleFolderIsReady() {
    CliRun.Result r = CliRun.in(dir).run("check", Samples.TEMPLATE);

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.err());
    assertContains(r.out(), "Campaign: podlaskie-digitalisation");
    assertContains(r.out(), "16 rows: 15 to send, 1 suppressed (opt-out), 0 repeated, 0 invalid");
    assertContains(r.out(), "contacts/optout.csv: 2 addresses");
    assertContains(r.out(), "No problems found");
  }

  @Test
  void countsRecipientsPerLanguageVariant() {
    String out = CliRun.in(dir).run("check", Samples.TEMPLATE).out();

    assertTrue(
        Pattern.compile("templates/podlaskie-digitalisation\\.md\\s+default\\s+10\\b")
            .matcher(out)
            .find(),
        out);
    assertTrue(
        Pattern.compile("templates/podlaskie-digitalisation\\.pl\\.md\\s+pl\\s+5\\b")
            .matcher(out)
            .find(),
        out);
  }

  @Test
  void listsTheAttachmentAndItsSize() throws Exception {
    String out = CliRun.in(dir).run("check", Samples.TEMPLATE).out();
    long size = Files.size(dir.resolve("templates/attachments/next2met-fact-sheet.pdf"));

    assertContains(out, "templates/attachments/next2met-fact-sheet.pdf");
    assertContains(out, String.format(java.util.Locale.ROOT, "%.1f KB", size / 1024.0));
    assertContains(out, "per message");
  }

  @Test
  void writesNothing() throws Exception {
    CliRun.in(dir).run("check", Samples.TEMPLATE);

    assertFalse(Files.exists(dir.resolve("preview")));
    assertFalse(Files.exists(dir.resolve("outbox")));
    assertFalse(Files.exists(dir.resolve("logs")));
  }

  @Test
  void theContactsOptionNamesAnotherFile() throws Exception {
    Files.createDirectories(dir.resolve("lists"));
    Files.copy(dir.resolve("contacts/media.csv"), dir.resolve("lists/press.csv"));

    CliRun.Result r =
        CliRun.in(dir).run("check", Samples.TEMPLATE, "--contacts", "lists/press.csv");

    assertEquals(0, r.exitCode(), r::toString);
    // the working folder's contacts/optout.csv applies wherever the contact file lies
    assertContains(r.out(), "16 rows: 15 to send, 1 suppressed");
    assertContains(r.out(), "contacts/optout.csv: 2 addresses");
  }

  @Test
  void whereSelectsByColumn() {
    CliRun.Result r = CliRun.in(dir).run("check", Samples.TEMPLATE, "--where", "language=pl");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "5 to send");
    assertContains(r.out(), "not selected");
  }

  @Test
  void whereOnAColumnThatDoesNotExistIsAnInputError() {
    CliRun.Result r = CliRun.in(dir).run("check", Samples.TEMPLATE, "--where", "desk=news");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.all(), "no column 'desk'");
  }

  @Test
  void aMissingContactFileIsNamed() {
    CliRun.Result r =
        CliRun.in(dir).run("check", Samples.TEMPLATE, "--contacts", "contacts/nobody.csv");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.all(), "contacts/nobody.csv: no such file");
  }

  @Test
  void aBrokenTemplateDoesNotClaimTheContactFileIsEmpty() {
    dev.herald.testing.TestFiles.write(
        dir,
        "templates/broken.md",
        "Subject: News\nFrom: Press <press@herald.example>\nX: 1\n\nHi\n");

    CliRun.Result r = CliRun.in(dir).run("check", "templates/broken.md");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.out(), "unknown header 'X'");
    assertFalse(r.out().contains("0 rows"), r.out());
  }

  @Test
  void problemsAreAlsoCountedOnStandardError() throws Exception {
    java.nio.file.Files.writeString(
        dir.resolve("contacts/media.csv"),
        "email,first_name\nnot-an-address,Anna\nb@x.example,Bruno\n");
    CliRun.Result r = CliRun.in(dir).run("check", Samples.TEMPLATE);

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "check found");
    assertContains(r.out(), "media.csv:2");
  }
}
