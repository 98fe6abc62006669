package dev.herald.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each fault of {@link FaultySmtpServer} as a real Jakarta Mail client meets it. */
class FaultySmtpServerTest {

  private static final String FROM = "press@podlaskie.example";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void acceptsAndRecordsAPlainMessage() throws Exception {
    try (FaultySmtpServer server = FaultySmtpServer.builder().start()) {
      send(session(server), "Anna.Kowalska@gazeta.example", "Fostering digitalisation");

      List<Received> received = server.awaitAccepted(1, WAIT);
      assertEquals(1, received.size());
      Received message = received.get(0);
      assertEquals(FROM, message.envelopeFrom());
      assertEquals(List.of("Anna.Kowalska@gazeta.example"), message.recipients());
      assertEquals(1, message.connectionNumber());
      assertEquals("Fostering digitalisation", message.toMimeMessage().getSubject());
      assertTrue(message.text().contains("\r\nSubject: Fostering digitalisation\r\n"));
      assertEquals(List.of(message), server.messagesTo("anna.kowalska@GAZETA.example"));
      assertEquals(List.of(), server.messagesTo("someone.else@gazeta.example"));
      assertEquals(1, server.acceptedCount());
      assertEquals(1, server.connectionCount());
      assertEquals(Map.of(1, 1), server.messagesPerConnection());
      assertEquals(1, server.maxConcurrentConnections());
      assertEquals(0, server.droppedConnectionCount());
      assertEquals(0, server.refusedConnectionCount());
    }
  }

  @Test
  void listensOnLoopbackWithAFreshPortEachTime() {
    try (FaultySmtpServer one = FaultySmtpServer.builder().start();
        FaultySmtpServer two = FaultySmtpServer.builder().start()) {
      assertEquals("127.0.0.1", one.host());
      assertTrue(one.port() > 0);
      assertNotEquals(one.port(), two.port());
    }
  }

  @Test
  void receivedMessageDataCannotBeChangedFromOutside() {
    byte[] data = {'a', 'b'};
    Received received = new Received("", List.of("x@example.org"), data, 1);
    data[0] = 'z';
    received.data()[1] = 'z';
    assertArrayEquals(new byte[] {'a', 'b'}, received.data());
  }

