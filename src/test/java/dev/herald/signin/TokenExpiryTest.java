package dev.herald.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.herald.testing.CliRun;
import dev.herald.testing.DropPoint;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token that expires mid-run: the server takes the first token on the first connection only; when
 * the connection drops and herald connects again, the old token gets 535, herald fetches a new one
 * from the token command once, and the run finishes with every message sent.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TokenExpiryTest {
  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "refused with {0}")
  @org.junit.jupiter.params.provider.ValueSource(ints = {535, 454})
  void aTokenThatExpiresMidRunIsFetchedAgainAndTheRunGoesOn(int refusal) throws Exception {
    XOAuth2SendTest.settings(
        dir, "smtp.token-command = " + XOAuth2SendTest.script(dir, "tok-first", "tok-second"));
    AtomicInteger signIns = new AtomicInteger();
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .requireXOAuth2(
                "press",
                token ->
                    signIns.getAndIncrement() == 0
                        ? token.equals("tok-first")
                        : token.equals("tok-second"),
                refusal)
            .dropConnectionAfterMessages(5)
            .dropAt(DropPoint.MAIL_FROM)
            .start()) {
      r =
          CliRun.in(dir)
              .env(Smtp.FAST_RETRIES)
              .run(
                  Smtp.send(
                      server.host(),
                      server.port(),
                      "--smtp-user",
                      "press",
                      "--smtp-auth",
                      "xoauth2",
                      "--connections",
                      "1"));
      assertEquals(15, server.acceptedCount(), r::toString);
      assertEquals(List.of("press", "press", "press"), server.authenticatedUsers());
    }

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("2", Files.readString(dir.resolve("calls")).strip());
    assertFalse(r.all().contains("tok-first") || r.all().contains("tok-second"), r::toString);
  }

  @Test
  void aServerWithoutXOAuth2IsSaidSoAndNoTokenIsFetchedAgain() throws Exception {
    XOAuth2SendTest.settings(
        dir, "smtp.token-command = " + XOAuth2SendTest.script(dir, "tok-first", "tok-second"));
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().requireAuth("press", "a-password").start()) {
      r =
          CliRun.in(dir)
              .env(Smtp.FAST_RETRIES)
              .run(
                  Smtp.send(
                      server.host(),
                      server.port(),
                      "--smtp-user",
                      "press",
                      "--smtp-auth",
                      "xoauth2"));
      assertEquals(0, server.acceptedCount());
    }

    assertEquals(4, r.exitCode(), r::toString);
    org.junit.jupiter.api.Assertions.assertTrue(
        r.err().contains("does not offer XOAUTH2 sign-in"), r::toString);
    assertEquals("1", Files.readString(dir.resolve("calls")).strip());
  }

  @Test
  void noNewTokenAfterSomeWereSentIsPartlyDeliveredNotUndeliverable() throws Exception {
    Path file = dir.resolve("flaky-token");
    Files.writeString(
        file,
        "#!/bin/sh\n"
            + "if [ -f called ]; then echo 'token service down' >&2; exit 2; fi\n"
            + "touch called\necho tok-first\n");
    file.toFile().setExecutable(true);
    XOAuth2SendTest.settings(dir, "smtp.token-command = ./flaky-token");
    AtomicInteger signIns = new AtomicInteger();
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .requireXOAuth2("press", token -> signIns.getAndIncrement() == 0)
            .dropConnectionAfterMessages(5)
            .dropAt(DropPoint.MAIL_FROM)
            .start()) {
      r =
          CliRun.in(dir)
              .env(Smtp.FAST_RETRIES)
              .run(
                  Smtp.send(
                      server.host(),
                      server.port(),
                      "--smtp-user",
                      "press",
                      "--smtp-auth",
                      "xoauth2",
                      "--connections",
                      "1"));
      assertEquals(5, server.acceptedCount(), r::toString);
    }

    // messages went out: 3 (partly delivered), never 4, and the reason is the command's own
    assertEquals(3, r.exitCode(), r::toString);
    org.junit.jupiter.api.Assertions.assertTrue(
        r.all().contains("token service down"), r::toString);
    assertFalse(r.all().contains("tok-first"), r::toString);
  }
}
