package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Malformed;
import dev.herald.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Passwords come only from the environment or a prompt, and never come back out: not in what check,
 * preview and send --dry-run print (with or without {@code --stacktrace}), not in a file they
 * write; a password put in herald.properties or typed as an option is refused without repeating it.
 * A real send is covered by {@link SendSecretsTest}.
 */
class SecretsTest {
  private static final String SMTP_MARKER = "MARKER-smtp-c0ffee";
  private static final String IMAP_MARKER = "MARKER-imap-c0ffee";

  @TempDir Path dir;

  @BeforeEach
  void release() {
    TestFiles.write(dir, Malformed.TEMPLATE, Malformed.RELEASE);
    TestFiles.write(dir, "contacts/media.csv", Malformed.CONTACTS);
  }

  private CliRun withSecrets() {
    return CliRun.in(dir)
        .env(Map.of("HERALD_SMTP_PASSWORD", SMTP_MARKER, "HERALD_IMAP_PASSWORD", IMAP_MARKER));
  }

  /** Everything herald wrote into the working folder, as text. */
  private String written() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }

  private void assertNoSecret(String text) {
    assertFalse(text.contains("MARKER"), () -> "a password appears in:\n" + text);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "smtp.password",
        "SMTP.PASSWORD",
        "imap.passwd",
        "smtp.pass",
        "imap.pwd",
        "smtp.secret",
        "smtp.token",
        "smtp.credentials"
      })
  void aPasswordKeyInHeraldPropertiesIsRefusedAndNotRepeated(String key) {
    TestFiles.write(
        dir, "herald.properties", "smtp.host=mail.herald.example\n" + key + "=MARKER\n");

    CliRun.Result r = CliRun.in(dir).run("check", Malformed.TEMPLATE);

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "herald.properties: holds '" + key + "'");
    assertContains(r.err(), "set HERALD_SMTP_PASSWORD or HERALD_IMAP_PASSWORD in the environment");
    assertNoSecret(r.all());
  }

  @Test
  void settingsThatOnlyLookAlikeAreNotTakenForPasswords() {
    TestFiles.write(
        dir,
        "herald.properties",
        "smtp.host=mail.herald.example\nsmtp.user=press\nimap.folder=INBOX\nlimits.depth=10\n");
    CliRun.Result known = CliRun.in(dir).run("check", Malformed.TEMPLATE);
    TestFiles.write(dir, "herald.properties", "smtp.passive=true\n");
    CliRun.Result lookalike = CliRun.in(dir).run("check", Malformed.TEMPLATE);

    assertEquals(0, known.exitCode(), known::toString);
    // "passive" is not "pass": refused as an unknown setting, not as a password
    assertEquals(2, lookalike.exitCode(), lookalike::toString);
    assertTrue(lookalike.err().contains("unknown setting 'smtp.passive'"), lookalike::toString);
    assertFalse(lookalike.err().contains("passwords never go"), lookalike::toString);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "--smtp-password MARKER",
        "--smtp-password=MARKER",
        "--imap-pass MARKER",
        "--password MARKER",
        "--smtp-user press --smtp-pwd=MARKER"
      })
  void aPasswordGivenAsAnOptionIsRefusedWithoutRepeatingIt(String options) {
    List<String> args = new ArrayList<>(List.of("send", Malformed.TEMPLATE, "--dry-run"));
    args.addAll(List.of(options.split(" ")));

    CliRun.Result r = CliRun.in(dir).run(args.toArray(String[]::new));

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "herald never takes a password on the command line");
    assertContains(r.err(), "HERALD_SMTP_PASSWORD");
    assertNoSecret(r.all());
  }

  @Test
  void anUnknownOptionThatIsNotAPasswordIsReportedAsUsual() {
    CliRun.Result r = CliRun.in(dir).run("check", Malformed.TEMPLATE, "--colour", "red");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "Unknown options: '--colour', 'red'");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "check",
        "preview",
        "send --dry-run",
        "send --dry-run --smtp-host mail.herald.example --smtp-user press",
        "send --dry-run --format json --smtp-host mail.herald.example --smtp-user press"
      })
  void passwordsInTheEnvironmentNeverAppear(String command) throws IOException {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.add(1, Malformed.TEMPLATE);
    args.add("--stacktrace");

    CliRun.Result ok = withSecrets().run(args.toArray(String[]::new));
    TestFiles.write(dir, "contacts/media.csv", Malformed.HEADER + "not an address,A,B,C,pl\n");
    CliRun.Result failed = withSecrets().run(args.toArray(String[]::new));

    assertEquals(0, ok.exitCode(), ok::toString);
    assertEquals(2, failed.exitCode(), failed::toString);
    assertNoSecret(ok.all());
    assertNoSecret(failed.all());
    assertNoSecret(written());
  }
}
