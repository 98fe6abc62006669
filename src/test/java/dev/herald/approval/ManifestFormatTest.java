package dev.herald.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins {@code approval.json}'s format: a working folder of two variants, an attachment, a
 * suppressed contact, a repeated one and an invalid row gives exactly the golden file, and the same
 * file however often the preview runs and whatever the clock says of the messages' Date.
 */
class ManifestFormatTest {
  @TempDir Path dir;

  static final Map<String, String> KEY =
      Map.of("HERALD_KEY", "golden-manifest-key-0123456789-abcdefghij");

  private void folder() {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News for {{outlet}}\n"
            + "From: Press <press@herald.example>\n"
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
        "email,salutation,outlet,language\n"
            + "anna@news.example,Dear Anna,News,en\n"
            + "jan@gazeta.example,Szanowny Panie,Gazeta,pl\n"
            + "gone@old.example,Dear Sir,Old,en\n"
            + "ANNA@news.example,Dear Anna,News,en\n"
            + "not an address,Dear X,X,en\n");
    TestFiles.write(
        dir, "contacts/optout.csv", "email,reason,date\ngone@old.example,closed,2026-01-02\n");
  }

  @Test
  void theManifestIsTheGoldenFile() throws Exception {
    folder();
    CliRun.Result r =
        CliRun.in(dir).env(KEY).run("preview", "templates/release.md", "--skip-invalid");
    assertEquals(0, r.exitCode(), r::toString);
    Path file = Samples.projectRoot().resolve("src/test/resources/golden/approval.json");
    String written = Files.readString(dir.resolve("preview/approval.json"));
    if (System.getenv("HERALD_UPDATE_GOLDEN") != null) {
      Files.writeString(file, written); // after a deliberate format change: review the diff
    }

    assertEquals(Files.readString(file).replace("\r\n", "\n"), written);
  }

  @Test
  void theSameFolderGivesTheSameDigestsAtAnotherTime() throws Exception {
    folder();
    CliRun.in(dir).env(KEY).run("preview", "templates/release.md", "--skip-invalid");
    String first = Files.readString(dir.resolve("preview/approval.json"));
    CliRun.Result r =
        CliRun.in(dir)
            .env(KEY)
            .clock(java.time.Clock.fixed(CliRun.NOW.plusSeconds(86_400), java.time.ZoneOffset.UTC))
            .run("preview", "templates/release.md", "--skip-invalid");
    assertEquals(0, r.exitCode(), r::toString);
    String second = Files.readString(dir.resolve("preview/approval.json"));

    assertEquals(strip(first), strip(second));
  }

  /** Without the two members that say when it was written. */
  private static String strip(String manifest) {
    return manifest
        .replaceAll("\"created\": \"[^\"]*\"", "")
        .replaceAll("\"seal\": \"[^\"]*\"", "");
  }
}
