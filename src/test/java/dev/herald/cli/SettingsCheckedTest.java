package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every setting is checked by every command: a bad value or a misspelt key fails a dry run, a check
 * or an outbox run as it would fail the real send, and herald.properties saved as UTF-16 is read or
 * refused in words.
 */
class SettingsCheckedTest {
  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  @ParameterizedTest(name = "{0}={1} in {2}")
  @CsvSource({
    "HERALD_SMTP_PORT, 0, send --dry-run, 'HERALD_SMTP_PORT: ''0'' is not a port number'",
    "HERALD_SMTP_PORT, 0, check, 'HERALD_SMTP_PORT: ''0'' is not a port number'",
    "HERALD_SMTP_SECURITY, tls, send --dry-run, 'HERALD_SMTP_SECURITY: ''tls'' is not a security"
        + " mode'",
    "HERALD_SMTP_SECURITY, tls, preview, 'HERALD_SMTP_SECURITY: ''tls'' is not a security mode'",
    "HERALD_IMAP_TIMEOUT, 0, check, 'HERALD_IMAP_TIMEOUT must be a number of seconds'",
    "HERALD_SMTP_RATE, fast, send, 'HERALD_SMTP_RATE takes N/min'",
    "HERALD_SMTP_CONNECTIONS, 99, send --dry-run, 'HERALD_SMTP_CONNECTIONS: ''99'' must be a"
        + " whole number from 1 to 64'",
    "HERALD_SMTP_DATA_TIMEOUT, 1h, check, 'HERALD_SMTP_DATA_TIMEOUT must be a number of"
        + " seconds'"
  })
  void aBadValueFailsEveryCommandNotOnlyTheRealSend(
      String name, String value, String command, String says) {
    String[] args = (command + " " + Samples.TEMPLATE).split(" ");
    if (command.endsWith("--dry-run")) {
      args = new String[] {"send", Samples.TEMPLATE, "--dry-run"};
    }

    CliRun.Result r = CliRun.in(dir).env(Map.of(name, value)).run(args);

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), says);
  }

  @ParameterizedTest
  @CsvSource({
    "smtp.rat = 10/min, 'unknown setting ''smtp.rat'' (did you mean smtp.rate?)'",
    "smtp.hots = mail.example, 'unknown setting ''smtp.hots'' (did you mean smtp.host?)'",
    "limits.colums = 5, 'unknown setting ''limits.colums'' (did you mean limits.columns?)'",
    "html.allow-activ = true, 'unknown setting ''html.allow-activ'' (did you mean"
        + " html.allow-active?)'",
    "colour = blue, 'unknown setting ''colour''; the settings are listed in the README'"
  })
  void aMisspeltKeyIsAnErrorWithASuggestion(String line, String says) {
    TestFiles.write(dir, "herald.properties", line + "\n");

    CliRun.Result check = CliRun.in(dir).run("check", Samples.TEMPLATE);
    CliRun.Result dry = CliRun.in(dir).run("send", Samples.TEMPLATE, "--dry-run");

    for (CliRun.Result r : new CliRun.Result[] {check, dry}) {
      assertEquals(2, r.exitCode(), r::toString);
      assertContains(r.err(), "herald.properties: " + says);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16LE", "UTF-16BE"})
  void aFileSavedAsUtf16WithItsMarkIsRead(String charset) throws Exception {
    byte[] text = "smtp.connections = 99\n".getBytes(java.nio.charset.Charset.forName(charset));
    byte[] mark =
        charset.endsWith("LE")
            ? new byte[] {(byte) 0xFF, (byte) 0xFE}
            : new byte[] {(byte) 0xFE, (byte) 0xFF};
    byte[] all = new byte[mark.length + text.length];
    System.arraycopy(mark, 0, all, 0, mark.length);
    System.arraycopy(text, 0, all, mark.length, text.length);
    Files.write(dir.resolve("herald.properties"), all);

    CliRun.Result r = CliRun.in(dir).run("check", Samples.TEMPLATE);

    // read as text: the value is seen (and refused), not a garbage key
    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "(smtp.connections): '99' must be a whole number from 1 to 64");
  }

  @Test
  void utf16WithoutAMarkAndANonUtf8FileAreRefusedInWords() throws Exception {
    Files.write(
        dir.resolve("herald.properties"),
        "smtp.host = mail.example\n".getBytes(StandardCharsets.UTF_16LE));
    CliRun.Result utf16 = CliRun.in(dir).run("check", Samples.TEMPLATE);
    Files.write(
        dir.resolve("herald.properties"),
        "imap.folder = Zażółć\n".getBytes(java.nio.charset.Charset.forName("windows-1250")));
    CliRun.Result cp1250 = CliRun.in(dir).run("check", Samples.TEMPLATE);

    assertEquals(2, utf16.exitCode(), utf16::toString);
    assertContains(
        utf16.err(), "looks like UTF-16 text without a byte-order mark; save it as UTF-8");
    assertEquals(2, cp1250.exitCode(), cp1250::toString);
    assertContains(cp1250.err(), "is not UTF-8 text");
  }

  @Test
  void theSampleSettingsAndEveryDocumentedKeyAreAccepted() {
    StringBuilder all = new StringBuilder();
    for (String key : new java.util.TreeSet<>(Settings.KEYS)) {
      all.append(key).append(" = ").append(valid(key)).append('\n');
    }
    TestFiles.write(dir, "herald.properties", all.toString());
    TestFiles.write(dir, "ca.pem", "not read by check");

    CliRun.Result r = CliRun.in(dir).run("check", Samples.TEMPLATE);

    assertEquals(0, r.exitCode(), r::toString);
  }

  private static String valid(String key) {
    return switch (key.substring(key.indexOf('.') + 1)) {
      case "host" -> "localhost";
      case "port" -> "2525";
      case "security" -> "starttls";
      case "user" -> "press";
      case "ca" -> "ca.pem";
      case "timeout", "data-timeout" -> "60";
      case "plaintext-auth" -> "refuse";
      case "connections", "attempts" -> "2";
      case "rate" -> "60/min";
      case "retry-delay-ms" -> "1000";
      case "folder" -> "INBOX";
      case "file" -> "contacts/optout.csv";
      case "allow-active", "strict", "strict-consent", "require" -> "false";
      case "max-late" -> "36h";
      case "min-gap" -> "7d";
      case "encoding" -> "UTF-8";
      case "sheet" -> "Contacts";
      case "auth" -> "xoauth2";
      case "token-command" -> "print-token --for press";
      case "token-url" -> "https://login.example.org/tenant/oauth2/v2.0/token";
      case "client-id" -> "herald-app";
      case "scope" -> "https://outlook.office365.com/.default";
      default -> "100000";
    };
  }
}
