package dev.herald.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Makes self-signed certificates at test time with the JDK's own {@code keytool}, so that no key or
 * certificate is checked in and none can expire in the repository.
 */
public final class TestCertificates {

  private static final String ALIAS = "test-server";
  private static final String PASSWORD_VARIABLE = "TEST_KEYSTORE_PASSWORD";
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  private TestCertificates() {}

  /**
   * Makes a key pair and a self-signed certificate for {@code localhost} and {@code 127.0.0.1} (as
   * subject alternative names, so host name checks pass), valid for a week, and writes {@code
   * server.p12} and {@code server.pem} into {@code dir}.
   */
  public static TestCertificate selfSigned(Path dir)
      throws IOException, GeneralSecurityException, InterruptedException {
    return make(dir, "localhost", "dns:localhost,ip:127.0.0.1", 7);
  }

  /** Like {@link #selfSigned}, valid for {@code days} days from now. */
  public static TestCertificate selfSigned(Path dir, int days)
      throws IOException, GeneralSecurityException, InterruptedException {
    return make(dir, "localhost", "dns:localhost,ip:127.0.0.1", days);
  }

  /**
   * Like {@link #selfSigned}, but for the DNS name {@code host} only: a client that connects to
   * {@code 127.0.0.1} or {@code localhost} and checks the host name must refuse it, even if it
   * trusts the certificate.
   */
  public static TestCertificate selfSignedFor(Path dir, String host)
      throws IOException, GeneralSecurityException, InterruptedException {
    return make(dir, host, "dns:" + host, 7);
  }

  /**
   * Like {@link #selfSigned}, but valid only from {@code startDaysAgo} days ago for {@code
   * validityDays} days: with a start 30 days ago and 7 days of validity, it expired 23 days ago; a
   * negative start lies in the future.
   */
  public static TestCertificate selfSignedValid(Path dir, int startDaysAgo, int validityDays)
      throws IOException, GeneralSecurityException, InterruptedException {
    return make(
        dir,
        "localhost",
        "dns:localhost,ip:127.0.0.1",
        (startDaysAgo >= 0 ? "-" + startDaysAgo : "+" + -startDaysAgo) + "d",
        validityDays);
  }

  private static TestCertificate make(Path dir, String commonName, String subjectAltNames, int days)
      throws IOException, GeneralSecurityException, InterruptedException {
    return make(dir, commonName, subjectAltNames, null, days);
  }

  private static TestCertificate make(
      Path dir, String commonName, String subjectAltNames, String startDate, int validityDays)
      throws IOException, GeneralSecurityException, InterruptedException {
    Files.createDirectories(dir);
    Path keyStoreFile = dir.resolve("server.p12");
    Path pemFile = dir.resolve("server.pem");
    Path log = dir.resolve("keytool.log");
    Files.deleteIfExists(keyStoreFile);

    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    char[] password = HexFormat.of().formatHex(random).toCharArray();

    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(keytool.toString(), "-genkeypair", "-noprompt", "-alias", ALIAS, "-keyalg", "EC"));
    command.addAll(List.of("-groupname", "secp256r1", "-sigalg", "SHA256withECDSA"));
    command.addAll(
        List.of("-dname", "CN=" + commonName, "-validity", String.valueOf(validityDays)));
    if (startDate != null) {
      command.addAll(List.of("-startdate", startDate));
    }
    command.addAll(List.of("-ext", "SAN=" + subjectAltNames));
    command.addAll(List.of("-keystore", keyStoreFile.toString(), "-storetype", "PKCS12"));
    // The password goes through the environment, not the command line that others can read.
    command.add("-storepass:env");
    command.add(PASSWORD_VARIABLE);

    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().put(PASSWORD_VARIABLE, new String(password));
    Process process = builder.start();
    if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "keytool failed with exit " + process.exitValue() + ": " + Files.readString(log, UTF_8));
    }

    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStoreFile)) {
      keyStore.load(in, password);
    }
    X509Certificate certificate = (X509Certificate) keyStore.getCertificate(ALIAS);
    String pem = pem(certificate);
    Files.writeString(pemFile, pem, US_ASCII);

    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, password);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keys.getKeyManagers(), null, null);
    return new TestCertificate(certificate, pem, pemFile, keyStoreFile, serverContext);
  }

  /** The PEM form of a certificate (RFC 7468): base64 of its DER in 64-character lines. */
  private static String pem(X509Certificate certificate) throws GeneralSecurityException {
    Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII));
    return "-----BEGIN CERTIFICATE-----\n"
        + base64.encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
