package dev.herald.delivery;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.mailserver.Security;
import dev.herald.mailserver.ServerConfig;
import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Smtp;
import dev.herald.testing.TestCertificate;
import dev.herald.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session must be ready (connected, TLS as asked, logged in) before any message is recorded as
 * attempted; a password never goes over a connection without TLS to another machine unless a
 * setting says so; and the reasons a session cannot start are said in plain words.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SessionReadyTest {
  @TempDir Path dir;
  @TempDir Path certs;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>(Smtp.FAST_RETRIES);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void securityNoneWithALoginAgainstAStartTlsServerPointsToSmtpSecurity() throws Exception {
    TestCertificate cert = TestCertificates.selfSigned(certs);
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .startTls(cert.serverContext())
            .requireTls()
            .requireAuth("press-office", "right-password")
            .start()) {
      r =
          CliRun.in(dir)
              .env(env("HERALD_SMTP_PASSWORD", "right-password"))
              .run(Smtp.send(server.host(), server.port(), "--smtp-user", "press-office"));
      assertEquals(0, server.acceptedCount());
    }

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "requires TLS (STARTTLS) before login or mail");
    assertContains(r.err(), "Use --smtp-security starttls");
    assertContains(r.err(), "the password is not the problem");
    assertFalse(r.err().contains("refused the login"), r::toString);
    assertTrue(SendJournal.entries(dir).isEmpty(), "nothing recorded as attempted");
  }

  @Test
  void a530StartTlsRefusalIsAboutSecurityAndLeavesNoFalseDuplicate() throws Exception {
    TestCertificate cert = TestCertificates.selfSigned(certs);
    CliRun.Result r;
    CliRun.Result good;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().startTls(cert.serverContext()).requireTls().start()) {
      // no login: the first MAIL FROM gets "530 Must issue a STARTTLS command first"
      r = CliRun.in(dir).env(Smtp.FAST_RETRIES).run(Smtp.send(server.host(), server.port()));
      assertEquals(0, server.acceptedCount());

      List<String> args = new ArrayList<>(List.of(Smtp.send(server.host(), server.port())));
      args.set(args.indexOf("none"), "starttls");
      args.addAll(List.of("--smtp-ca", cert.pemFile().toString()));
      good = CliRun.in(dir).env(Smtp.FAST_RETRIES).run(args.toArray(String[]::new));
      assertEquals(15, server.acceptedCount());
    }

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "530");
    assertContains(r.err(), "Use --smtp-security starttls");
    assertFalse(r.err().contains("refused the login"), r::toString);
    assertFalse(r.err().contains("HERALD_SMTP_PASSWORD"), r::toString);

    assertEquals(0, good.exitCode(), good::toString);
    assertContains(good.out(), "15 sent");
    assertFalse(good.out().contains("Sent again"), good::toString);
  }

  @Test
  void aPasswordIsNotSentInTheClearToAnotherMachine() {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never reached, since herald refuses before connecting
    long start = System.nanoTime();
    CliRun.Result r =
        CliRun.in(dir)
            .env(env("HERALD_SMTP_PASSWORD", "secret-password"))
            .run(Smtp.send("192.0.2.1", 25, "--smtp-user", "press-office"));

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(
        r.err(), "refusing to send the SMTP password for 'press-office' to 192.0.2.1:25");
    assertContains(r.err(), "smtp.plaintext-auth = allow");
    assertContains(r.err(), "HERALD_SMTP_PLAINTEXT_AUTH=allow");
    assertFalse(r.all().contains("secret-password"));
    assertTrue(SendJournal.entries(dir).isEmpty());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "no connect wait");
  }

  @Test
  void loopbackIsAllowedInTheClearAndAllowSaysItIsIntended() {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().requireAuth("press-office", "right-password").start()) {
      CliRun.Result r =
          CliRun.in(dir)
              .env(env("HERALD_SMTP_PASSWORD", "right-password"))
              .run(Smtp.send(server.host(), server.port(), "--smtp-user", "press-office"));

      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(15, server.acceptedCount());
    }
    ServerConfig remote =
        new ServerConfig(
            "mail.example.org",
            25,
            Security.NONE,
            "press",
            "pw".toCharArray(),
            null,
            Duration.ofSeconds(5),
            ServerConfig.DATA_TIMEOUT,
            false,
            null);
    assertTrue(remote.loginInTheClear());
    ServerConfig allowed =
        new ServerConfig(
            "mail.example.org",
            25,
            Security.NONE,
            "press",
            "pw".toCharArray(),
            null,
            Duration.ofSeconds(5),
            ServerConfig.DATA_TIMEOUT,
            true,
            null);
    assertFalse(allowed.loginInTheClear());
    for (String local :
        List.of("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST")) {
      assertTrue(ServerConfig.loopback(local), local);
    }
    for (String other : List.of("192.0.2.1", "localhost.example.org", "127.0.0.1.nip.io", "::2")) {
      assertFalse(ServerConfig.loopback(other), other);
    }
  }

  @Test
  void aBadPlaintextAuthValueIsAnInputError() {
    CliRun.Result r =
        CliRun.in(dir)
            .env(env("HERALD_SMTP_PLAINTEXT_AUTH", "yes"))
            .run(Smtp.send("127.0.0.1", Smtp.closedPort()));

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "HERALD_SMTP_PLAINTEXT_AUTH is 'allow'");
  }

  @Test
  void anUnknownHostIsSaidInPlainWords() {
    CliRun.Result r =
        CliRun.in(dir).env(Smtp.FAST_RETRIES).run(Smtp.send("no-such-host.invalid", 25));

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "no such host: no-such-host.invalid");
    assertFalse(r.err().contains("UnknownHostException"), r::toString);
    assertTrue(SendJournal.entries(dir).isEmpty());
  }
}
