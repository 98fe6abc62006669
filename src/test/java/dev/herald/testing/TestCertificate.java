package dev.herald.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made by {@link
 * TestCertificates}, with what a server needs to present it and a client needs to trust it.
 *
 * @param certificate the certificate
 * @param pem the certificate in PEM form, as a client's CA file would hold it
 * @param pemFile where the PEM form was written
 * @param keyStore the PKCS12 key store that holds the key and certificate
 * @param serverContext an SSL context that presents this certificate, for {@link
 *     FaultySmtpServer.Builder#startTls}
 */
public record TestCertificate(
    X509Certificate certificate,
    String pem,
    Path pemFile,
    Path keyStore,
    SSLContext serverContext) {

  /** An SSL context that trusts this certificate and nothing else. */
  public SSLContext clientContext() throws GeneralSecurityException {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      trusted.load(null, null);
    } catch (IOException e) {
      throw new IllegalStateException("an empty key store reads no file", e);
    }
    trusted.setCertificateEntry("test-server", certificate);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  /**
   * A socket factory that trusts this certificate and nothing else, e.g. for Jakarta Mail's {@code
   * mail.smtp.ssl.socketFactory}.
   */
  public SSLSocketFactory clientSocketFactory() throws GeneralSecurityException {
    return clientContext().getSocketFactory();
  }
}
