package dev.herald.mailserver;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.Properties;

/**
 * Jakarta Mail sessions for SMTP and IMAP with herald's safety settings: timeouts on connect, read
 * and write (Jakarta Mail's defaults wait forever), certificate chain and host name verified for
 * TLS ({@code ssl.checkserveridentity}, off by default in Jakarta Mail), and STARTTLS required, not
 * merely attempted, when chosen.
 */
public final class MailSessions {
  private MailSessions() {}

  /** The protocol name for SMTP with this security: {@code smtps} for SSL, else {@code smtp}. */
  public static String smtpProtocol(Security s) {
    return s == Security.SSL ? "smtps" : "smtp";
  }

  public static String imapProtocol(Security s) {
    return s == Security.SSL ? "imaps" : "imap";
  }

  /** The session property that holds its {@link SocketLog}. */
  private static final String SOCKETS = "herald.sockets";

  /** The session property that holds its {@link WriteWatchdog}. */
  private static final String WATCHDOG = "herald.watchdog";

  /** The session property that holds the wait for the reply to the end of data. */
  private static final String DATA_TIMEOUT = "herald.data-timeout";

  /**
   * How long to wait for the reply to a message's final "."; {@link ServerConfig#DATA_TIMEOUT} for
   * a session that has none set.
   */
  public static Duration dataTimeout(Session s) {
    Object d = s.getProperties().get(DATA_TIMEOUT);
    return d instanceof Duration t ? t : ServerConfig.DATA_TIMEOUT;
  }

  public static SocketLog sockets(Session s) {
    return (SocketLog) s.getProperties().get(SOCKETS);
  }

  public static WriteWatchdog watchdog(Session s) {
    return (WriteWatchdog) s.getProperties().get(WATCHDOG);
  }

  public static Session smtp(ServerConfig c) {
    return Session.getInstance(properties(smtpProtocol(c.security()), c, true));
  }

  public static Session imap(ServerConfig c) {
    return Session.getInstance(properties(imapProtocol(c.security()), c, false));
  }

  /**
   * An IMAP store of {@code session} (made by {@link #imap}), connected to {@code server} and
   * signed in as {@link ServerConfig#signIn} says.
   */
  public static Store imapStore(Session session, ServerConfig server) throws MessagingException {
    Store s = session.getStore(imapProtocol(server.security()));
    return server.signIn(
        secret -> {
          s.connect(server.host(), server.port(), server.user(), secret);
          return s;
        });
  }

  private static Properties properties(String proto, ServerConfig c, boolean smtp) {
    Properties p = new Properties();
    String k = "mail." + proto + ".";
    p.put(smtp ? "mail.transport.protocol" : "mail.store.protocol", proto);
    p.put(k + "host", c.host());
    p.put(k + "port", String.valueOf(c.port()));
    String ms = String.valueOf(c.timeout().toMillis());
    p.put(k + "connectiontimeout", ms);
    p.put(k + "timeout", ms);
    p.put(k + "writetimeout", ms);
    if (c.user() != null) {
      p.put(k + "auth", "true");
      p.put(k + "user", c.user());
      if (c.token() != null) {
        // SASL XOAUTH2 with the access token as the password; Angus offers it only when asked
        p.put(k + "auth.mechanisms", "XOAUTH2");
        // and never the token as a password to LOGIN, which Angus's IMAP falls back to
        p.put(k + "auth.login.disable", "true");
        p.put(k + "auth.plain.disable", "true");
      }
    }
    if (c.security() == Security.STARTTLS) {
      p.put(k + "starttls.enable", "true");
      p.put(k + "starttls.required", "true");
    }
    SocketLog sockets = new SocketLog();
    p.put(SOCKETS, sockets);
    p.put(WATCHDOG, new WriteWatchdog(c.timeout()));
    p.put(DATA_TIMEOUT, c.dataTimeout());
    if (c.security() != Security.NONE) {
      p.put(k + "ssl.checkserveridentity", "true");
      p.put(
          k + "ssl.socketFactory", new NoDelaySockets.Tls(Tls.socketFactory(c.caFile()), sockets));
      if (c.security() == Security.SSL) {
        p.put(k + "ssl.enable", "true");
      }
      // Angus retries a connection that failed with the given factory with the JDK's default
      // one, whose failure ("unable to find valid certification path") then hides the real cause
      // (an expired certificate, a wrong host name), and which ignores --smtp-ca.
      p.put(k + "socketFactory.fallback", "false");
    }
    if (c.security() != Security.SSL) {
      p.put(k + "socketFactory", new NoDelaySockets.Plain(sockets));
    }
    if (smtp) {
      // A failed RCPT fails the whole message: herald sends one message per contact, and a
      // partial delivery (Cc accepted, contact refused) would be recorded as neither.
      p.put(k + "sendpartial", "false");
    } else {
      // Read message bodies with BODY.PEEK (RFC 3501 section 6.4.5), so that reading a reply
      // never marks it \Seen, even on a server that ignores a folder opened read-only.
      p.put(k + "peek", "true");
    }
    return p;
  }
}
