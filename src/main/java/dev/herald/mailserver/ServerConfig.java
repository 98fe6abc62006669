package dev.herald.mailserver;

import dev.herald.signin.AccessToken;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how to connect to a mail server (SMTP or IMAP). The password is held but never shown:
 * {@link #toString()} leaves it out, so it cannot reach a log or an error message by accident.
 *
 * <p>{@code dataTimeout} is how long to wait for the reply to the end of a message's data (SMTP
 * only); {@code plaintextAuth} whether a password may be sent over a connection without TLS to a
 * host other than loopback. With {@code token} set, herald signs in with SASL XOAUTH2 and that
 * access token instead of the password.
 */
public record ServerConfig(
    String host,
    int port,
    Security security,
    String user,
    char[] password,
    Path caFile,
    Duration timeout,
    Duration dataTimeout,
    boolean plaintextAuth,
    AccessToken token) {

  /** The default wait for the reply to the end of data: RFC 5321 section 4.5.3.2.6. */
  public static final Duration DATA_TIMEOUT = Duration.ofMinutes(10);

  /** A connection attempt that signs in with {@code secret} (a password or an access token). */
  @FunctionalInterface
  public interface SignIn<T> {
    T connect(String secret) throws MessagingException;
  }

  /**
   * Connects with the password, or with the access token; when the server refuses the token (it
   * expired mid-run: 535, or 454 with an expiry), the token is fetched again once and the
   * connection made again.
   */
  public <T> T signIn(SignIn<T> attempt) throws MessagingException {
    if (token == null || user == null) {
      return attempt.connect(password == null ? null : new String(password));
    }
    String used = token.current();
    try {
      return attempt.connect(used);
    } catch (AuthenticationFailedException e) {
      if (String.valueOf(e.getMessage()).startsWith("No authentication mechanism")) {
        throw e; // the server offers no XOAUTH2: a new token would not help
      }
      return attempt.connect(token.renew(used));
    }
  }

  /** {@code text} with the password and the access token blanked out, for messages. */
  public String withoutSecrets(String text) {
    String t = text;
    if (t != null && password != null && password.length > 0) {
      t = t.replace(new String(password), "(password)");
    }
    return token == null ? t : token.blank(t);
  }

  /** What signs in: "password", or "access token" for XOAUTH2. */
  public String secretName() {
    return token == null ? "password" : "access token";
  }

  /**
   * Whether logging in would send the password over a connection without TLS to a host that is not
   * this machine, and no setting says that is intended.
   */
  public boolean loginInTheClear() {
    return user != null && security == Security.NONE && !plaintextAuth && !loopback(host);
  }

  /**
   * Why the password is not sent ({@link #loginInTheClear()}), and what to do; {@code protocol} is
   * "smtp" or "imap".
   */
  public String plaintextRefusal(String protocol) {
    String name = protocol.toUpperCase(Locale.ROOT);
    return "refusing to send the "
        + name
        + " "
        + secretName()
        + " for '"
        + user
        + "' to "
        + address()
        + " over a connection without TLS (--"
        + protocol
        + "-security none): anyone on the network path could read it. Use --"
        + protocol
        + "-security starttls or ssl; if a password in the clear is intended, set "
        + protocol
        + ".plaintext-auth = allow in herald.properties (or HERALD_"
        + name
        + "_PLAINTEXT_AUTH=allow). Nothing was sent.";
  }

  /**
   * Whether {@code host} is this machine: {@code localhost}, or a literal address in 127.0.0.0/8 or
   * {@code ::1}. No name is looked up, so no DNS answer can make a remote host count.
   */
  public static boolean loopback(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.equals("localhost.")) {
      return true;
    }
    boolean ipv4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean ipv6 = h.indexOf(':') >= 0 && h.matches("[0-9a-f:.]+");
    if (!ipv4 && !ipv6) {
      return false;
    }
    try {
      // a literal address: parsed, never looked up
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** {@code host:port}, for messages. */
  public String address() {
    return host + ":" + port;
  }

  @Override
  public String toString() {
    return "ServerConfig["
        + address()
        + ", "
        + security.label()
        + (user == null ? "" : ", user " + user)
        + (token == null ? "" : ", XOAUTH2 with " + token.source().describe())
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerConfig c
        && c.host.equals(host)
        && c.port == port
        && c.security == security
        && Objects.equals(c.user, user);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, security, user);
  }
}
