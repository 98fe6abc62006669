package dev.herald.delivery;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Smtp;
import dev.herald.testing.TestCertificate;
import dev.herald.testing.TestCertificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * STARTTLS as herald does it: the server's certificate chain and host name are checked, {@code
 * --smtp-ca} trusts one more certificate, and nothing goes in the clear when STARTTLS is missing.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsSendTest {
  @TempDir Path dir;
  @TempDir Path certs;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private CliRun.Result send(FaultySmtpServer server, String... more) {
    return send("starttls", server, more);
  }

  private CliRun.Result send(String security, FaultySmtpServer server, String... more) {
    List<String> args = new ArrayList<>(List.of("send", Samples.TEMPLATE, "--yes"));
    args.addAll(List.of("--smtp-host", server.host(), "--smtp-port", "" + server.port()));
    args.addAll(List.of("--smtp-security", security));
    args.addAll(List.of(more));
    return CliRun.in(dir).env(Smtp.FAST_RETRIES).run(args.toArray(String[]::new));
  }

  @Test
  void anUntrustedCertificateIsExitFourAndPointsToSmtpCa() throws Exception {
    TestCertificate cert = TestCertificates.selfSigned(certs);
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().startTls(cert.serverContext()).requireTls().start()) {
      r = send(server);
      assertEquals(0, server.acceptedCount());
    }

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "TLS with the SMTP server 127.0.0.1:");
    assertContains(r.err(), "failed: the server's certificate is not trusted (");
    assertContains(r.err(), "--smtp-ca");
    assertTrue(SendJournal.entries(dir, Outcome.SENT).isEmpty());
  }

  @Test
  void smtpCaTrustsThatCertificate() throws Exception {
    TestCertificate cert = TestCertificates.selfSigned(certs);
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().startTls(cert.serverContext()).requireTls().start()) {
      CliRun.Result r = send(server, "--smtp-ca", cert.pemFile().toString());

      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(15, server.acceptedCount());
      assertEquals(server.connectionCount(), server.tlsConnectionCount());
      assertContains(r.out(), "15 sent");
    }
  }

  @Test
  void smtpCaFromTheEnvironmentToo() throws Exception {
    TestCertificate cert = TestCertificates.selfSigned(certs);
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().startTls(cert.serverContext()).requireTls().start()) {
      List<String> args = new ArrayList<>(List.of(Smtp.send(server.host(), server.port())));
      args.set(args.indexOf("none"), "starttls");
      Map<String, String> env = new HashMap<>(Smtp.FAST_RETRIES);
      env.put("HERALD_SMTP_CA", cert.pemFile().toString());

      CliRun.Result r = CliRun.in(dir).env(env).run(args.toArray(String[]::new));

      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(15, server.acceptedCount());
    }
  }

  @Test
  void aMissingCaFileIsAnInputError() throws Exception {
    try (FaultySmtpServer server = FaultySmtpServer.builder().start()) {
      CliRun.Result r = send(server, "--smtp-ca", "certs/relay.pem");

      assertEquals(2, r.exitCode(), r::toString);
      assertContains(r.err(), "relay.pem: no such certificate file (--smtp-ca)");
      assertEquals(0, server.connectionCount());
    }
  }

  @Test
  void aServerWithoutStartTlsGetsNothingInTheClear() {
    CliRun.Result r;
    try (FaultySmtpServer server = FaultySmtpServer.builder().start()) {
      r = send(server);
      assertEquals(0, server.acceptedCount());
    }

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "STARTTLS");
    assertContains(r.err(), "--smtp-security");
    assertTrue(SendJournal.entries(dir, Outcome.ATTEMPT).isEmpty());
  }

  @Test
  void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
    // Trusted through --smtp-ca, but issued for relay.example.org while herald connects to
    // 127.0.0.1: only the host name check stops this one.
    TestCertificate cert = TestCertificates.selfSignedFor(certs, "relay.example.org");
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().startTls(cert.serverContext()).requireTls().start()) {
      r = send(server, "--smtp-ca", cert.pemFile().toString());
      assertEquals(0, server.acceptedCount());
    }

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "TLS with the SMTP server 127.0.0.1:");
    assertContains(r.err(), "127.0.0.1 found"); // no name in the certificate matches it
    assertTrue(SendJournal.entries(dir, Outcome.SENT).isEmpty());
  }

  @Test
  void sslChecksTheCertificateFromTheFirstByte() {
    GreenMail smtps = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
    smtps.start();
    try {
      List<String> args = new ArrayList<>(List.of("send", Samples.TEMPLATE, "--yes"));
      args.addAll(List.of("--smtp-host", smtps.getSmtps().getBindTo()));
      args.addAll(List.of("--smtp-port", "" + smtps.getSmtps().getPort()));
      args.addAll(List.of("--smtp-security", "ssl"));

      CliRun.Result r = CliRun.in(dir).env(Smtp.FAST_RETRIES).run(args.toArray(String[]::new));

      // GreenMail presents its own self-signed certificate
      assertEquals(4, r.exitCode(), r::toString);
      assertContains(r.err(), "(ssl) failed: the server's certificate is not trusted (");
      assertEquals(0, smtps.getReceivedMessages().length);
    } finally {
      smtps.stop();
    }
  }

  private CliRun.Result sendSsl(FaultySmtpServer server, String... more) {
    return send("ssl", server, more);
  }

  /** A send in {@code security} mode to a server with {@code cert}, trusted with --smtp-ca. */
  private CliRun.Result trustingItAsItIs(TestCertificate cert, String security) {
    FaultySmtpServer.Builder b = FaultySmtpServer.builder();
    b =
        security.equals("ssl")
            ? b.implicitTls(cert.serverContext())
            : b.startTls(cert.serverContext()).requireTls();
    try (FaultySmtpServer server = b.start()) {
      CliRun.Result r = send(security, server, "--smtp-ca", cert.pemFile().toString());
      assertEquals(0, server.acceptedCount(), r::toString);
      return r;
    }
  }

  @Test
  void sslNamesACertificateForAnotherHost() throws Exception {
    TestCertificate cert = TestCertificates.selfSignedFor(certs, "relay.example.org");
    CliRun.Result r;
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().implicitTls(cert.serverContext()).start()) {
      r = sendSsl(server, "--smtp-ca", cert.pemFile().toString());
      assertEquals(0, server.acceptedCount());
    }

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "TLS with the SMTP server 127.0.0.1:");
    assertContains(r.err(), "(ssl) failed: the server's certificate is for another host name");
    assertContains(r.err(), "127.0.0.1 found"); // no name in the certificate matches it
    assertFalse(r.err().contains("unable to find valid certification path"), r::toString);
  }

  @Test
  void sslWithATrustedCertificateSends() throws Exception {
    TestCertificate cert = TestCertificates.selfSigned(certs);
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().implicitTls(cert.serverContext()).start()) {
      CliRun.Result r = sendSsl(server, "--smtp-ca", cert.pemFile().toString());

      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(15, server.acceptedCount());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssl", "starttls"})
  void anExpiredCertificateTrustedAsItIsIsRefusedAndNamedAsExpired(String security)
      throws Exception {
    CliRun.Result r = trustingItAsItIs(TestCertificates.selfSignedValid(certs, 30, 7), security);

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "(" + security + ") failed: the server's certificate has expired");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssl", "starttls"})
  void aCertificateNotYetValidIsRefused(String security) throws Exception {
    CliRun.Result r = trustingItAsItIs(TestCertificates.selfSignedValid(certs, -10, 7), security);

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "not valid yet");
  }
}
