package dev.herald.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificatesTest {

  private static final int TIMEOUT_MILLIS = 5000;

  @Test
  void writesAPemThatParsesBackToTheSameCertificate(@TempDir Path dir) throws Exception {
    TestCertificate certificate = TestCertificates.selfSigned(dir);

    assertTrue(certificate.pem().startsWith("-----BEGIN CERTIFICATE-----\n"));
    assertTrue(certificate.pem().endsWith("\n-----END CERTIFICATE-----\n"));
    assertEquals(certificate.pem(), Files.readString(certificate.pemFile(), US_ASCII));
    assertTrue(Files.size(certificate.keyStore()) > 0);
    X509Certificate parsed =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(certificate.pem().getBytes(US_ASCII)));
    assertEquals(certificate.certificate(), parsed);
    parsed.checkValidity();
    assertEquals(parsed.getSubjectX500Principal(), parsed.getIssuerX500Principal());
  }

  @Test
  void namesLocalhostAndTheLoopbackAddress(@TempDir Path dir) throws Exception {
    X509Certificate certificate = TestCertificates.selfSigned(dir).certificate();

    Set<String> names =
        certificate.getSubjectAlternativeNames().stream()
            .map(entry -> (String) entry.get(1))
            .collect(Collectors.toSet());
    assertEquals(Set.of("localhost", "127.0.0.1"), names);
  }

  @Test
  void theClientContextTrustsTheServerContext(@TempDir Path dir) throws Exception {
    TestCertificate certificate = TestCertificates.selfSigned(dir);

    assertEquals(certificate.certificate(), handshake(certificate, certificate.clientContext()));
  }

  @Test
  void eachCertificateIsItsOwnIssuerSoAnotherIsNotTrusted(@TempDir Path dir) throws Exception {
    TestCertificate one = TestCertificates.selfSigned(dir.resolve("one"));
    TestCertificate other = TestCertificates.selfSigned(dir.resolve("other"));

    assertThrows(SSLHandshakeException.class, () -> handshake(one, other.clientContext()));
  }

  /** A TLS handshake on 127.0.0.1; returns the certificate the client was shown. */
  private static X509Certificate handshake(TestCertificate server, SSLContext client)
      throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    try (SSLServerSocket listener =
        (SSLServerSocket)
            server.serverContext().getServerSocketFactory().createServerSocket(0, 1, loopback)) {
      listener.setSoTimeout(TIMEOUT_MILLIS);
      Future<Integer> served =
          pool.submit(
              () -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                  accepted.setSoTimeout(TIMEOUT_MILLIS);
                  InputStream in = accepted.getInputStream();
                  int read = in.read();
                  accepted.getOutputStream().write(read);
                  accepted.getOutputStream().flush();
                  return read;
                }
              });
      X509Certificate shown;
      try (SSLSocket socket =
          (SSLSocket) client.getSocketFactory().createSocket(loopback, listener.getLocalPort())) {
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write('x');
        out.flush();
        assertEquals('x', socket.getInputStream().read());
        List<?> chain = List.of(socket.getSession().getPeerCertificates());
        assertEquals(1, chain.size());
        shown = (X509Certificate) chain.get(0);
      }
      // Only now: closing a TLS 1.3 socket waits for the peer's close_notify.
      assertEquals((int) 'x', served.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
      return shown;
    } finally {
      pool.shutdownNow();
    }
  }
}
