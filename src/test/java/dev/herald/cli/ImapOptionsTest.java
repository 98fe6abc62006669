package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.mailserver.Security;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** The IMAP options: {@code --imap-security} and {@code --imap-auth} typed, read in any case. */
class ImapOptionsTest {
  @TempDir Path dir;

  @Test
  void everySecurityModeIsReadInAnyCase() {
    ImapOptions.SecurityConverter security = new ImapOptions.SecurityConverter();
    for (Security s : Security.values()) {
      assertEquals(s, security.convert(s.label()));
      assertEquals(s, security.convert(" " + s.name() + " "));
    }
  }

  @Test
  void everySignInIsReadInAnyCase() {
    ImapOptions.AuthConverter auth = new ImapOptions.AuthConverter();
    for (SignIn a : SignIn.values()) {
      assertEquals(a, auth.convert(a.label()));
      assertEquals(a, auth.convert(a.name()));
    }
    assertEquals(SignIn.XOAUTH2, auth.convert(" XOAuth2 "));
  }

  @Test
  void aBlankValueCountsAsNotGivenSoTheSettingsStillApply() {
    assertNull(new ImapOptions.SecurityConverter().convert(""));
    assertNull(new ImapOptions.SecurityConverter().convert("  "));
    assertNull(new ImapOptions.AuthConverter().convert(""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tls", "ssl/tls", "starttls,ssl", "imaps"})
  void anotherSecurityModeIsRefusedAsASettingIs(String value) {
    String message =
        assertThrows(
                TypeConversionException.class,
                () -> new ImapOptions.SecurityConverter().convert(value))
            .getMessage();

    assertEquals(
        "--imap-security: '" + value + "' is not a security mode; use starttls, ssl or none",
        message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"oauth", "xoauth", "plain", "oauthbearer"})
  void anotherSignInIsRefusedNamingTheTwo(String value) {
    String message =
        assertThrows(
                TypeConversionException.class, () -> new ImapOptions.AuthConverter().convert(value))
            .getMessage();

    assertEquals(
        "--imap-auth is 'password' (the default) or 'xoauth2' (an OAuth2 access token), not '"
            + value
            + "'",
        message);
  }

  @Test
  void aHostileValueIsShownEscaped() {
    for (String message :
        new String[] {
          assertThrows(
                  TypeConversionException.class,
                  () -> new ImapOptions.SecurityConverter().convert("ssl\u001b[8m"))
              .getMessage(),
          assertThrows(
                  TypeConversionException.class,
                  () -> new ImapOptions.AuthConverter().convert("\u202Epassword"))
              .getMessage()
        }) {
      assertFalse(message.chars().anyMatch(c -> c == 0x1b || c == 0x202E), message);
      assertContains(message, "\\u");
    }
  }

  /** {@code interviews fetch} with a host, a user and a password, and one more option. */
  private CliRun.Result fetchWith(String option, String value) {
    Samples.copyTo(dir);
    return CliRun.in(dir)
        .env(Map.of("HERALD_IMAP_PASSWORD", "secret"))
        .run(
            "interviews",
            "fetch",
            "--imap-host",
            "127.0.0.1",
            "--imap-user",
            "press",
            option,
            value);
  }

  @Test
  void onTheCommandLineAnotherModeIsExit2BeforeAnyConnection() {
    CliRun.Result r = fetchWith("--imap-security", "TLS");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "--imap-security: 'TLS' is not a security mode");
    assertFalse(r.err().contains("Exception"), r::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "99999", "0x10"})
  void aBadPortNamesTheOptionAsSmtpPortDoes(String value) {
    CliRun.Result r = fetchWith("--imap-port", value);

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "herald: --imap-port: '" + value + "' is not a port number");
  }

  @Test
  void withoutAHostFetchSaysWhereToSetOne() {
    Samples.copyTo(dir);

    CliRun.Result r = CliRun.in(dir).run("interviews", "fetch", "--imap-security", "SSL");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "herald: no IMAP server configured: set --imap-host, HERALD_IMAP_HOST");
  }
}
