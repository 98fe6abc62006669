package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.template.TemplateFile;
import dev.herald.testing.CliRun;
import dev.herald.testing.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code herald init}: a working folder that passes check, and never a file replaced. */
class InitCommandTest {
  @TempDir Path dir;

  private static final List<String> FILES =
      List.of(
          "contacts/media.csv",
          "contacts/optout.csv",
          "templates/release.md",
          "templates/README.md",
          "herald.properties",
          ".gitignore");

  @Test
  void startsAFolderThatChecksPreviewsAndSendsToTheOutbox() throws IOException {
    CliRun.Result init = CliRun.in(dir).run("init");

    assertEquals(0, init.exitCode(), init::toString);
    for (String f : FILES) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f);
      assertContains(init.out(), f);
    }
    assertContains(init.out(), "herald check templates/release.md");

    CliRun.Result check = CliRun.in(dir).run("check", "templates/release.md");
    assertEquals(0, check.exitCode(), check::toString);
    assertContains(check.out(), "No problems found");
    assertContains(check.out(), ", 1 row: 1 to send");
    assertFalse(check.all().toLowerCase(Locale.ROOT).contains("warning"), check::toString);

    CliRun.Result preview = CliRun.in(dir).run("preview", "templates/release.md");
    assertEquals(0, preview.exitCode(), preview::toString);
    assertTrue(Files.isRegularFile(dir.resolve("preview/index.html")));

    CliRun.Result send = CliRun.in(dir).run("send", "templates/release.md");
    assertEquals(0, send.exitCode(), send::toString);
    try (Stream<Path> files = Files.walk(dir.resolve("outbox"))) {
      assertEquals(1, files.filter(p -> p.toString().endsWith(".eml")).count());
    }
  }

  @Test
  void theExampleContactIsAtAReservedDomain() throws IOException {
    CliRun.in(dir).run("init");

    List<String> rows = Files.readAllLines(dir.resolve("contacts/media.csv"));
    assertEquals(2, rows.size(), rows::toString);
    assertTrue(rows.get(0).startsWith("email,first_name,last_name,salutation,outlet"));
    assertTrue(rows.get(1).split(",")[0].endsWith(".example"), rows.get(1));
    assertEquals(
        List.of("email,reason,date"), Files.readAllLines(dir.resolve("contacts/optout.csv")));
  }

  @Test
  void startsANamedFolderAndSaysHowToRunThere() {
    CliRun.Result init = CliRun.in(dir).run("init", "press office/2026");

    assertEquals(0, init.exitCode(), init::toString);
    assertTrue(Files.isRegularFile(dir.resolve("press office/2026/templates/release.md")));
    assertContains(init.out(), "herald -C 'press office/2026' check templates/release.md");
    assertEquals(
        0,
        CliRun.in(dir.resolve("press office/2026"))
            .run("check", "templates/release.md")
            .exitCode());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "contacts/media.csv",
        "contacts/optout.csv",
        "templates/release.md",
        "templates/README.md",
        "herald.properties"
      })
  void refusesWhenAnyFileExistsAndCreatesNothing(String existing) throws IOException {
    Path f = dir.resolve(existing);
    Files.createDirectories(f.getParent());
    Files.writeString(f, "theirs\n");

    CliRun.Result r = CliRun.in(dir).run("init");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), existing);
    assertContains(r.err(), "never replaces");
    assertEquals("theirs\n", Files.readString(f));
    try (Stream<Path> all = Files.walk(dir)) {
      assertEquals(
          List.of(f),
          all.filter(Files::isRegularFile).toList(),
          "only the file that was there before");
    }
  }

  @Test
  void aSecondInitChangesNothing() throws IOException {
    CliRun.in(dir).run("init");
    List<byte[]> before = contents();

    CliRun.Result again = CliRun.in(dir).run("init");

    assertEquals(2, again.exitCode(), again::toString);
    List<byte[]> after = contents();
    for (int i = 0; i < FILES.size(); i++) {
      assertArrayEquals(before.get(i), after.get(i), FILES.get(i));
    }
  }

  @Test
  void aDanglingLinkCountsAsAFile() throws IOException {
    Files.createDirectories(dir.resolve("templates"));
    Path elsewhere = dir.resolve("elsewhere.md");
    Files.createSymbolicLink(dir.resolve("templates/release.md"), elsewhere);

    CliRun.Result r = CliRun.in(dir).run("init");

    assertEquals(2, r.exitCode(), r::toString);
    assertFalse(Files.exists(elsewhere), "nothing written through the link");
  }

  @Test
  void anExistingGitignoreGetsOnlyTheLinesItLacks() throws IOException {
    Path gi = dir.resolve(".gitignore");
    Files.writeString(gi, "target/\n/outbox\n*.log"); // no final newline

    CliRun.Result r = CliRun.in(dir).run("init");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("target/\n/outbox\n*.log\n# herald\npreview/\n.herald/\n", Files.readString(gi));
    assertContains(r.out(), "added preview/, .herald/");
  }

  @Test
  void aGitignoreThatIgnoresEverythingAlreadyIsLeftAlone() throws IOException {
    Path gi = dir.resolve(".gitignore");
    byte[] text = "outbox/\npreview\n.herald/\n".getBytes(StandardCharsets.UTF_8);
    Files.write(gi, text);

    CliRun.Result r = CliRun.in(dir).run("init");

    assertEquals(0, r.exitCode(), r::toString);
    assertArrayEquals(text, Files.readAllBytes(gi));
    assertFalse(r.out().contains(".gitignore"), r::toString);
  }

  @Test
  void aFileWhereAFolderMustGoUndoesWhatWasMade() throws IOException {
    Files.writeString(dir.resolve("templates"), "a file, not a folder");

    CliRun.Result r = CliRun.in(dir).run("init");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "nothing was kept");
    assertFalse(Files.exists(dir.resolve("contacts")), "the contacts made before are removed");
    assertEquals("a file, not a folder", Files.readString(dir.resolve("templates")));
  }

  @Test
  void aFileGivenAsTheFolderIsRefused() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "x");

    CliRun.Result r = CliRun.in(dir).run("init", "notes.txt");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "is not a folder");
  }

  /** The commented settings file is the one place that lists every setting. */
  @Test
  void theSettingsFileMentionsEverySetting() throws IOException {
    CliRun.in(dir).run("init");
    String text = Files.readString(dir.resolve("herald.properties"));

    List<String> missing = new ArrayList<>();
    for (String key : Settings.KEYS) {
      if (!text.contains("# " + key + " = ")) {
        missing.add(key);
      }
    }
    assertEquals(List.of(), missing);
  }

  /**
   * Every setting, uncommented with its example value, is one herald accepts (the CA file the
   * example names is one the user supplies: here, a real certificate put there).
   */
  @Test
  void everyExampleSettingIsValid() throws Exception {
    CliRun.in(dir).run("init");
    Path props = dir.resolve("herald.properties");
    Files.createDirectories(dir.resolve("certs"));
    Files.writeString(
        dir.resolve("certs/office-ca.pem"), TestCertificates.selfSigned(dir.resolve("tls")).pem());
    List<String> lines = Files.readAllLines(props);
    for (String line : lines) {
      if (!line.matches("# [a-z]+\\.[a-z-]+ = .*")) {
        continue;
      }
      Files.writeString(props, line.substring(2) + "\n");
      CliRun.Result r = CliRun.in(dir).run("check", "templates/release.md");
      assertEquals(0, r.exitCode(), () -> line + "\n" + r);
    }
  }

  /** The template guide explains every header a template may have. */
  @Test
  void theTemplateGuideExplainsEveryHeader() throws IOException {
    CliRun.in(dir).run("init");
    String guide = Files.readString(dir.resolve("templates/README.md")).toLowerCase(Locale.ROOT);

    for (String key : TemplateFile.KEYS) {
      assertTrue(guide.contains("`" + key + ":`"), key);
    }
  }

  private List<byte[]> contents() throws IOException {
    List<byte[]> all = new ArrayList<>();
    for (String f : FILES) {
      all.add(Files.readAllBytes(dir.resolve(f)));
    }
    return all;
  }
}
