package dev.herald.signin;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send --smtp-auth xoauth2} against GreenMail, which accepts SASL XOAUTH2 when the access
 * token is the user's password: a token from the environment, from a token command, one that the
 * server refuses (exit 4, the token in no output), and one that has expired and is fetched again.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class XOAuth2SendTest {
  static final String USER = "press";
  static final String TOKEN = "ya29.good-token-7f3c9e1a";
  static final String WRONG = "ya29.wrong-token-5d2b8c0e";

  @RegisterExtension
  final GreenMailExtension mail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, TOKEN));

  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private CliRun.Result send(Map<String, String> env, String... more) {
    List<String> args = new ArrayList<>(List.of("--smtp-user", USER, "--smtp-auth", "xoauth2"));
    args.addAll(List.of(more));
    return CliRun.in(dir)
        .env(env)
        .run(
            Smtp.send(
                mail.getSmtp().getBindTo(), mail.getSmtp().getPort(), args.toArray(String[]::new)));
  }

  /**
   * A token command: a shell script that prints {@code tokens[n]} on its n-th run (the last one
   * from then on), counting its runs in {@code calls}.
   */
  static String script(Path dir, String... tokens) throws Exception {
    StringBuilder s = new StringBuilder("#!/bin/sh\n");
    s.append("n=$(cat calls 2>/dev/null || echo 0)\nn=$((n+1))\necho $n > calls\n");
    for (int i = 0; i < tokens.length; i++) {
      s.append(i == 0 ? "if" : "elif")
          .append(" [ $n -le ")
          .append(i + 1)
          .append(" ]; then echo '")
          .append(tokens[i])
          .append("'\n");
    }
    s.append("else echo '").append(tokens[tokens.length - 1]).append("'\nfi\n");
    Path file = dir.resolve("print token.sh");
    Files.writeString(file, s);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return "\"./print token.sh\"";
  }

  static void settings(Path dir, String... lines) throws Exception {
    Files.writeString(dir.resolve("herald.properties"), String.join("\n", lines) + "\n");
  }

  @Test
  void aTokenFromTheEnvironmentSignsIn() {
    CliRun.Result r = send(Map.of("HERALD_SMTP_TOKEN", TOKEN));

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, mail.getReceivedMessages().length);
    assertFalse(r.all().contains(TOKEN), r::toString);
  }

  @Test
  void theSettingInTheFileWorksAsTheOption() throws Exception {
    settings(dir, "smtp.auth = xoauth2");
    CliRun.Result r =
        CliRun.in(dir)
            .env(Map.of("HERALD_SMTP_TOKEN", TOKEN))
            .run(
                Smtp.send(
                    mail.getSmtp().getBindTo(), mail.getSmtp().getPort(), "--smtp-user", USER));

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, mail.getReceivedMessages().length);
  }

  @Test
  void aWrongTokenIsExitFourAndIsInNoOutput() {
    for (String trace : List.of("--limit", "--stacktrace")) {
      CliRun.Result r =
          trace.equals("--limit")
              ? send(Map.of("HERALD_SMTP_TOKEN", WRONG))
              : send(Map.of("HERALD_SMTP_TOKEN", WRONG), trace);

      assertEquals(4, r.exitCode(), r::toString);
      assertContains(r.err(), "refused the access token from HERALD_SMTP_TOKEN");
      assertContains(r.err(), "has expired or is not valid");
      assertFalse(r.all().contains(WRONG), r::toString);
      assertFalse(r.all().contains("wrong-token"), r::toString);
      assertEquals(0, mail.getReceivedMessages().length);
    }
  }

  @Test
  void aTokenCommandSignsIn() throws Exception {
    settings(dir, "smtp.token-command = " + script(dir, TOKEN));

    CliRun.Result r = send(Map.of());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, mail.getReceivedMessages().length);
    assertFalse(r.all().contains(TOKEN), r::toString);
    assertEquals("1", Files.readString(dir.resolve("calls")).strip());
  }

  @Test
  void anExpiredTokenIsFetchedAgainOnceAndTheRunGoesOn() throws Exception {
    // The first token has expired: the server answers 535; the command's next token is good.
    settings(dir, "smtp.token-command = " + script(dir, WRONG, TOKEN));

    CliRun.Result r = send(Map.of(), "--connections", "1");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, mail.getReceivedMessages().length);
    assertEquals("2", Files.readString(dir.resolve("calls")).strip());
    assertFalse(r.all().contains(TOKEN) || r.all().contains(WRONG), r::toString);
  }

  @Test
  void aTokenRefusedAlsoAfterFetchingAgainIsExitFour() throws Exception {
    settings(dir, "smtp.token-command = " + script(dir, WRONG, WRONG + "-2"));

    CliRun.Result r = send(Map.of(), "--stacktrace");

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "refused the XOAUTH2 sign-in for user 'press'");
    assertContains(r.err(), "the token command");
    assertFalse(r.all().contains(WRONG), r::toString);
    assertEquals("2", Files.readString(dir.resolve("calls")).strip());
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void aFailingTokenCommandIsExitFourWithItsFirstLineOfErrors() throws Exception {
    Path file = dir.resolve("no-token");
    Files.writeString(
        file,
        "#!/bin/sh\necho 'no cached credentials for press' >&2\necho second line >&2\nexit 3\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    settings(dir, "smtp.token-command = ./no-token --account press");

    CliRun.Result r = send(Map.of());

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "failed with exit code 3: no cached credentials for press");
    assertFalse(r.err().contains("second line"), r::toString);
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void aTokenCommandThatPrintsNothingIsExitFour() throws Exception {
    Path file = dir.resolve("silent");
    Files.writeString(file, "#!/bin/sh\necho '   '\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    settings(dir, "smtp.token-command = ./silent");

    CliRun.Result r = send(Map.of());

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "printed no token");
  }

  @Test
  void theEnvironmentWinsOverTheTokenCommand() throws Exception {
    settings(dir, "smtp.token-command = " + script(dir, WRONG));

    CliRun.Result r = send(Map.of("HERALD_SMTP_TOKEN", TOKEN));

    assertEquals(0, r.exitCode(), r::toString);
    assertFalse(Files.exists(dir.resolve("calls")), "the command never ran");
  }

  @Test
  void xoauth2WithNoTokenSourceIsAnInputError() {
    CliRun.Result r = send(Map.of());

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "no access token is configured: set HERALD_SMTP_TOKEN");
  }

  @Test
  void aTokenIsNotSentInTheClearToAnotherHost() {
    CliRun.Result r =
        CliRun.in(dir)
            .env(Map.of("HERALD_SMTP_TOKEN", TOKEN))
            .run(
                Smtp.send(
                    "192.0.2.1", Smtp.closedPort(), "--smtp-user", USER, "--smtp-auth", "xoauth2"));

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "refusing to send the SMTP access token for 'press'");
    assertFalse(r.all().contains(TOKEN), r::toString);
  }
}
