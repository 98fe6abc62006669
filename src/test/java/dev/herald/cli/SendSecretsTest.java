package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.FakeTerminal;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Smtp;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The SMTP password: only from the environment or a prompt, and never shown or written. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SendSecretsTest {
  static final String PASSWORD = "S3cr3t-pa55";
  static final String USER = "press-office";

  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private static Map<String, String> withPassword(String password) {
    Map<String, String> env = new HashMap<>(Smtp.FAST_RETRIES);
    env.put("HERALD_SMTP_PASSWORD", password);
    return env;
  }

  /** Asserts that the password is in neither output nor the journal. */
  private void assertNowhere(String secret, CliRun.Result r) throws Exception {
    assertFalse(r.out().contains(secret), r::toString);
    assertFalse(r.err().contains(secret), r::toString);
    Path journal = dir.resolve(SendJournal.FILE);
    if (Files.exists(journal)) {
      assertFalse(Files.readString(journal).contains(secret), "the journal holds the password");
    }
  }

  @Test
  void aSuccessfulSendShowsItNowhere() throws Exception {
    try (FaultySmtpServer server = FaultySmtpServer.builder().requireAuth(USER, PASSWORD).start()) {
      CliRun.Result r =
          CliRun.in(dir)
              .env(withPassword(PASSWORD))
              .run(Smtp.send(server.host(), server.port(), "--smtp-user", USER));

      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(15, server.acceptedCount());
      assertTrue(server.authenticatedUsers().contains(USER));
      assertNowhere(PASSWORD, r);
    }
  }

  @Test
  void aRefusedLoginShowsItNowhere() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().requireAuth(USER, "another-password").start()) {
      CliRun.Result r =
          CliRun.in(dir)
              .env(withPassword(PASSWORD))
              .run(Smtp.send(server.host(), server.port(), "--smtp-user", USER));

      assertEquals(4, r.exitCode(), r::toString);
      assertNowhere(PASSWORD, r);
    }
  }

  @Test
  void aStackTraceShowsItNowhere() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().requireAuth(USER, "another-password").start()) {
      CliRun.Result r =
          CliRun.in(dir)
              .env(withPassword(PASSWORD))
              .run(Smtp.send(server.host(), server.port(), "--smtp-user", USER, "--stacktrace"));

      assertEquals(4, r.exitCode(), r::toString);
      assertContains(r.err(), "AuthenticationFailedException"); // the trace is there
      assertNowhere(PASSWORD, r);
    }
  }

  @Test
  void aRunThatStopsPartwayShowsItNowhere() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .requireAuth(USER, PASSWORD)
            .rejectRecipient("g.rossi@quotidiano-regioni.example", 550, "5.1.1 unknown")
            .start()) {
      CliRun.Result r =
          CliRun.in(dir)
              .env(withPassword(PASSWORD))
              .run(
                  Smtp.send(
                      server.host(),
                      server.port(),
                      "--smtp-user",
                      USER,
                      "--stacktrace",
                      "--format",
                      "json"));

      assertEquals(3, r.exitCode(), r::toString);
      assertNowhere(PASSWORD, r);
    }
  }

  @Test
  void aPromptedPasswordIsUsedAndShownNowhere() throws Exception {
    FakeTerminal terminal = FakeTerminal.typingPassword(PASSWORD);
    try (FaultySmtpServer server = FaultySmtpServer.builder().requireAuth(USER, PASSWORD).start()) {
      CliRun.Result r =
          CliRun.in(dir)
              .env(Smtp.FAST_RETRIES)
              .terminal(terminal)
              .run(Smtp.send(server.host(), server.port(), "--smtp-user", USER));

      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(15, server.acceptedCount());
      assertEquals(
          List.of("SMTP password for " + USER + "@" + server.host() + ": "), terminal.prompts());
      assertNowhere(PASSWORD, r);
    }
  }

  @Test
  void aPasswordInHeraldPropertiesIsRefused() throws Exception {
    TestFiles.write(
        dir, "herald.properties", "smtp.host=127.0.0.1\nsmtp.user=press\nsmtp.password=x-9f2c\n");

    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE, "--yes");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "herald.properties: holds 'smtp.password'");
    assertContains(r.err(), "set HERALD_SMTP_PASSWORD");
    assertNowhere("x-9f2c", r);
    assertFalse(Files.exists(dir.resolve(SendJournal.FILE)));
  }

  @Test
  void noPasswordAndNoTerminalIsAnInputErrorNamingTheVariable() {
    try (FaultySmtpServer server = FaultySmtpServer.builder().requireAuth(USER, PASSWORD).start()) {
      CliRun.Result r =
          CliRun.in(dir)
              .env(Smtp.FAST_RETRIES)
              .run(Smtp.send(server.host(), server.port(), "--smtp-user", USER));

      assertEquals(2, r.exitCode(), r::toString);
      assertContains(r.err(), "no password for SMTP user '" + USER + "'");
      assertContains(r.err(), "HERALD_SMTP_PASSWORD");
      assertEquals(0, server.connectionCount());
    }
  }

  @Test
  void thereIsNoPasswordOption() {
    CliRun.Result r =
        CliRun.in(dir).run(Smtp.send("127.0.0.1", Smtp.closedPort(), "--smtp-password", PASSWORD));

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "--smtp-password");
  }
}
