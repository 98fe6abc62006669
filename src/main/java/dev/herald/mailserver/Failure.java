package dev.herald.mailserver;

import dev.herald.Display;
import dev.herald.util.Latin1;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What a failed SMTP exchange means for the message and the run. {@code code} is the server's reply
 * code, or 0 when the failure came without one (a broken connection, TLS, no such host); for {@link
 * Kind#LOCAL} it is herald's exit code.
 */
public record Failure(Kind kind, int code, String reply) {

  /** The kinds of failure, from the message's point of view. */
  public enum Kind {
    /** 5xx: the server will never take this message; record it as failed and go on. */
    PERMANENT,
    /** 4xx on this message: try again later on the same connection. */
    TEMPORARY,
    /** 421, a dropped connection or a timeout: reconnect and try again. */
    CONNECTION,
    /** Login refused: nothing can be sent until the configuration is fixed. */
    AUTHENTICATION,
    /** The server's certificate was not trusted, or TLS could not be set up. */
    TLS,
    /** No server there: unknown host, refused or unreachable. */
    UNREACHABLE,
    /** The input changed or broke while sending: stop, a re-run continues. */
    INPUT,
    /**
     * herald itself could not go on (the journal could not be written, or an unexpected error):
     * stop; {@link #code()} is then the exit code, not an SMTP reply code.
     */
    LOCAL
  }

  /** A failure of herald's own: the journal, or an error no one expected. */
  public static Failure local(Throwable e) {
    if (e instanceof dev.herald.HeraldException h) {
      return new Failure(Kind.LOCAL, h.exitCode(), oneLine(h.getMessage()));
    }
    if (e instanceof OutOfMemoryError) {
      return new Failure(
          Kind.LOCAL,
          dev.herald.ExitCodes.INTERNAL,
          oneLine(
              "out of memory ("
                  + e.getMessage()
                  + "): give herald more, e.g. HERALD_JAVA_OPTS=-Xmx2g, or use fewer"
                  + " --connections"));
    }
    return new Failure(
        Kind.LOCAL,
        dev.herald.ExitCodes.INTERNAL,
        oneLine("unexpected error: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
  }

  /** Classifies an exception from Jakarta Mail's Transport. */
  public static Failure of(Exception e) {
    if (e instanceof NotReady n) {
      return n.failure();
    }
    if (e instanceof AuthenticationFailedException a) {
      return new Failure(Kind.AUTHENTICATION, 535, oneLine(a.getMessage()));
    }
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof SMTPAddressFailedException f) {
        return byCode(f.getReturnCode(), f.getMessage());
      }
      if (t instanceof SMTPSenderFailedException f) {
        return byCode(f.getReturnCode(), f.getMessage());
      }
      if (t instanceof SMTPSendFailedException f) {
        return byCode(f.getReturnCode(), f.getMessage());
      }
    }
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof SSLException || t instanceof CertificateException) {
        return new Failure(Kind.TLS, 0, oneLine(tlsReason(t)));
      }
      if (t instanceof UnknownHostException u) {
        // the JDK's message is the name alone, or "NAME: Name or service not known"
        String name = String.valueOf(u.getMessage());
        int colon = name.indexOf(':');
        return new Failure(
            Kind.UNREACHABLE,
            0,
            oneLine("no such host: " + (colon > 0 ? name.substring(0, colon) : name)));
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return new Failure(
            Kind.UNREACHABLE, 0, oneLine(t.getClass().getSimpleName() + ": " + t.getMessage()));
      }
    }
    String m = String.valueOf(e.getMessage());
    // SMTP says "STARTTLS is required but host does not support STARTTLS", IMAP "STARTTLS
    // required but not supported by server"
    if (m.contains("STARTTLS is required") || m.startsWith("STARTTLS required")) {
      return new Failure(Kind.TLS, 0, oneLine(m));
    }
    if (m.startsWith("Could not connect to SMTP host") && e.getCause() == null) {
      // the server answered the greeting with something other than 220, typically 421
      return new Failure(Kind.CONNECTION, 421, oneLine(m));
    }
    return new Failure(Kind.CONNECTION, 0, oneLine(m));
  }

  /**
   * The JDK reports a certificate that no trusted authority signed as "PKIX path building failed:
   * sun.security...": say plainly that it is not trusted.
   */
  private static String tlsReason(Throwable e) {
    // The most telling cause first: the JDK wraps an expired certificate in a path validation
    // failure, and both in the handshake exception.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        return "the server's certificate has expired (" + t.getMessage() + ")";
      }
      if (t instanceof CertificateNotYetValidException) {
        return "the server's certificate is not valid yet (" + t.getMessage() + ")";
      }
      String m = String.valueOf(t.getMessage());
      if (t instanceof CertificateException
          && (m.startsWith("No subject alternative") || m.startsWith("No name matching"))) {
        return "the server's certificate is for another host name (" + m + ")";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
        return "the server's certificate is not trusted (" + t.getMessage() + ")";
      }
    }
    return e.getMessage();
  }

  private static Failure byCode(int code, String message) {
    String reply = oneLine(message);
    if (code == 530) {
      // RFC 3207 section 4 ("530 Must issue a STARTTLS command first") or RFC 4954 section 6
      // ("Authentication required"): the session is refused, not the recipient
      boolean tls = reply.toUpperCase(Locale.ROOT).contains("STARTTLS");
      return new Failure(tls ? Kind.TLS : Kind.AUTHENTICATION, code, reply);
    }
    if (code >= 500 && code < 600) {
      return new Failure(Kind.PERMANENT, code, reply);
    }
    if (code == 421) {
      return new Failure(Kind.CONNECTION, code, reply);
    }
    if (code >= 400 && code < 500) {
      return new Failure(Kind.TEMPORARY, code, reply);
    }
    return new Failure(Kind.CONNECTION, code, reply);
  }

  private static Throwable next(Throwable t) {
    if (t instanceof MessagingException m
        && m.getNextException() != null
        && m.getNextException() != t) {
      return m.getNextException();
    }
    if (t instanceof SendFailedException) {
      return t.getCause();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  /**
   * What this failure to connect means and what to do, for the SMTP or IMAP server {@code server}
   * ({@code protocol} is "smtp" or "imap", which also names the options to check). The password,
   * should the server echo it, is blanked out.
   */
  public String explain(ServerConfig server, String protocol) {
    String name = protocol.toUpperCase(Locale.ROOT);
    String where = server.address() + " (" + server.security().label() + ")";
    String text = server.withoutSecrets(reply);
    return switch (kind) {
      case AUTHENTICATION ->
          server.token() != null && text.startsWith("No authentication mechanism")
              ? "the "
                  + name
                  + " server "
                  + where
                  + " does not offer XOAUTH2 sign-in: "
                  + text
                  + ". Check --"
                  + protocol
                  + "-host and --"
                  + protocol
                  + "-port, or use --"
                  + protocol
                  + "-auth password."
              : server.token() != null && server.user() != null
                  ? "the "
                      + name
                      + " server "
                      + where
                      + " refused the XOAUTH2 sign-in for user '"
                      + server.user()
                      + "' with the access token from "
                      + server.token().source().describe()
                      + ", also after fetching it again: "
                      + text
                      + ". Check --"
                      + protocol
                      + "-user, that the token is for this mailbox and has the right scope (and, for"
                      + " Microsoft 365, that the app has been granted the mailbox)."
                  : server.user() == null
                      ? "the "
                          + name
                          + " server "
                          + where
                          + " requires a login: "
                          + text
                          + ". Set --"
                          + protocol
                          + "-user (or HERALD_"
                          + name
                          + "_USER) and HERALD_"
                          + name
                          + "_PASSWORD."
                      : "the "
                          + name
                          + " server "
                          + where
                          + " refused the login for user '"
                          + server.user()
                          + "': "
                          + text
                          + ". Check --"
                          + protocol
                          + "-user and HERALD_"
                          + name
                          + "_PASSWORD.";
      case TLS ->
          server.security() == Security.NONE
              ? "the "
                  + name
                  + " server "
                  + where
                  + " requires TLS (STARTTLS) before login or mail: "
                  + text
                  + ". Use --"
                  + protocol
                  + "-security starttls (port "
                  + (protocol.equals("smtp") ? "587" : "143")
                  + ") or ssl (port "
                  + (protocol.equals("smtp") ? "465" : "993")
                  + "); the password is not the problem."
              : "TLS with the "
                  + name
                  + " server "
                  + where
                  + " failed: "
                  + text
                  + ". If the server's certificate is not trusted (a private "
                  + (protocol.equals("smtp") ? "relay" : "server")
                  + "), pass its certificate or CA with --"
                  + protocol
                  + "-ca FILE; if it does not offer STARTTLS, check --"
                  + protocol
                  + "-security and the port.";
      case LOCAL -> text + ".";
      case UNREACHABLE ->
          text.startsWith("no such host: ")
              ? "cannot reach the "
                  + name
                  + " server "
                  + where
                  + ": "
                  + text
                  + " (the name does not resolve). Check the spelling of --"
                  + protocol
                  + "-host."
              : "cannot reach the "
                  + name
                  + " server "
                  + where
                  + ": "
                  + text
                  + ". Check --"
                  + protocol
                  + "-host and --"
                  + protocol
                  + "-port, and that the server is up.";
      default ->
          "the "
              + name
              + " server "
              + where
              + " did not accept a connection: "
              + text
              + ". Try again later.";
    };
  }

  /**
   * A server's (or the JDK's) text as herald records and shows it: one line, control and
   * bidirectional characters escaped, capped (see {@link Display#reply}).
   */
  public static String oneLine(String s) {
    // Angus reads a reply's bytes as ISO-8859-1: a server that speaks UTF-8 (RFC 6531) would show
    // as mojibake, and a U+202E as three harmless-looking characters
    return Display.reply(s == null ? null : Latin1.asUtf8(s));
  }

  /** A failure carried as an exception where Transport's API needs one (a server not ready). */
  public static final class NotReady extends MessagingException {
    private static final long serialVersionUID = 1L;
    private final transient Failure failure;

    public NotReady(Failure failure) {
      super(failure.reply());
      this.failure = failure;
    }

    public Failure failure() {
      return failure;
    }
  }
}
