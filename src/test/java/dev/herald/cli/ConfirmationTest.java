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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The question before an email run and the password prompt: {@code y} or {@code yes} sends,
 * anything else does not; the password is asked after the yes, and only when something is due.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConfirmationTest {
  static final String PASSWORD = "S3cr3t-pa55";
  static final String USER = "press-office";
  static final String QUESTION = "Send now? Type yes (or y) to send: ";

  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  @ParameterizedTest
  @ValueSource(strings = {"y", "Y", "yes", "YES", "Yes", "  y  ", "\tyes \t"})
  void theseAnswersSend(String answer) {
    assertTrue(Confirmation.accepts(answer), answer);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "n", "no", "yes please", "ye", "yy", "y es", "oui", "1", "ok"})
  void everythingElseIsNo(String answer) {
    assertFalse(Confirmation.accepts(answer), answer);
  }

  @Test
  void theEndOfInputIsNo() {
    assertFalse(Confirmation.accepts(null));
  }

  /** {@code send} to {@code server} as {@link #USER}, without {@code --yes}. */
  private static String[] unconfirmed(FaultySmtpServer server) {
    List<String> args =
        new ArrayList<>(List.of(Smtp.send(server.host(), server.port(), "--smtp-user", USER)));
    args.remove("--yes");
    return args.toArray(String[]::new);
  }

  private String passwordPrompt(FaultySmtpServer server) {
    return "SMTP password for " + USER + "@" + server.host() + ": ";
  }

  @Test
  void aPersonWhoTypesYSendsAndIsAskedForThePasswordAfterwards() throws Exception {
    FakeTerminal terminal = FakeTerminal.answeringWithPassword(PASSWORD, " Y ");
    try (FaultySmtpServer server = FaultySmtpServer.builder().requireAuth(USER, PASSWORD).start()) {
      CliRun.Result r =
          CliRun.in(dir).env(Smtp.FAST_RETRIES).terminal(terminal).run(unconfirmed(server));

      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(15, server.acceptedCount());
      assertEquals(List.of(QUESTION, passwordPrompt(server)), terminal.prompts());
      assertContains(r.out(), "About to email 15 messages");
    }
  }

  @Test
  void aPersonWhoSaysNoIsNeverAskedForThePassword() throws Exception {
    FakeTerminal terminal = FakeTerminal.answeringWithPassword(PASSWORD, "nope");
    try (FaultySmtpServer server = FaultySmtpServer.builder().requireAuth(USER, PASSWORD).start()) {
      CliRun.Result r =
          CliRun.in(dir).env(Smtp.FAST_RETRIES).terminal(terminal).run(unconfirmed(server));

      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(0, server.acceptedCount());
      assertEquals(List.of(QUESTION), terminal.prompts());
      assertFalse(Files.exists(dir.resolve(SendJournal.FILE)), "a declined run writes no journal");
    }
  }

  @Test
  void nothingDueAsksNothing() throws Exception {
    try (FaultySmtpServer server = FaultySmtpServer.builder().requireAuth(USER, PASSWORD).start()) {
      CliRun.Result first =
          CliRun.in(dir)
              .env(Smtp.FAST_RETRIES)
              .terminal(FakeTerminal.answeringWithPassword(PASSWORD, "yes"))
              .run(unconfirmed(server));
      assertEquals(0, first.exitCode(), first::toString);
      assertEquals(15, server.acceptedCount());

      FakeTerminal again = FakeTerminal.answeringWithPassword(PASSWORD, "yes");
      CliRun.Result second =
          CliRun.in(dir).env(Smtp.FAST_RETRIES).terminal(again).run(unconfirmed(server));

      assertEquals(0, second.exitCode(), second::toString);
      assertEquals(15, server.acceptedCount(), "nothing is sent twice");
      assertEquals(List.of(), again.prompts(), "nothing due: neither question nor password");
    }
  }

  @Test
  void aMissingPasswordStillStopsAYesRunWithoutATerminal() throws Exception {
    try (FaultySmtpServer server = FaultySmtpServer.builder().requireAuth(USER, PASSWORD).start()) {
      CliRun.Result r =
          CliRun.in(dir)
              .env(Smtp.FAST_RETRIES)
              .run(Smtp.send(server.host(), server.port(), "--smtp-user", USER));

      assertEquals(2, r.exitCode(), r::toString);
      assertContains(r.err(), "no password for SMTP user '" + USER + "'");
      assertEquals(0, server.acceptedCount());
      assertFalse(Files.exists(dir.resolve(SendJournal.FILE)), "a refused run writes no journal");
    }
  }
}
