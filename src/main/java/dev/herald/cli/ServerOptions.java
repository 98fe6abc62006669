package dev.herald.cli;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.delivery.Security;
import dev.herald.delivery.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Resolves a server's settings (SMTP or IMAP) from option, environment and {@code
 * herald.properties}, and its password from the environment or a prompt, never from an option.
 */
final class ServerOptions {
  private ServerOptions() {}

  /**
   * The server config, or null when no host is configured anywhere. {@code kind} is "smtp" or
   * "imap".
   */
  static ServerConfig resolve(
      HeraldCommand root,
      Settings s,
      String kind,
      String host,
      Integer port,
      String security,
      String user,
      Path ca,
      boolean needPassword) {
    // Every value is checked whether or not a host is set, so that a setting only a real send
    // would use fails a dry run, a check or an outbox run too, not first at the release hour.
    String h = s.get(host, kind + ".host");
    Security sec =
        Security.parse(s.get(security, kind + ".security"), s.source(security, kind + ".security"));
    if (sec == null) {
      sec = kind.equals("smtp") ? Security.STARTTLS : Security.SSL;
    }
    String p = s.get(port == null ? null : String.valueOf(port), kind + ".port");
    int portNumber;
    if (p == null) {
      portNumber = defaultPort(kind, sec);
    } else {
      try {
        portNumber = Integer.parseInt(p);
        if (portNumber < 1 || portNumber > 65535) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw HeraldException.input(
            s.source(port == null ? null : "x", kind + ".port")
                + ": '"
                + p
                + "' is not a port number");
      }
    }
    String u = s.get(user, kind + ".user");
    String caValue = s.get(ca == null ? null : ca.toString(), kind + ".ca");
    Path caFile = null;
    if (caValue != null) {
      caFile = root.resolve(Path.of(caValue));
      if (!Files.isRegularFile(caFile)) {
        throw HeraldException.input(
            Display.path(caFile) + ": no such certificate file (--" + kind + "-ca)");
      }
    }
    Duration timeout = seconds(s, kind + ".timeout", Duration.ofSeconds(60), "");
    Duration dataTimeout =
        kind.equals("smtp")
            ? seconds(s, "smtp.data-timeout", ServerConfig.DATA_TIMEOUT, " (RFC 5321 suggests 600)")
            : ServerConfig.DATA_TIMEOUT;
    String plain = s.get(null, kind + ".plaintext-auth");
    if (plain != null && !plain.equals("allow") && !plain.equals("refuse")) {
      throw HeraldException.input(
          s.source(null, kind + ".plaintext-auth")
              + " is 'allow' (send the password over a connection without TLS) or 'refuse' (the"
              + " default), not '"
              + plain
              + "'");
    }
    if (h == null) {
      return null;
    }
    char[] password = null;
    if (u != null && needPassword) {
      String envName = "HERALD_" + kind.toUpperCase(java.util.Locale.ROOT) + "_PASSWORD";
      String secret = s.secret(envName);
      if (secret != null) {
        password = secret.toCharArray();
      } else if (root.context.terminal().interactive()) {
        password =
            root.context
                .terminal()
                .readPassword(
                    kind.toUpperCase(java.util.Locale.ROOT)
                        + " password for "
                        + u
                        + "@"
                        + h
                        + ": ");
      }
      if (password == null) {
        throw HeraldException.input(
            "no password for "
                + kind.toUpperCase(java.util.Locale.ROOT)
                + " user '"
                + u
                + "': set "
                + envName
                + " (in CI, from the CI's secrets), or run on a terminal to be asked.");
      }
    }
    return new ServerConfig(
        h, portNumber, sec, u, password, caFile, timeout, dataTimeout, "allow".equals(plain));
  }

  /** A setting in whole seconds from 1 to 3600, or {@code dflt} when it is not set. */
  private static Duration seconds(Settings s, String key, Duration dflt, String hint) {
    String v = s.get(null, key);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 1 || n > 3600) {
        throw new NumberFormatException();
      }
      return Duration.ofSeconds(n);
    } catch (NumberFormatException e) {
      throw HeraldException.input(
          s.source(null, key)
              + " must be a number of seconds from 1 to 3600"
              + hint
              + ", not '"
              + v
              + "'");
    }
  }

  static int defaultPort(String kind, Security s) {
    if (kind.equals("smtp")) {
      return switch (s) {
        case SSL -> 465;
        case STARTTLS -> 587;
        case NONE -> 25;
      };
    }
    return s == Security.SSL ? 993 : 143;
  }
}
