package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.JsonText;
import dev.herald.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The typed options of send: each converter takes what it should (in any case) and refuses the rest
 * with exit 2 and one line that says what is allowed, before anything is read or sent.
 */
class OptionConvertersTest {
  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private SendCommand parsed(String option, String value) {
    Invocation invocation =
        new Invocation(
            Map.of(), Clock.fixed(CliRun.NOW, ZoneOffset.UTC), dir, Invocation.noTerminal());
    CommandLine.ParseResult r =
        Cli.create(invocation).parseArgs("send", Samples.TEMPLATE, option, value);
    return (SendCommand) r.subcommand().commandSpec().userObject();
  }

  @ParameterizedTest
  @CsvSource({
    "--smtp-security, SSL, ssl",
    "--smtp-security, ' StartTLS ', starttls",
    "--smtp-security, none, none",
    "--smtp-auth, XOAuth2, xoauth2",
    "--smtp-auth, password, password",
    "--smtp-port, 2525, 2525",
    "--smtp-port, 65535, 65535",
    "--connections, 1, 1",
    "--connections, 64, 64",
    "--rate, 2/s, 120",
    "--rate, 3600/h, 60",
    "--format, JSON, json",
    "--format, table, table"
  })
  void aValidValueIsTyped(String option, String value, String typed) {
    SendCommand send = parsed(option, value);

    Object v =
        switch (option) {
          case "--smtp-security" -> send.smtp.security.label();
          case "--smtp-auth" -> send.smtp.auth.label();
          case "--smtp-port" -> String.valueOf(send.smtp.port);
          case "--connections" -> String.valueOf(send.runOptions.connections);
          case "--rate" -> String.valueOf(send.runOptions.rate.perMinute());
          default -> send.format.format.name();
        };
    assertEquals(typed, v);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "--smtp-port, 0, '--smtp-port: ''0'' is not a port number'",
    "--smtp-port, 65536, '--smtp-port: ''65536'' is not a port number'",
    "--smtp-port, smtp, '--smtp-port: ''smtp'' is not a port number'",
    "--smtp-port, 25;rm, '--smtp-port: ''25;rm'' is not a port number'",
    "--smtp-security, tls, '--smtp-security: ''tls'' is not a security mode; use starttls, ssl"
        + " or none'",
    "--smtp-auth, oauth, '--smtp-auth is ''password'' (the default) or ''xoauth2'' (an OAuth2"
        + " access token), not ''oauth'''",
    "--connections, 0, '--connections: ''0'' must be a whole number from 1 to 64'",
    "--connections, 65, '--connections: ''65'' must be a whole number from 1 to 64'",
    "--connections, four, '--connections: ''four'' must be a whole number from 1 to 64'",
    "--rate, fast, '--rate takes N/min (or N/s, N/h), such as 120/min; not ''fast'''",
    "--rate, 30/h, '--rate ''30/h'' is less than one a minute'",
    "--rate, 9999999999999999999/s, '--rate takes N/min'",
    "--format, xml, '--format takes table or json, not ''xml'''"
  })
  void aBadValueIsExit2WithWhatIsAllowed(String option, String value, String says) {
    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE, "--dry-run", option, value);

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "herald: " + says);
    // the one line says it all: no usage dump after it, nothing run
    assertFalse(r.err().contains("Usage:"), r::toString);
    assertEquals("", r.out(), r::toString);
  }

  @ParameterizedTest
  @CsvSource({"--smtp-auth, '\u202Eoauth'", "--smtp-auth, 'x\u001B[2Jy'"})
  void aHostileValueIsShownEscapedNotObeyed(String option, String value) {
    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE, "--dry-run", option, value);

    assertEquals(2, r.exitCode(), r::toString);
    assertFalse(r.err().contains("\u202E"), r::toString);
    assertFalse(r.err().contains("\u001B"), r::toString);
  }

  @ParameterizedTest
  @CsvSource({"--rate, fast", "--smtp-port, 0"})
  void withJsonABadValueIsAnsweredInJsonToo(String option, String value) {
    CliRun.Result r =
        CliRun.in(dir).run("send", Samples.TEMPLATE, "--format", "json", option, value);

    assertEquals(2, r.exitCode(), r::toString);
    Map<String, Object> json = JsonText.object(r.out());
    assertEquals("error", json.get("status"), r::toString);
    assertEquals(2L, json.get("exit_code"), r::toString);
    assertTrue(String.valueOf(json.get("error")).contains(option), r::toString);
  }

  @Test
  void theJsonErrorKeysAreAlwaysInOneOrder() {
    CliRun.Result r =
        CliRun.in(dir).run("send", Samples.TEMPLATE, "--format", "json", "--rate", "fast");
    assertTrue(
        r.out().indexOf("\"status\":") < r.out().indexOf("\"exit_code\":")
            && r.out().indexOf("\"exit_code\":") < r.out().indexOf("\"error\":"),
        r::toString);
  }

  @Test
  void anEmptyRateOptionFallsBackToTheSettingAsAnEmptyVariableDoes() throws Exception {
    Files.writeString(dir.resolve("herald.properties"), "smtp.rate = 2/s\n");
    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE, "--dry-run", "--rate", "");
    assertEquals(0, r.exitCode(), r::toString);
    CliRun.Result bad =
        CliRun.in(dir)
            .env(Map.of("HERALD_SMTP_RATE", "fast"))
            .run("send", Samples.TEMPLATE, "--dry-run", "--rate", " ");
    assertEquals(2, bad.exitCode(), bad::toString);
    assertContains(bad.err(), "HERALD_SMTP_RATE");
  }
}