  @Test
  void permanentRejectionAtRcptIsASendFailedExceptionWithTheReplyCode() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .rejectRecipient("gone@redakcja.example", 550, "5.1.1 no such user")
            .start()) {
      Session session = session(server);

      SendFailedException failure =
          assertThrows(
              SendFailedException.class, () -> send(session, "Gone@Redakcja.example", "first"));
      SMTPAddressFailedException address =
          assertInstanceOf(SMTPAddressFailedException.class, failure.getNextException());
      assertEquals(550, address.getReturnCode());
      assertEquals("RCPT TO:<Gone@Redakcja.example>", address.getCommand());
      assertTrue(address.getMessage().contains("550 5.1.1 no such user"), address.getMessage());
      assertEquals("Gone@Redakcja.example", address.getAddress().getAddress());
      assertEquals(1, failure.getInvalidAddresses().length);

      // Permanent: the same again, while others still get through.
      assertThrows(SendFailedException.class, () -> send(session, "gone@redakcja.example", "2"));
      send(session, "desk@redakcja.example", "third");
      assertEquals(1, server.acceptedCount());
      assertEquals(List.of(), server.messagesTo("gone@redakcja.example"));
    }
  }

  @Test
  void deferralAtRcptFailsTheFirstAttemptsThenAccepts() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .deferAtRcpt("busy@lesoir.example", 2, 451, "4.3.0 try later")
            .start()) {
      Session session = session(server);

      for (int attempt = 1; attempt <= 2; attempt++) {
        SendFailedException failure =
            assertThrows(
                SendFailedException.class, () -> send(session, "busy@lesoir.example", "x"));
        SMTPAddressFailedException address =
            assertInstanceOf(SMTPAddressFailedException.class, failure.getNextException());
        assertEquals(451, address.getReturnCode());
        assertTrue(address.getMessage().contains("451 4.3.0 try later"), address.getMessage());
        // A 4xx at RCPT leaves the address "valid but unsent", not invalid.
        assertEquals(1, failure.getValidUnsentAddresses().length);
        assertEquals(0, server.acceptedCount());
      }

      send(session, "busy@lesoir.example", "third attempt");
      assertEquals(1, server.messagesTo("busy@lesoir.example").size());
    }
  }

  @Test
  void deferralAtEndOfDataFailsTheFirstAttemptThenAccepts() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .deferAtData("slow@faz.example", 1, 451, "4.3.0 queue full, try later")
            .start()) {
      Session session = session(server);

      SMTPSendFailedException failure =
          assertThrows(
              SMTPSendFailedException.class, () -> send(session, "slow@faz.example", "first"));
      assertEquals(451, failure.getReturnCode());
      assertEquals(".", failure.getCommand());
      assertTrue(failure.getMessage().contains("4.3.0 queue full"), failure.getMessage());
      assertEquals(0, server.acceptedCount());

      send(session, "slow@faz.example", "second");
      assertEquals(1, server.acceptedCount());
      assertEquals(
          "second", server.messagesTo("slow@faz.example").get(0).toMimeMessage().getSubject());
    }
  }

  @Test
  void dropAfterNMessagesOnAConnectionFailsMessageNPlusOneAndRecordsN() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().dropConnectionAfterMessages(2).start()) {
      Session session = session(server);

      Transport transport = session.getTransport("smtp");
      transport.connect();
      try {
        send(transport, message(session, "a@example.org", "1"));
        send(transport, message(session, "b@example.org", "2"));
        MessagingException failure =
            assertThrows(
                MessagingException.class,
                () -> send(transport, message(session, "c@example.org", "3")));
        assertTrue(hasCause(failure, IOException.class), describe(failure));
      } finally {
        transport.close();
      }
      assertEquals(2, server.acceptedCount());
      assertEquals(1, server.droppedConnectionCount());

      // Every connection gets the same treatment: a new one takes two more.
      Transport again = session.getTransport("smtp");
      again.connect();
      try {
        send(again, message(session, "c@example.org", "3"));
        send(again, message(session, "d@example.org", "4"));
      } finally {
        again.close();
      }
      assertEquals(Map.of(1, 2, 2, 2), server.messagesPerConnection());
    }
  }

  @ParameterizedTest
  @CsvSource({"MAIL_FROM, 1", "END_OF_DATA, 1", "AFTER_ACCEPT, 2"})
  void aDropAtEachPointLooksTheSameToTheClient(DropPoint point, int recorded) throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().dropConnectionAfterMessages(1).dropAt(point).start()) {
      Session session = session(server);
      Transport transport = session.getTransport("smtp");
      transport.connect();
      try {
        send(transport, message(session, "a@example.org", "1"));
        MessagingException failure =
            assertThrows(
                MessagingException.class,
                () -> send(transport, message(session, "b@example.org", "2")));
        assertTrue(hasCause(failure, IOException.class), describe(failure));
      } finally {
        transport.close();
      }
      assertEquals(recorded, server.acceptedCount());
      assertEquals(1, server.droppedConnectionCount());
    }
  }

  @Test
  void dropAfterNMessagesInTotalHappensOnlyAsOftenAsScripted() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().dropConnectionAfterTotalMessages(2, 1).start()) {
      Session session = session(server);

      send(session, "a@example.org", "1");
      send(session, "b@example.org", "2");
      assertThrows(MessagingException.class, () -> send(session, "c@example.org", "3"));
      send(session, "c@example.org", "3");
      send(session, "d@example.org", "4");

      assertEquals(4, server.acceptedCount());
      assertEquals(1, server.droppedConnectionCount());
      assertEquals(Map.of(1, 1, 2, 1, 3, 0, 4, 1, 5, 1), server.messagesPerConnection());
    }
  }

  @Test
  void replyOnConnectRefusesTheFirstConnectionsWithA421Greeting() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().replyOnConnect(421, "4.3.2 busy", 2).start()) {
      Session session = session(server);

      for (int attempt = 1; attempt <= 2; attempt++) {
        SMTPTransport transport = (SMTPTransport) session.getTransport("smtp");
        MessagingException failure = assertThrows(MessagingException.class, transport::connect);
        assertTrue(
            failure.getMessage().contains("Got bad greeting from SMTP host"), failure.getMessage());
        assertTrue(failure.getMessage().contains("response: 421 4.3.2 busy"), failure.getMessage());
        assertEquals(421, transport.getLastReturnCode());
        assertEquals("421 4.3.2 busy", transport.getLastServerResponse().trim());
      }

      send(session, "a@example.org", "third connection");
      assertEquals(3, server.connectionCount());
      assertEquals(2, server.refusedConnectionCount());
      assertEquals(Map.of(1, 0, 2, 0, 3, 1), server.messagesPerConnection());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"PLAIN", "LOGIN"})
  void authWithTheRightPasswordIsAcceptedAndTheUserRecorded(String mechanism) throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().requireAuth("press-office", "correct horse").start()) {
      Properties properties = properties(server);
      properties.put("mail.smtp.auth", "true");
      properties.put("mail.smtp.auth.mechanisms", mechanism);
      Session session = Session.getInstance(properties);

      Transport.send(message(session, "a@example.org", "hello"), "press-office", "correct horse");

      assertEquals(List.of("press-office"), server.authenticatedUsers());
      assertEquals(1, server.acceptedCount());
    }
  }

  @Test
  void authWithAWrongPasswordIsAnAuthenticationFailedException() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().requireAuth("press-office", "correct horse").start()) {
      Properties properties = properties(server);
      properties.put("mail.smtp.auth", "true");
      Session session = Session.getInstance(properties);
      MimeMessage message = message(session, "a@example.org", "hello");

      AuthenticationFailedException failure =
          assertThrows(
              AuthenticationFailedException.class,
              () -> Transport.send(message, "press-office", "battery staple"));
      assertTrue(failure.getMessage().contains("535"), failure.getMessage());
      assertEquals(List.of(), server.authenticatedUsers());
      assertEquals(0, server.acceptedCount());
    }
  }

  @Test
  void authRequiredButNotAttemptedIsRefusedAtMailFrom() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().requireAuth("press-office", "correct horse").start()) {
      Session session = session(server);

      SMTPSendFailedException failure =
          assertThrows(SMTPSendFailedException.class, () -> send(session, "a@example.org", "x"));
      assertEquals(530, failure.getReturnCode());
      assertEquals(0, server.acceptedCount());
    }
  }

  @Test
  void startTlsWithTheCertificateTrustedByASocketFactory(@TempDir Path dir) throws Exception {
    TestCertificate certificate = TestCertificates.selfSigned(dir);
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().startTls(certificate.serverContext()).requireTls().start()) {
      Properties properties = tlsProperties(server);
      properties.put("mail.smtp.ssl.socketFactory", certificate.clientSocketFactory());

      send(Session.getInstance(properties), "a@example.org", "over TLS");

      assertEquals(1, server.acceptedCount());
      assertEquals(1, server.tlsConnectionCount());
    }
  }

  @Test
  void startTlsWithTheHostTrustedByName(@TempDir Path dir) throws Exception {
    TestCertificate certificate = TestCertificates.selfSigned(dir);
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .startTls(certificate.serverContext())
            .requireTls()
            .requireAuth("press-office", "correct horse")
            .start()) {
      Properties properties = tlsProperties(server);
      properties.put("mail.smtp.ssl.trust", "127.0.0.1");
      properties.put("mail.smtp.auth", "true");
      Session session = Session.getInstance(properties);

      Transport.send(message(session, "a@example.org", "x"), "press-office", "correct horse");

      assertEquals(1, server.tlsConnectionCount());
      assertEquals(List.of("press-office"), server.authenticatedUsers());
    }
  }

  @Test
  void startTlsWithAnUntrustedCertificateFailsTheHandshake(@TempDir Path dir) throws Exception {
    TestCertificate certificate = TestCertificates.selfSigned(dir);
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().startTls(certificate.serverContext()).requireTls().start()) {
      Session session = Session.getInstance(tlsProperties(server));

      MessagingException failure =
          assertThrows(MessagingException.class, () -> send(session, "a@example.org", "x"));
      assertTrue(
          failure.getMessage().contains("Could not convert socket to TLS"), describe(failure));
      assertTrue(hasCause(failure, SSLHandshakeException.class), describe(failure));
      assertEquals(0, server.acceptedCount());
      assertEquals(0, server.tlsConnectionCount());
    }
  }

  @Test
  void delayedRepliesMakeParallelConnectionsOverlap() throws Exception {
    int clients = 3;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofMillis(500)).start()) {
      Session session = session(server);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Void>> sends = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        String to = "desk" + i + "@example.org";
        sends.add(
            pool.submit(
                () -> {
                  go.await();
                  send(session, to, "parallel");
                  return null;
                }));
      }
      go.countDown();
      for (Future<Void> sent : sends) {
        sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }

      assertEquals(clients, server.awaitAccepted(clients, WAIT).size());
      assertEquals(clients, server.maxConcurrentConnections());
      assertEquals(Map.of(1, 1, 2, 1, 3, 1), server.messagesPerConnection());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closingReleasesAMessageInFlightWithoutAcceptingIt() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      FaultySmtpServer server =
          FaultySmtpServer.builder().delayPerMessage(Duration.ofMinutes(1)).start();
      Session session = session(server);
      Future<Void> sending =
          pool.submit(
              () -> {
                send(session, "a@example.org", "never answered");
                return null;
              });

      server.awaitInFlight(1, WAIT);
      assertEquals(1, server.inFlightCount());
      assertTimeout(Duration.ofSeconds(5), server::close);

      ExecutionException failure =
          assertThrows(
              ExecutionException.class, () -> sending.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      assertInstanceOf(MessagingException.class, failure.getCause());
      assertEquals(0, server.acceptedCount());
      assertEquals(0, server.inFlightCount());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void awaitAcceptedGivesUpAfterItsTimeout() {
    try (FaultySmtpServer server = FaultySmtpServer.builder().start()) {
      AssertionError failure =
          assertThrows(AssertionError.class, () -> server.awaitAccepted(1, Duration.ofMillis(50)));
      assertTrue(failure.getMessage().contains("got 0"), failure.getMessage());
    }
  }

  @Test
  void builderRefusesRepliesThatAreNotFailures() {
    FaultySmtpServer.Builder builder = FaultySmtpServer.builder();
    assertThrows(IllegalArgumentException.class, () -> builder.replyOnConnect(250, "ok", 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> builder.rejectRecipient("a@b.example", 550, "a\r\nb"));
    assertThrows(
        IllegalArgumentException.class, () -> builder.deferAtRcpt("a@b.example", 0, 451, "later"));
    assertThrows(IllegalStateException.class, () -> builder.requireTls().start());
  }

  private static Properties properties(FaultySmtpServer server) {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", server.host());
    properties.put("mail.smtp.port", String.valueOf(server.port()));
    properties.put("mail.smtp.connectiontimeout", "5000");
    properties.put("mail.smtp.timeout", "5000");
    properties.put("mail.smtp.writetimeout", "5000");
    return properties;
  }

  private static Properties tlsProperties(FaultySmtpServer server) {
    Properties properties = properties(server);
    properties.put("mail.smtp.starttls.enable", "true");
    properties.put("mail.smtp.starttls.required", "true");
    properties.put("mail.smtp.ssl.checkserveridentity", "true");
    return properties;
  }

  private static Session session(FaultySmtpServer server) {
    return Session.getInstance(properties(server));
  }

  private static MimeMessage message(Session session, String to, String subject)
      throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(FROM));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject(subject, "UTF-8");
    message.setText("For further information, please contact the press office.", "UTF-8");
    message.saveChanges();
    return message;
  }

  /** One message on a connection of its own. */
  private static void send(Session session, String to, String subject) throws MessagingException {
    Transport.send(message(session, to, subject));
  }

  /** One message on a connection that stays open for the next. */
  private static void send(Transport transport, MimeMessage message) throws MessagingException {
    transport.sendMessage(message, message.getAllRecipients());
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof MessagingException m && m.getNextException() != null) {
      return m.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = next(t)) {
      text.append(t.getClass().getName()).append(": ").append(t.getMessage()).append(" <- ");
    }
    return text.toString();
  }
}
