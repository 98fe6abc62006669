package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.LoopbackDns;
import dev.herald.testing.Samples;
import dev.herald.testing.TestCertificate;
import dev.herald.testing.TestCertificates;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --server}, {@code send --dry-run --server} and the check a not-yet-due send makes:
 * connect, TLS, sign in, nothing sent; the TLS protocol, the certificate's expiry (a warning under
 * 14 days) and the sign-in methods are shown, and a wrong password is exit 4 days before the due
 * time. The clock is the real one, as the certificates' validity is.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerCheckTest {
  static final String USER = "press";
  static final String PASSWORD = "smtp-secret-6a1f";

  @RegisterExtension
  final GreenMailExtension imap =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP))
          .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, "imap-token-77"));

  @TempDir Path dir;
  @TempDir Path certs;
  private static final LoopbackDns DNS =
      LoopbackDns.started()
          .txt("next2met.example", "v=spf1 include:spf.protection.outlook.com -all")
          .txt("_dmarc.next2met.example", "v=DMARC1; p=quarantine");

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private static FaultySmtpServer server(TestCertificate cert) {
    return FaultySmtpServer.builder()
        .startTls(cert.serverContext())
        .requireTls()
        .requireAuth(USER, PASSWORD)
        .start();
  }

  private static Map<String, String> env(FaultySmtpServer s, TestCertificate cert, String pw) {
    Map<String, String> env = new HashMap<>();
    env.put("HERALD_SMTP_HOST", s.host());
    env.put("HERALD_SMTP_PORT", String.valueOf(s.port()));
    env.put("HERALD_SMTP_SECURITY", "starttls");
    env.put("HERALD_SMTP_USER", USER);
    env.put("HERALD_SMTP_PASSWORD", pw);
    env.put("HERALD_SMTP_CA", cert.pemFile().toString());
    env.put("HERALD_SMTP_RETRY_DELAY_MS", "1");
    // the From domain's records come from loopback, never the internet
    env.put("HERALD_DNS_SERVER", DNS.address());
    return env;
  }

  private CliRun herald(Map<String, String> env) {
    return CliRun.in(dir).env(env).clock(Clock.systemUTC());
  }

  @Test
  void checkServerSignsInOverTlsAndSendsNothing() throws Exception {
    TestCertificate cert = TestCertificates.selfSigned(certs, 90);
    CliRun.Result r;
    try (FaultySmtpServer s = server(cert)) {
      r = herald(env(s, cert, PASSWORD)).run("check", Samples.TEMPLATE, "--server");
      assertEquals(0, s.acceptedCount());
      assertEquals(List.of(USER), s.authenticatedUsers());
    }

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "(starttls): signed in as press with the password, nothing sent");
    assertContains(r.out(), "  TLS: TLSv1.");
    assertContains(r.out(), ", certificate valid until ");
    assertContains(r.out(), "in 90 days");
    assertContains(r.out(), "  Sign-in methods offered: ");
    assertContains(r.out(), "PLAIN");
    assertFalse(r.all().contains("Warning"), r::toString);
    assertFalse(r.all().contains(PASSWORD), r::toString);
  }

  @Test
  void aCertificateExpiringInThreeDaysIsAWarning() throws Exception {
    TestCertificate cert = TestCertificates.selfSigned(certs, 3);
    CliRun.Result r;
    try (FaultySmtpServer s = server(cert)) {
      r = herald(env(s, cert, PASSWORD)).run("check", Samples.TEMPLATE, "--server");
    }

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Warning: the SMTP server's certificate (127.0.0.1:");
    assertContains(r.out(), ") expires in 3 days, on ");
  }

  @Test
  void aWrongPasswordIsExitFourWithTheExplanationASendGives() throws Exception {
    TestCertificate cert = TestCertificates.selfSigned(certs, 90);
    CliRun.Result check;
    CliRun.Result send;
    try (FaultySmtpServer s = server(cert)) {
      check = herald(env(s, cert, "wrong-pw-1234")).run("check", Samples.TEMPLATE, "--server");
      send = herald(env(s, cert, "wrong-pw-1234")).run("send", Samples.TEMPLATE, "--yes");
      assertEquals(0, s.acceptedCount());
    }

    assertEquals(4, check.exitCode(), check::toString);
    assertEquals(4, send.exitCode(), send::toString);
    String explanation = "refused the login for user 'press'";
    assertContains(check.err(), explanation);
    assertContains(send.err(), explanation);
    assertContains(check.err(), "Check --smtp-user and HERALD_SMTP_PASSWORD.");
    assertFalse(check.all().contains("wrong-pw-1234"), check::toString);
    // never "ready to send" above a server that refuses the login
    assertFalse(check.out().contains("ready to preview and send"), check::toString);
  }

  @Test
  void anUntrustedCertificateIsExitFour() throws Exception {
    TestCertificate cert = TestCertificates.selfSigned(certs, 90);
    Map<String, String> env;
    CliRun.Result r;
    try (FaultySmtpServer s = server(cert)) {
      env = env(s, cert, PASSWORD);
      env.remove("HERALD_SMTP_CA");
      r = herald(env).run("check", Samples.TEMPLATE, "--server");
    }

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "failed: the server's certificate is not trusted");
  }

  @Test
  void theImapServerIsCheckedToWhenConfigured() throws Exception {
    TestCertificate cert = TestCertificates.selfSigned(certs, 90);
    CliRun.Result r;
    try (FaultySmtpServer s = server(cert)) {
      Map<String, String> env = env(s, cert, PASSWORD);
      env.put("HERALD_IMAP_HOST", "127.0.0.1");
      env.put("HERALD_IMAP_PORT", String.valueOf(imap.getImap().getPort()));
      env.put("HERALD_IMAP_SECURITY", "none");
      env.put("HERALD_IMAP_USER", USER);
      env.put("HERALD_IMAP_AUTH", "xoauth2");
      env.put("HERALD_IMAP_TOKEN", "imap-token-77");
      env.put("HERALD_DNS_SERVER", DNS.address());
      r = herald(env).run("check", Samples.TEMPLATE, "--server");
    }

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "IMAP: 127.0.0.1:");
    assertContains(r.out(), "(none): signed in as press with XOAUTH2, nothing changed");
    assertContains(r.out(), "  TLS: none (a connection without TLS)");
    assertFalse(r.all().contains("imap-token-77"), r::toString);
  }

  @Test
  void aWrongImapTokenIsExitFour() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("HERALD_IMAP_HOST", "127.0.0.1");
    env.put("HERALD_IMAP_PORT", String.valueOf(imap.getImap().getPort()));
    env.put("HERALD_IMAP_SECURITY", "none");
    env.put("HERALD_IMAP_USER", USER);
    env.put("HERALD_IMAP_AUTH", "xoauth2");
    env.put("HERALD_IMAP_TOKEN", "stale-imap-token");

    CliRun.Result r = herald(env).run("check", Samples.TEMPLATE, "--server");

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.out(), "SMTP: no host configured");
    assertContains(r.err(), "refused the access token from HERALD_IMAP_TOKEN");
    assertFalse(r.all().contains("stale-imap-token"), r::toString);
  }

  private void sendAt(String when) {
    for (String template : List.of(Samples.TEMPLATE, "templates/podlaskie-digitalisation.pl.md")) {
      Path file = dir.resolve(template);
      TestFiles.write(dir, template, "Send-At: " + when + "\n" + TestFiles.read(file));
    }
  }

  @Test
  void aSendNotYetDueFailsOnAWrongPasswordDaysBefore() throws Exception {
    sendAt("2099-11-28T09:00:00+01:00");
    TestCertificate cert = TestCertificates.selfSigned(certs, 90);
    CliRun.Result wrong;
    CliRun.Result skipped;
    CliRun.Result good;
    try (FaultySmtpServer s = server(cert)) {
      wrong = herald(env(s, cert, "wrong-pw-1234")).run("send", Samples.TEMPLATE, "--yes");
      skipped =
          herald(env(s, cert, "wrong-pw-1234"))
              .run("send", Samples.TEMPLATE, "--yes", "--no-server-check");
      good = herald(env(s, cert, PASSWORD)).run("send", Samples.TEMPLATE, "--yes");
      assertEquals(0, s.acceptedCount());
    }

    assertEquals(4, wrong.exitCode(), wrong::toString);
    assertContains(wrong.err(), "refused the login for user 'press'");
    assertEquals(0, skipped.exitCode(), skipped::toString);
    assertContains(skipped.out(), "Not yet due");
    assertFalse(skipped.out().contains("signed in"), skipped::toString);
    assertEquals(0, good.exitCode(), good::toString);
    assertContains(good.out(), "signed in as press with the password, nothing sent");
    assertContains(good.out(), "Not yet due");
    assertFalse(Files.exists(dir.resolve("logs/sends.csv")));
  }

  @Test
  void aDryRunWithServerSignsInToo() throws Exception {
    TestCertificate cert = TestCertificates.selfSigned(certs, 90);
    CliRun.Result r;
    CliRun.Result plain;
    try (FaultySmtpServer s = server(cert)) {
      r = herald(env(s, cert, PASSWORD)).run("send", Samples.TEMPLATE, "--dry-run", "--server");
      plain = herald(env(s, cert, PASSWORD)).run("send", Samples.TEMPLATE, "--dry-run");
      assertEquals(List.of(USER), s.authenticatedUsers());
      assertEquals(0, s.acceptedCount());
    }

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "signed in as press with the password, nothing sent");
    assertContains(r.out(), "Dry run: would send");
    assertTrue(plain.exitCode() == 0 && !plain.out().contains("signed in"), plain::toString);
  }
}
