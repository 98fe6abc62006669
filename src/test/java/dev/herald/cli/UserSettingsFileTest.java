package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own {@code $XDG_CONFIG_HOME/herald/herald.properties} (else {@code
 * ~/.config/herald/herald.properties}): read before the working folder's file, which wins key by
 * key; checked like it; named where its values show.
 */
class UserSettingsFileTest {
  @TempDir Path dir;
  @TempDir Path config;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private Map<String, String> xdg() {
    return Map.of("XDG_CONFIG_HOME", config.toString());
  }

  private Path userFile(String text) throws Exception {
    Files.createDirectories(config.resolve("herald"));
    return TestFiles.write(config.resolve("herald"), "herald.properties", text);
  }

  private SendCommand parsed(Map<String, String> env) {
    Invocation invocation =
        new Invocation(env, Clock.fixed(CliRun.NOW, ZoneOffset.UTC), dir, Invocation.noTerminal());
    return (SendCommand)
        Cli.create(invocation)
            .parseArgs("send", Samples.TEMPLATE)
            .subcommand()
            .commandSpec()
            .userObject();
  }

  @Test
  void theFoldersFileWinsKeyByKey() throws Exception {
    userFile("smtp.host = relay.example\nsmtp.port = 2828\n");
    TestFiles.write(dir, "herald.properties", "smtp.port = 2525\n");

    SendCommand send = parsed(xdg());

    assertEquals("relay.example", send.smtp.host);
    assertEquals(2525, send.smtp.port);
  }

  @Test
  void withoutXdgConfigHomeItIsUnderHomeDotConfig() throws Exception {
    Path home = Files.createDirectories(config.resolve("home"));
    Files.createDirectories(home.resolve(".config/herald"));
    TestFiles.write(home.resolve(".config/herald"), "herald.properties", "smtp.port = 2929\n");

    assertEquals(2929, parsed(Map.of("HOME", home.toString())).smtp.port);
    assertNull(parsed(Map.of()).smtp.port, "no HOME, no XDG_CONFIG_HOME: no user file");
  }

  @Test
  void helpNamesTheUsersFile() throws Exception {
    Path user = userFile("smtp.port = 2828\nsmtp.host = relay.example\n");
    TestFiles.write(dir, "herald.properties", "smtp.host = mail.example\n");

    CliRun.Result r = CliRun.in(dir).env(xdg()).run("send", "--help");

    assertEquals(0, r.exitCode(), r::toString);
    // the help wraps a long path, breaking it after a dot
    String help = r.out().replaceAll("\\.\\s+", ".").replaceAll("\\s+", " ");
    assertContains(help, "Default: 2828 (smtp.port in " + user + ")");
    assertContains(help, "Default: mail.example (smtp.host in herald.properties)");
  }

  @Test
  void aBadValueThereIsNamedWithItsFile() throws Exception {
    Path user = userFile("smtp.port = smtp\n");

    CliRun.Result r = CliRun.in(dir).env(xdg()).run("send", Samples.TEMPLATE, "--dry-run");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), user + " (smtp.port): 'smtp' is not a port number");
  }

  @Test
  void anUnknownKeyThereIsRefused() throws Exception {
    Path user = userFile("smtp.hots = relay.example\n");

    CliRun.Result r = CliRun.in(dir).env(xdg()).run("check", Samples.TEMPLATE);

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), user + ": unknown setting 'smtp.hots' (did you mean smtp.host?)");
  }

  @Test
  void aPasswordThereIsRefused() throws Exception {
    userFile("smtp.password = x-9f2c\n");

    CliRun.Result r = CliRun.in(dir).env(xdg()).run("send", Samples.TEMPLATE, "--dry-run");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "passwords never go in a file");
  }
}
