package dev.herald.signin;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sign-in settings in {@code herald.properties}: the keys that name a token command or a token
 * URL are allowed, a token itself is not, and every value is checked by every command.
 */
class SignInSettingsTest {
  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  @Test
  void everySignInKeyIsASetting() {
    TestFiles.write(
        dir,
        "herald.properties",
        String.join(
            "\n",
            "smtp.auth = xoauth2",
            "smtp.token-command = gcloud auth print-access-token press@example.org",
            "smtp.token-url = https://login.microsoftonline.com/TENANT/oauth2/v2.0/token",
            "smtp.client-id = 00000000-0000-0000-0000-000000000000",
            "smtp.scope = https://outlook.office365.com/.default",
            "imap.auth = xoauth2",
            "imap.token-command = \"C:\\Program Files\\oauth2l\\oauth2l.exe\" fetch --scope mail",
            "imap.token-url = https://login.microsoftonline.com/TENANT/oauth2/v2.0/token",
            "imap.client-id = 00000000-0000-0000-0000-000000000000",
            "imap.scope = https://outlook.office365.com/.default",
            ""));

    CliRun.Result r = CliRun.in(dir).run("check", Samples.TEMPLATE);

    assertEquals(0, r.exitCode(), r::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"smtp.token", "imap.token", "smtp.client-secret", "smtp.access-token"})
  void aTokenOrSecretInTheFileIsRefused(String key) {
    TestFiles.write(dir, "herald.properties", key + " = abc\n");

    CliRun.Result r = CliRun.in(dir).run("check", Samples.TEMPLATE);

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "holds '" + key + "'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "'smtp.auth = oauth', 'herald.properties (smtp.auth) is ''password'' (the default) or"
        + " ''xoauth2'''",
    "'imap.auth = XOAUTH', 'herald.properties (imap.auth) is ''password'''",
    "'smtp.token-command = ./get \"token', 'a double quote is not closed'",
    "'smtp.token-url = http://login.example.org/token', 'is not an https:// URL'",
    "'imap.token-url = login.example.org/token', 'is not an https:// URL'"
  })
  void aBadSignInSettingFailsEveryCommand(String line, String says) {
    TestFiles.write(dir, "herald.properties", line + "\n");
    for (List<String> args :
        List.of(
            List.of("check", Samples.TEMPLATE),
            List.of("send", Samples.TEMPLATE, "--dry-run"),
            List.of("preview", Samples.TEMPLATE))) {
      CliRun.Result r = CliRun.in(dir).run(args.toArray(String[]::new));

      assertEquals(2, r.exitCode(), () -> args + ": " + r);
      assertContains(r.err(), says);
    }
  }

  @Test
  void theAuthOptionIsChecked() {
    CliRun.Result r =
        CliRun.in(dir)
            .env(Map.of("HERALD_SMTP_HOST", "127.0.0.1"))
            .run("send", Samples.TEMPLATE, "--yes", "--smtp-auth", "oauth2");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "--smtp-auth is 'password' (the default) or 'xoauth2'");
  }

  @Test
  void xoauth2NeedsAUser() {
    CliRun.Result r =
        CliRun.in(dir)
            .env(Map.of("HERALD_SMTP_TOKEN", "t"))
            .run(
                "send",
                Samples.TEMPLATE,
                "--yes",
                "--smtp-host",
                "127.0.0.1",
                "--smtp-auth",
                "xoauth2");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "--smtp-auth is xoauth2, which signs in a user: set --smtp-user");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "gcloud auth print-access-token|gcloud,auth,print-access-token",
        "  oauth2l   fetch  --scope mail  |oauth2l,fetch,--scope,mail",
        "\"C:\\Program Files\\get token.exe\" --for \"press office\"|C:\\Program Files\\get"
            + " token.exe,--for,press office",
        "get \"\" x|get,,x",
        "a\"b c\"d|ab cd"
      })
  void aTokenCommandIsSplitAsDocumented(String line, String expected) {
    assertEquals(List.of(expected.split(",", -1)), TokenCommand.split(line, "smtp.token-command"));
  }
}
