package dev.herald.cli;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.mailserver.Security;
import dev.herald.mailserver.ServerConfig;
import dev.herald.signin.AccessToken;
import dev.herald.signin.ClientCredentials;
import dev.herald.signin.TokenCommand;
import dev.herald.signin.TokenSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Resolves a server's settings (SMTP or IMAP) from option, environment and {@code
 * herald.properties}, and its password from the environment or a prompt, never from an option.
 */
final class ServerOptions {
  private ServerOptions() {}

  /**
   * The server config from the settings alone (the environment and {@code herald.properties}), or
   * null when no host is configured. {@code kind} is "smtp" or "imap".
   */
  static ServerConfig resolve(HeraldCommand root, Settings s, String kind, boolean needPassword) {
    return resolve(root, s, kind, null, null, null, null, null, null, needPassword);
  }

  /**
   * The server config, or null when no host is configured anywhere. {@code kind} is "smtp" or
   * "imap"; each of {@code host} to {@code auth} is the option as given on the command line, null
   * when it was not (then the setting applies); {@code auth} is "password" or "xoauth2".
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
      String auth,
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
    int portNumber =
        p == null
            ? defaultPort(kind, sec)
            : port(p, s.source(port == null ? null : "given", kind + ".port"));
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
    boolean xoauth2 = xoauth2(s, kind, auth);
    TokenSource tokens = tokenSource(root, s, kind, timeout, xoauth2 && h != null && needPassword);
    if (h == null) {
      return null;
    }
    if (xoauth2) {
      if (u == null) {
        throw HeraldException.input(
            s.source(auth, kind + ".auth")
                + " is xoauth2, which signs in a user: set --"
                + kind
                + "-user (or HERALD_"
                + kind.toUpperCase(Locale.ROOT)
                + "_USER, "
                + kind
                + ".user) to the mailbox's address");
      }
      return new ServerConfig(
          h,
          portNumber,
          sec,
          u,
          null,
          caFile,
          timeout,
          dataTimeout,
          "allow".equals(plain),
          tokens == null ? null : new AccessToken(tokens, kind));
    }
    char[] password = null;
    if (u != null && needPassword) {
      String envName = "HERALD_" + kind.toUpperCase(Locale.ROOT) + "_PASSWORD";
      String secret = s.secret(envName);
      if (secret != null) {
        password = secret.toCharArray();
      } else if (root.invocation.terminal().interactive()) {
        password =
            root.invocation
                .terminal()
                .readPassword(
                    kind.toUpperCase(Locale.ROOT) + " password for " + u + "@" + h + ": ");
      }
      if (password == null) {
        throw HeraldException.input(
            "no password for "
                + kind.toUpperCase(Locale.ROOT)
                + " user '"
                + u
                + "': set "
                + envName
                + " (in CI, from the CI's secrets), or run on a terminal to be asked.");
      }
    }
    return new ServerConfig(
        h, portNumber, sec, u, password, caFile, timeout, dataTimeout, "allow".equals(plain), null);
  }

  /** Whether {@code kind} signs in with XOAUTH2; the setting's value is checked either way. */
  private static boolean xoauth2(Settings s, String kind, String auth) {
    return SignIn.parse(s.get(auth, kind + ".auth"), s.source(auth, kind + ".auth"))
        == SignIn.XOAUTH2;
  }

  /**
   * Where the access token comes from, the first configured of: {@code HERALD_SMTP_TOKEN}, the
   * token command, the client-credentials grant. Every token setting is checked whether or not it
   * is used; {@code need} says a source must exist (a real sign-in with XOAUTH2).
   */
  private static TokenSource tokenSource(
      HeraldCommand root, Settings s, String kind, Duration timeout, boolean need) {
    String upper = kind.toUpperCase(Locale.ROOT);
    String command = s.get(null, kind + ".token-command");
    List<String> args =
        command == null
            ? null
            : TokenCommand.split(command, s.source(null, kind + ".token-command"));
    String url = s.get(null, kind + ".token-url");
    URI uri = url == null ? null : tokenUrl(s, kind, url);
    String clientId = s.get(null, kind + ".client-id");
    String scope = s.get(null, kind + ".scope");
    if (!need) {
      return null;
    }
    String envName = "HERALD_" + upper + "_TOKEN";
    String token = s.secret(envName);
    if (token != null && !token.isBlank()) {
      return new TokenSource.FromEnvironment(envName, token.strip().toCharArray());
    }
    if (args != null) {
      return new TokenCommand(
          args, root.workdir(), s.source(null, kind + ".token-command"), TokenCommand.LIMIT);
    }
    if (uri != null) {
      String secretName = "HERALD_" + upper + "_CLIENT_SECRET";
      String secret = s.secret(secretName);
      if (secret == null) {
        secretName = "HERALD_OAUTH_CLIENT_SECRET";
        secret = s.secret(secretName);
      }
      if (clientId == null) {
        throw HeraldException.input(
            s.source(null, kind + ".token-url")
                + " is set, but no client id: set "
                + kind
                + ".client-id (the application's id) in "
                + Settings.FILE);
      }
      if (secret == null) {
        throw HeraldException.input(
            "no client secret for the client-credentials grant at "
                + uri.getAuthority()
                + ": set HERALD_"
                + upper
                + "_CLIENT_SECRET or HERALD_OAUTH_CLIENT_SECRET in the environment (in CI, from"
                + " the CI's secrets); it never goes in "
                + Settings.FILE);
      }
      return new ClientCredentials(uri, clientId, secret.toCharArray(), scope, kind, timeout);
    }
    throw HeraldException.input(
        kind
            + ".auth is xoauth2, but no access token is configured: set "
            + envName
            + " (a CI secret), "
            + kind
            + ".token-command (a program that prints one) or "
            + kind
            + ".token-url with "
            + kind
            + ".client-id and "
            + kind
            + ".scope (the client-credentials grant) in "
            + Settings.FILE);
  }

  /**
   * The token URL: https, or http to this machine only, since the client secret goes in the
   * request.
   */
  private static URI tokenUrl(Settings s, String kind, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("https".equals(uri.getScheme())
            || ("http".equals(uri.getScheme()) && ServerConfig.loopback(uri.getHost())))) {
      throw HeraldException.input(
          s.source(null, kind + ".token-url")
              + ": '"
              + Display.visible(url)
              + "' is not an https:// URL (the client secret is sent to it; plain http is allowed"
              + " only to this machine)");
    }
    return uri;
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

  /** {@code value} as a port number, 1 to 65535; exit 2 naming {@code source}. */
  static int port(String value, String source) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= 65535) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw HeraldException.input(source + ": '" + value + "' is not a port number");
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
