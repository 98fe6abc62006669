package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herald.mailserver.Security;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The one default provider: an option typed on the command line beats the HERALD_* variable, which
 * beats herald.properties in the working folder; --help says which one a default came from.
 */
class SettingsDefaultsTest {
  @TempDir Path dir;

  /** The send command as picocli filled it from {@code args}, in {@code dir} with {@code env}. */
  private SendCommand parsed(Map<String, String> env, String... args) {
    Invocation invocation =
        new Invocation(env, Clock.fixed(CliRun.NOW, ZoneOffset.UTC), dir, Invocation.noTerminal());
    CommandLine cl = Cli.create(invocation);
    List<String> all = new ArrayList<>(List.of("send", Samples.TEMPLATE));
    all.addAll(List.of(args));
    CommandLine.ParseResult r = cl.parseArgs(all.toArray(String[]::new));
    return (SendCommand) r.subcommand().commandSpec().userObject();
  }

  @Test
  void theFileGivesTheDefault() {
    TestFiles.write(
        dir,
        "herald.properties",
        "smtp.host = mail.example\nsmtp.port = 2525\nsmtp.security = ssl\nsmtp.connections = 3\n"
            + "smtp.rate = 120/min\nsmtp.auth = xoauth2\n");

    SendCommand send = parsed(Map.of());

    assertEquals("mail.example", send.smtp.host);
    assertEquals(2525, send.smtp.port);
    assertEquals(Security.SSL, send.smtp.security);
    assertEquals(SignIn.XOAUTH2, send.smtp.auth);
    assertEquals(3, send.runOptions.connections);
    assertEquals(120, send.runOptions.rate.perMinute());
  }

  @Test
  void theEnvironmentBeatsTheFile() {
    TestFiles.write(dir, "herald.properties", "smtp.port = 2525\nsmtp.connections = 3\n");

    SendCommand send = parsed(Map.of("HERALD_SMTP_PORT", "2626", "HERALD_SMTP_CONNECTIONS", "5"));

    assertEquals(2626, send.smtp.port);
    assertEquals(5, send.runOptions.connections);
  }

  @Test
  void theOptionBeatsTheEnvironmentAndTheFile() {
    TestFiles.write(dir, "herald.properties", "smtp.port = 2525\nsmtp.rate = 1/s\n");

    SendCommand send =
        parsed(
            Map.of("HERALD_SMTP_PORT", "2626", "HERALD_SMTP_RATE", "2/s"),
            "--smtp-port",
            "2727",
            "--rate",
            "3/s");

    assertEquals(2727, send.smtp.port);
    assertEquals(180, send.runOptions.rate.perMinute());
  }

  @Test
  void nothingSetLeavesTheOptionsOwnDefault() {
    SendCommand send = parsed(Map.of());

    assertNull(send.smtp.host);
    assertNull(send.smtp.port);
    assertNull(send.runOptions.rate);
    assertEquals(4, send.runOptions.connections);
  }

  @Test
  void theFileIsThatOfTheFolderGivenWithDashC() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    TestFiles.write(other, "herald.properties", "smtp.port = 2828\n");
    TestFiles.write(dir, "herald.properties", "smtp.port = 2525\n");
    Invocation invocation =
        new Invocation(
            Map.of(), Clock.fixed(CliRun.NOW, ZoneOffset.UTC), dir, Invocation.noTerminal());

    CommandLine.ParseResult r =
        Cli.create(invocation).parseArgs("-C", "other", "send", Samples.TEMPLATE);

    assertEquals(2828, ((SendCommand) r.subcommand().commandSpec().userObject()).smtp.port);
  }

  @Test
  void aValueThatDoesNotConvertIsLeftForTheSettingsCheckWhichNamesIt() {
    Samples.copyTo(dir);

    SendCommand send = parsed(Map.of("HERALD_SMTP_PORT", "smtp"));
    CliRun.Result r =
        CliRun.in(dir)
            .env(Map.of("HERALD_SMTP_PORT", "smtp"))
            .run("send", Samples.TEMPLATE, "--dry-run");

    assertNull(send.smtp.port);
    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "HERALD_SMTP_PORT: 'smtp' is not a port number");
  }

  @Test
  void helpNamesWhereEachDefaultCameFrom() {
    TestFiles.write(dir, "herald.properties", "smtp.port = 2525\nsmtp.host = mail.example\n");

    CliRun.Result r =
        CliRun.in(dir).env(Map.of("HERALD_SMTP_HOST", "relay.example")).run("send", "--help");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Default: 2525 (smtp.port in herald.properties)");
    assertContains(r.out(), "Default: relay.example (HERALD_SMTP_HOST)");
    assertContains(r.out(), "Default: 4");
    // nothing set: the help says which variable or key would set it
    assertContains(r.out(), "Or set HERALD_SMTP_RATE or smtp.rate");
    assertFalse(r.out().contains("mail.example"), r::toString);
  }

  @Test
  void helpShowsNoDefaultThatWouldBeRefused() {
    CliRun.Result r = CliRun.in(dir).env(Map.of("HERALD_SMTP_PORT", "0")).run("send", "--help");

    assertEquals(0, r.exitCode(), r::toString);
    assertFalse(r.out().contains("HERALD_SMTP_PORT)"), r::toString);
  }

  @Test
  void helpStillShowsWhenTheSettingsFileCannotBeRead() {
    TestFiles.write(dir, "herald.properties", "smtp.hots = mail.example\n");

    CliRun.Result r = CliRun.in(dir).run("send", "--help");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Usage: herald send");
  }
}
