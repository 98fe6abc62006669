package dev.herald.delivery;

import dev.herald.mailserver.MailSessions;
import dev.herald.mailserver.SocketLog;
import dev.herald.mailserver.WriteWatchdog;
import dev.herald.util.Bytes;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport, with the means for herald to write commands and messages itself: the
 * socket Angus talks over, writes watched by a watchdog, a reused buffer of commands, and the
 * patient wait for the reply to a message's end. {@link PipeliningTransport} sends with them.
 */
abstract class SmtpWire extends SMTPTransport {
  private static final byte[] CRLF = {'\r', '\n'};

  private final SocketLog sockets;
  private final WriteWatchdog watchdog;
  Socket socket;
  WriteWatchdog.Watched writes;
  private FinalReplyWait finalWait;
  boolean closed;
  final Bytes wire = new Bytes(16 * 1024);

  SmtpWire(Session session, URLName url, boolean ssl) {
    super(session, url, ssl ? "smtps" : "smtp", ssl);
    this.sockets = MailSessions.sockets(session);
    this.watchdog = MailSessions.watchdog(session);
    this.finalWait = new FinalReplyWait(null, null, dataTimeout());
  }

  @Override
  protected synchronized boolean protocolConnect(
      String host, int port, String user, String password) throws MessagingException {
    sockets.forget();
    boolean connected = super.protocolConnect(host, port, user, password);
    closed = false;
    // The socket Angus talks over (after STARTTLS, the TLS one): made on this thread, just now.
    socket = sockets.last();
    if (socket != null) {
      writes = watchdog.watch(socket);
      finalWait = new FinalReplyWait(socket, writes, dataTimeout());
    }
    return connected;
  }

  /** The socket the connection talks over (after STARTTLS, the TLS one); null if not known. */
  synchronized Socket socket() {
    return socket;
  }

  @Override
  public synchronized void close() throws MessagingException {
    if (writes != null) {
      writes.stop();
      writes = null;
    }
    socket = null;
    finalWait = new FinalReplyWait(null, null, dataTimeout());
    closed = true;
    super.close();
  }

  /**
   * The reply to the end of the data, waited for as long as {@code smtp.data-timeout} says (see
   * {@link FinalReplyWait}). No reply in that time, a dropped connection or a reply that is not one
   * (no code, or a code no server may give here) is a {@link NoFinalReply}, and the connection is
   * given up.
   */
  int finalReply() throws MessagingException {
    int code;
    finalWait.begin();
    try {
      code = readServerResponse();
    } catch (MessagingException e) {
      boolean late = finalWait.boundHit();
      drop();
      throw late ? NoFinalReply.timedOut(dataTimeout(), e) : NoFinalReply.of(e, dataTimeout());
    } finally {
      finalWait.end();
    }
    if (finalWait.boundHit()) {
      drop();
      throw NoFinalReply.timedOut(dataTimeout(), null);
    }
    if (!validFinalCode(code)) {
      String said = getLastServerResponse();
      drop();
      throw NoFinalReply.malformed(code, said);
    }
    return code;
  }

  /** 2xx, 4xx or 5xx: the codes a server may answer the end of data with (RFC 5321 4.3.2). */
  private static boolean validFinalCode(int code) {
    return code >= 200 && code < 300 || code >= 400 && code < 600;
  }

  /**
   * Angus's own way of ending a message (for what {@link #send} leaves to Angus), with the same
   * patience and the same verdict when no valid reply comes.
   */
  @Override
  protected void finishData() throws IOException, MessagingException {
    finalWait.begin();
    try {
      super.finishData();
      if (finalWait.boundHit()) {
        drop();
        throw NoFinalReply.timedOut(dataTimeout(), null);
      }
    } catch (SMTPSendFailedException e) {
      if (finalWait.boundHit()) {
        drop();
        throw NoFinalReply.timedOut(dataTimeout(), e);
      }
      if (validFinalCode(e.getReturnCode())) {
        throw e;
      }
      drop();
      throw NoFinalReply.malformed(e.getReturnCode(), getLastServerResponse());
    } catch (NoFinalReply e) {
      throw e;
    } catch (MessagingException e) {
      boolean late = finalWait.boundHit();
      if (late
          || e.getNextException() instanceof IOException
              && String.valueOf(e.getMessage()).startsWith("Exception reading response")) {
        drop();
        throw late ? NoFinalReply.timedOut(dataTimeout(), e) : NoFinalReply.of(e, dataTimeout());
      }
      throw e;
    } finally {
      finalWait.boundHit();
      finalWait.end();
    }
  }

  Duration dataTimeout() {
    return MailSessions.dataTimeout(session);
  }

  void expectSender(InternetAddress from) throws MessagingException {
    int code = readServerResponse();
    if (code != 250) {
      String reply = getLastServerResponse();
      reset();
      throw new SMTPSenderFailedException(
          from, "MAIL FROM:<" + from.getAddress() + ">", code, reply);
    }
  }

  /** RSET after a refused envelope, so that the connection can take the next message. */
  void reset() throws MessagingException {
    wire.reset();
    command("RSET");
    flush();
    if (readServerResponse() != 250) {
      closeQuietly();
    }
  }

  void command(String c) {
    byte[] b = c.getBytes(StandardCharsets.US_ASCII);
    wire.write(b, 0, b.length);
    wire.write(CRLF, 0, 2);
  }

  void flush() throws MessagingException {
    if (writes == null) {
      // Angus closes the connection itself on a reply it cannot parse
      wire.reset();
      throw new MessagingException("the connection to the SMTP server was closed");
    }
    try {
      writes.write(wire.array(), 0, wire.size());
    } catch (IOException e) {
      drop();
      throw new MessagingException("cannot write to the SMTP server: " + e.getMessage(), e);
    }
    wire.reset();
  }

  /** Closes the socket without a word to the server (QUIT would be read as part of a message). */
  void drop() {
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException ignored) {
      // closing is all that is wanted
    }
    closeQuietly();
  }

  void closeQuietly() {
    try {
      close();
    } catch (MessagingException ignored) {
      // the connection is broken either way; the caller reports the write that failed
    }
  }

  static boolean ascii(InternetAddress a) {
    String s = a.getAddress();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
