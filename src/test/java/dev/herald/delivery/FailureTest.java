package dev.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.mailserver.Failure;
import dev.herald.mailserver.MailSessions;
import dev.herald.mailserver.Security;
import dev.herald.mailserver.ServerConfig;
import dev.herald.testing.DropPoint;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Smtp;
import dev.herald.testing.TestCertificate;
import dev.herald.testing.TestCertificates;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Failure#of} on what Jakarta Mail throws when a real server misbehaves: each exception is
 * produced the way herald meets it, with herald's own session settings ({@link MailSessions}).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FailureTest {
  static final String RCPT = "desk@kurier-podlaski.example";

  @TempDir Path certs;

  private static ServerConfig config(
      FaultySmtpServer server, Security security, String user, String password, Path ca) {
    return new ServerConfig(
        server.host(),
        server.port(),
        security,
        user,
        password == null ? null : password.toCharArray(),
        ca,
        Duration.ofSeconds(10),
        ServerConfig.DATA_TIMEOUT,
        false,
        null);
  }

  private static ServerConfig plain(FaultySmtpServer server) {
    return config(server, Security.NONE, null, null, null);
  }

  /** Connects and sends one message as a connection of herald does; returns what it threw. */
  private static Failure failureOf(ServerConfig config) {
    MessagingException e = assertThrows(MessagingException.class, () -> sendOne(config));
    return Failure.of(e);
  }

  private static void sendOne(ServerConfig config) throws MessagingException {
    Session session = MailSessions.smtp(config);
    Transport transport = PipeliningTransport.connect(session, config);
    try {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress("press@next2met.example"));
      m.setRecipient(Message.RecipientType.TO, new InternetAddress(RCPT));
      m.setSubject("Fostering digitalisation");
      m.setText("Dear editor,\r\n");
      m.saveChanges();
      transport.sendMessage(m, m.getAllRecipients());
    } finally {
      transport.close();
    }
  }

  @Test
  void aRefusedRecipientIsPermanentWithTheServersReply() {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().rejectRecipient(RCPT, 550, "5.1.1 no such user").start()) {
      Failure f = failureOf(plain(server));

      assertEquals(Failure.Kind.PERMANENT, f.kind());
      assertEquals(550, f.code());
      assertTrue(f.reply().contains("550 5.1.1 no such user"), f.reply());
      assertFalse(f.reply().contains("\n"), f.reply());
    }
  }

  @Test
  void aDeferredRecipientIsTemporary() {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().deferAtRcpt(RCPT, 1, 451, "4.3.0 try later").start()) {
      Failure f = failureOf(plain(server));

      assertEquals(Failure.Kind.TEMPORARY, f.kind());
      assertEquals(451, f.code());
      assertTrue(f.reply().contains("451 4.3.0 try later"), f.reply());
    }
  }

  @Test
  void aDeferralAtTheEndOfDataIsTemporary() {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().deferAtData(RCPT, 1, 452, "4.3.1 queue full").start()) {
      Failure f = failureOf(plain(server));

      assertEquals(Failure.Kind.TEMPORARY, f.kind());
      assertEquals(452, f.code());
      assertTrue(f.reply().contains("4.3.1 queue full"), f.reply());
    }
  }

  @Test
  void aRejectionAtTheEndOfDataIsPermanent() {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().deferAtData(RCPT, 1, 554, "5.6.0 content rejected").start()) {
      Failure f = failureOf(plain(server));

      assertEquals(Failure.Kind.PERMANENT, f.kind());
      assertEquals(554, f.code());
    }
  }

  @Test
  void aBusyGreetingCallsForANewConnection() {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().replyOnConnect(421, "4.3.2 too busy", 1).start()) {
      Failure f = failureOf(plain(server));

      assertEquals(Failure.Kind.CONNECTION, f.kind());
      assertTrue(f.reply().contains("421"), f.reply());
    }
  }

  @Test
  void aConnectionDroppedAtTheEndOfDataCallsForANewConnection() {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().dropConnectionAfterMessages(0).start()) {
      Failure f = failureOf(plain(server));

      assertEquals(Failure.Kind.CONNECTION, f.kind());
    }
  }

  @Test
  void aConnectionDroppedAtMailFromCallsForANewConnection() {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .dropConnectionAfterMessages(0)
            .dropAt(DropPoint.MAIL_FROM)
            .start()) {
      Failure f = failureOf(plain(server));

      assertEquals(Failure.Kind.CONNECTION, f.kind());
    }
  }

  @Test
  void aServerThatDoesNotAnswerTheEndOfDataInTimeLeavesTheOutcomeUnknown() {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofSeconds(5)).start()) {
      ServerConfig c =
          new ServerConfig(
              server.host(),
              server.port(),
              Security.NONE,
              null,
              null,
              null,
              Duration.ofSeconds(10),
              Duration.ofMillis(500),
              false,
              null);
      NoFinalReply e = assertThrows(NoFinalReply.class, () -> sendOne(c));

      assertTrue(e.timedOut());
      assertTrue(
          e.getMessage().startsWith("no reply to the end of data within 0.5 s"), e::toString);
    }
  }

  @Test
  void theEndOfDataIsAwaitedLongerThanAnOrdinaryReply() throws Exception {
    // an ordinary timeout of half a second; the data timeout is the default ten minutes
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofMillis(1500)).start()) {
      ServerConfig c =
          new ServerConfig(
              server.host(),
              server.port(),
              Security.NONE,
              null,
              null,
              null,
              Duration.ofMillis(500),
              ServerConfig.DATA_TIMEOUT,
              false,
              null);

      sendOne(c);

      assertEquals(1, server.acceptedCount());
    }
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailure() {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().requireAuth("press", "right").start()) {
      Failure f = failureOf(config(server, Security.NONE, "press", "wrong", null));

      assertEquals(Failure.Kind.AUTHENTICATION, f.kind());
      assertTrue(f.reply().startsWith("535"), f.reply());
    }
  }

  @Test
  void noLoginWhereOneIsRequiredIsAnAuthenticationFailure() {
    // RFC 4954 section 6: 530 5.7.0 "Authentication required" refuses the session, not the
    // recipient. Taken as permanent, it would record every recipient as failed, and a re-run with
    // the login fixed would skip them all.
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().requireAuth("press", "right").start()) {
      Failure f = failureOf(plain(server));

      assertEquals(Failure.Kind.AUTHENTICATION, f.kind(), f::toString);
      assertEquals(530, f.code());
    }
  }

  @Test
  void aClosedPortIsUnreachable() {
    ServerConfig c =
        new ServerConfig(
            "127.0.0.1",
            Smtp.closedPort(),
            Security.NONE,
            null,
            null,
            null,
            Duration.ofSeconds(5),
            ServerConfig.DATA_TIMEOUT,
            false,
            null);
    MessagingException e =
        assertThrows(
            MessagingException.class, () -> PipeliningTransport.connect(MailSessions.smtp(c), c));
    Failure f = Failure.of(e);

    assertEquals(Failure.Kind.UNREACHABLE, f.kind());
    assertTrue(f.reply().startsWith("ConnectException: "), f.reply());
  }

  @Test
  void anUntrustedCertificateIsATlsFailureThatSaysSo() throws Exception {
    TestCertificate cert = TestCertificates.selfSigned(certs);
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().startTls(cert.serverContext()).requireTls().start()) {
      Failure f = failureOf(config(server, Security.STARTTLS, null, null, null));

      assertEquals(Failure.Kind.TLS, f.kind());
      assertTrue(f.reply().startsWith("the server's certificate is not trusted ("), f.reply());
      assertFalse(f.reply().contains("sun.security"), f.reply());
    }
  }

  @Test
  void aCertificateForAnotherHostIsATlsFailure() throws Exception {
    TestCertificate cert = TestCertificates.selfSignedFor(certs, "relay.example.org");
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().startTls(cert.serverContext()).requireTls().start()) {
      Failure f = failureOf(config(server, Security.STARTTLS, null, null, cert.pemFile()));

      assertEquals(Failure.Kind.TLS, f.kind());
      assertTrue(f.reply().contains("127.0.0.1"), f.reply());
    }
  }

  @Test
  void noStartTlsWhereItIsRequiredIsATlsFailure() {
    try (FaultySmtpServer server = FaultySmtpServer.builder().start()) {
      Failure f = failureOf(config(server, Security.STARTTLS, null, null, null));

      assertEquals(Failure.Kind.TLS, f.kind());
      assertTrue(f.reply().contains("STARTTLS"), f.reply());
      assertEquals(0, server.acceptedCount());
    }
  }

  @Test
  void anExpiredCertificateIsNamedAsExpired() {
    // as the JDK reports it: the handshake fails, caused by the path validation, caused by this
    var expired = new java.security.cert.CertificateExpiredException("NotAfter: Mon Nov 23 2026");
    var path = new java.security.cert.CertPathValidatorException("validity check failed", expired);
    var handshake = new javax.net.ssl.SSLHandshakeException("PKIX path validation failed");
    handshake.initCause(path);

    Failure f = Failure.of(new MessagingException("Could not connect to SMTP host", handshake));

    assertEquals(Failure.Kind.TLS, f.kind());
    assertEquals(
        "the server's certificate has expired (NotAfter: Mon Nov 23 2026)", f.reply(), f::toString);
  }
}
