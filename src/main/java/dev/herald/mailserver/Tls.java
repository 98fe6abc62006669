package dev.herald.mailserver;

import dev.herald.Display;
import dev.herald.HeraldException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust: the Java runtime's trusted authorities, plus (with {@code --smtp-ca FILE}) the PEM
 * certificates in one file, for a private relay with its own CA or a self-signed certificate.
 */
public final class Tls {
  private Tls() {}

  /** A socket factory trusting the default authorities and those in {@code caFile}. */
  public static SSLSocketFactory socketFactory(Path caFile) {
    try {
      List<X509TrustManager> managers = new ArrayList<>();
      managers.add(defaultManager(null));
      if (caFile != null) {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate c : readPem(caFile)) {
          ks.setCertificateEntry("extra-" + i++, c);
        }
        managers.add(defaultManager(ks));
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new AnyOf(managers)}, null);
      return ctx.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw HeraldException.input("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static Collection<? extends Certificate> readPem(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw HeraldException.input(Display.path(file) + ": holds no PEM certificate");
      }
      return certs;
    } catch (IOException e) {
      throw HeraldException.input(Display.path(file) + ": cannot read: " + e.getMessage());
    } catch (CertificateException e) {
      throw HeraldException.input(
          Display.path(file) + ": is not a PEM certificate file: " + e.getMessage());
    }
  }

  private static X509TrustManager defaultManager(KeyStore ks) throws GeneralSecurityException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(ks);
    for (TrustManager m : f.getTrustManagers()) {
      if (m instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager");
  }

  /** Trusts a chain that any of its managers trusts. */
  private static final class AnyOf implements X509TrustManager {
    private final List<X509TrustManager> managers;

    AnyOf(List<X509TrustManager> managers) {
      this.managers = List.copyOf(managers);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      managers.get(0).checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      // The JDK checks the dates of a chain it builds up to an authority, but not of a
      // certificate trusted as it is (a self-signed one given with --smtp-ca): an expired
      // relay certificate must fail there too, naming its expiry.
      if (chain != null && chain.length > 0) {
        chain[0].checkValidity();
      }
      CertificateException last = null;
      for (X509TrustManager m : managers) {
        try {
          m.checkServerTrusted(chain, authType);
          return;
        } catch (CertificateException e) {
          last = e;
        }
      }
      throw last;
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>();
      for (X509TrustManager m : managers) {
        all.addAll(List.of(m.getAcceptedIssuers()));
      }
      return all.toArray(new X509Certificate[0]);
    }
  }
}
