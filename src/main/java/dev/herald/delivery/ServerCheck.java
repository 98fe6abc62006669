package dev.herald.delivery;

import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.mailserver.Failure;
import dev.herald.mailserver.MailSessions;
import dev.herald.mailserver.ServerConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Proves a server's settings without sending: connects as a send would, sets up TLS, signs in, and
 * stops before the first MAIL FROM (for IMAP, before opening a folder). What it learns (the TLS
 * protocol, when the certificate expires, the sign-in methods offered) is the report; a failure is
 * exit 4 with the explanation a send would give.
 */
public final class ServerCheck {
  private ServerCheck() {}

  /** A certificate expiring sooner than this is warned about. */
  public static final Duration EXPIRY_WARNING = Duration.ofDays(14);

  /**
   * What a check found. {@code tlsProtocol} and {@code certificateExpires} are null on a connection
   * without TLS; {@code mechanisms} are the SASL mechanisms the server offered.
   */
  public record Report(
      String protocol,
      ServerConfig server,
      String tlsProtocol,
      Instant certificateExpires,
      List<String> mechanisms) {
    public Report {
      mechanisms = List.copyOf(mechanisms);
    }

    /** The report as lines for a terminal or a CI log; no secret is in it. */
    public List<String> lines(Instant now) {
      String name = protocol.toUpperCase(Locale.ROOT);
      List<String> out = new ArrayList<>();
      out.add(
          name
              + ": "
              + server.address()
              + " ("
              + server.security().label()
              + "): "
              + (server.user() == null
                  ? "connected, no sign-in configured"
                  : "signed in as "
                      + server.user()
                      + (server.token() == null ? " with the password" : " with XOAUTH2"))
              + (protocol.equals("smtp") ? ", nothing sent" : ", nothing changed"));
      out.add(
          "  TLS: "
              + (tlsProtocol == null
                  ? "none (a connection without TLS)"
                  : tlsProtocol
                      + (certificateExpires == null
                          ? ""
                          : ", certificate valid until "
                              + certificateExpires
                              + " ("
                              + days(now)
                              + ")")));
      out.add(
          "  Sign-in methods offered: "
              + (mechanisms.isEmpty() ? "none listed" : String.join(" ", mechanisms)));
      return out;
    }

    /** Warnings: a certificate that expires within {@link #EXPIRY_WARNING}. */
    public List<String> warnings(Instant now) {
      if (certificateExpires == null
          || Duration.between(now, certificateExpires).compareTo(EXPIRY_WARNING) >= 0) {
        return List.of();
      }
      return List.of(
          "the "
              + protocol.toUpperCase(Locale.ROOT)
              + " server's certificate ("
              + server.address()
              + ") expires "
              + days(now)
              + ", on "
              + certificateExpires
              + ": after that no message can be sent over it. Tell the server's administrator,"
              + " before the release goes out.");
    }

    private String days(Instant now) {
      // rounded up: a certificate valid for 2 days and 23 hours expires "in 3 days"
      long h = Duration.between(now, certificateExpires).toHours();
      long d = h <= 0 ? 0 : (h + 23) / 24;
      return d == 0 ? "within a day" : d == 1 ? "in 1 day" : "in " + d + " days";
    }
  }

  /**
   * Connects to the SMTP server, signs in and says QUIT.
   *
   * @throws HeraldException exit 4 with the explanation a send would give
   */
  public static Report smtp(ServerConfig server) {
    Session session = MailSessions.smtp(server);
    PipeliningTransport t;
    try {
      t = PipeliningTransport.connect(session, server);
    } catch (MessagingException e) {
      Failure f = Failure.of(e);
      throw new HeraldException(
          f.kind() == Failure.Kind.LOCAL ? f.code() : ExitCodes.UNDELIVERABLE,
          f.explain(server, "smtp") + " Nothing was sent.",
          e);
    }
    try {
      String auth = t.getExtensionParameter("AUTH");
      List<String> mechanisms =
          auth == null || auth.isBlank()
              ? List.of()
              : Arrays.stream(auth.strip().split("\\s+")).distinct().toList();
      return report("smtp", server, t.socket(), mechanisms);
    } finally {
      try {
        t.close();
      } catch (MessagingException ignored) {
        // the check is done; QUIT failing changes nothing
      }
    }
  }

  /** The SASL mechanisms herald looks for in an IMAP server's capabilities (RFC 3501 AUTH=). */
  private static final List<String> IMAP_MECHANISMS =
      List.of(
          "PLAIN",
          "LOGIN",
          "XOAUTH2",
          "OAUTHBEARER",
          "CRAM-MD5",
          "DIGEST-MD5",
          "SCRAM-SHA-1",
          "SCRAM-SHA-256",
          "NTLM",
          "GSSAPI");

  /**
   * Connects to the IMAP server, signs in and logs out, opening no folder.
   *
   * @throws HeraldException exit 4 with the explanation {@code interviews fetch} would give
   */
  public static Report imap(ServerConfig server) {
    if (server.loginInTheClear()) {
      throw HeraldException.undeliverable(server.plaintextRefusal("imap"), null);
    }
    Session session = MailSessions.imap(server);
    IMAPStore store;
    Socket socket;
    List<String> mechanisms = new ArrayList<>();
    try {
      MailSessions.sockets(session).forget();
      store = (IMAPStore) MailSessions.imapStore(session, server);
      socket = MailSessions.sockets(session).last();
      for (String m : IMAP_MECHANISMS) {
        if (store.hasCapability("AUTH=" + m)) {
          mechanisms.add(m);
        }
      }
    } catch (MessagingException e) {
      throw new HeraldException(
          ExitCodes.UNDELIVERABLE,
          Failure.of(e).explain(server, "imap") + " Nothing was changed.",
          e);
    }
    try {
      return report("imap", server, socket, mechanisms);
    } finally {
      try {
        store.close();
      } catch (MessagingException ignored) {
        // the check is done; LOGOUT failing changes nothing
      }
    }
  }

  private static Report report(
      String protocol, ServerConfig server, Socket socket, List<String> mechanisms) {
    String tls = null;
    Instant expires = null;
    if (socket instanceof SSLSocket ssl) {
      tls = ssl.getSession().getProtocol();
      try {
        Certificate[] chain = ssl.getSession().getPeerCertificates();
        if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
          expires = x.getNotAfter().toInstant();
        }
      } catch (SSLPeerUnverifiedException e) {
        // no certificate to report; the handshake itself verified what it needed
      }
    }
    return new Report(protocol, server, tls, expires, mechanisms);
  }
}
