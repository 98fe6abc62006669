package dev.herald.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.HeraldException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token a run's connections share: fetched once, fetched again once per refusal (a connection
 * that was refused a token another one already replaced gets the new one without a fetch), and a
 * source that gives the same token again is exit 4 without the token.
 */
class AccessTokenTest {
  @TempDir Path dir;

  private TokenCommand command(String... tokens) throws Exception {
    XOAuth2SendTest.script(dir, tokens);
    return new TokenCommand(
        List.of("./print token.sh"), dir, "smtp.token-command", TokenCommand.LIMIT);
  }

  private int calls() throws Exception {
    return Integer.parseInt(Files.readString(dir.resolve("calls")).strip());
  }

  @Test
  void fetchedOnFirstUseAndKept() throws Exception {
    AccessToken t = new AccessToken(command("tok-1", "tok-2"), "smtp");

    assertEquals("tok-1", t.current());
    assertEquals("tok-1", t.current());
    assertEquals(1, calls());
  }

  @Test
  void aRefusedTokenIsReplacedOnceForEveryConnection() throws Exception {
    AccessToken t = new AccessToken(command("tok-1", "tok-2", "tok-3"), "smtp");
    String first = t.current();

    assertEquals("tok-2", t.renew(first));
    // a second connection refused the same old token: it gets the new one, no new fetch
    assertEquals("tok-2", t.renew(first));
    assertEquals(2, calls());
    assertEquals("tok-3", t.renew("tok-2"));
  }

  @Test
  void aSourceThatGivesTheSameTokenAgainIsExitFourWithoutTheToken() {
    AccessToken t =
        new AccessToken(
            new TokenSource.FromEnvironment("HERALD_SMTP_TOKEN", "env-tok-3f".toCharArray()),
            "smtp");
    String used = t.current();

    HeraldException e = assertThrows(HeraldException.class, () -> t.renew(used));

    assertEquals(4, e.exitCode());
    assertTrue(e.getMessage().contains("HERALD_SMTP_TOKEN"), e.getMessage());
    assertTrue(e.getMessage().contains("has expired"), e.getMessage());
    assertFalse(e.getMessage().contains("env-tok-3f"), e.getMessage());
    assertFalse(t.toString().contains("env-tok-3f"));
  }

  @Test
  void aTokenIsBlankedOutOfServerText() throws Exception {
    AccessToken t = new AccessToken(command("tok-secret-1"), "smtp");
    t.current();

    assertEquals(
        "535 bad token (access token) for press", t.blank("535 bad token tok-secret-1 for press"));
  }

  @Test
  void aTokenCommandThatHangsIsStoppedAtItsLimit() throws Exception {
    Path file = dir.resolve("hang");
    Files.writeString(file, "#!/bin/sh\nexec sleep 30\n");
    file.toFile().setExecutable(true);
    TokenCommand c =
        new TokenCommand(List.of("./hang"), dir, "smtp.token-command", Duration.ofMillis(500));

    HeraldException e = assertThrows(HeraldException.class, c::fetch);

    assertEquals(4, e.exitCode());
    assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
  }
}
