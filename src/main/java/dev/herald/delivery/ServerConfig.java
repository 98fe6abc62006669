package dev.herald.delivery;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how to connect to a mail server (SMTP or IMAP). The password is held but never shown:
 * {@link #toString()} leaves it out, so it cannot reach a log or an error message by accident.
 */
public record ServerConfig(
    String host,
    int port,
    Security security,
    String user,
    char[] password,
    Path caFile,
    Duration timeout) {

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
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerConfig c
        && c.host.equals(host)
        && c.port == port
        && c.security == security
        && java.util.Objects.equals(c.user, user);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(host, port, security, user);
  }
}
