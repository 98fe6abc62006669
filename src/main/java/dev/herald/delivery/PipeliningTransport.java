package dev.herald.delivery;

import dev.herald.mailserver.MailSessions;
import dev.herald.mailserver.SocketLog;
import dev.herald.mailserver.WriteWatchdog;
import dev.herald.message.MessageBuilder;
import dev.herald.util.Bytes;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport with a faster way to send one message: the envelope and DATA go to the
 * server in one write (RFC 2920 command pipelining, when the server offers it) and the message in
 * one more (in 64 KB pieces when it is larger), so a message costs two round trips instead of four
 * or more, and its bytes are written in blocks instead of one at a time through several stream
 * layers.
 *
 * <p>Angus still does everything else: connecting, EHLO, STARTTLS, login, timeouts, reading and
 * parsing every reply, RSET and QUIT. Failures are reported with Angus's own exception types, so
 * that they read and classify exactly as Angus's would.
 */
final class PipeliningTransport extends SMTPTransport {
  private static final byte[] CRLF = {'\r', '\n'};

  private final SocketLog sockets;
  private final WriteWatchdog watchdog;
  private Socket socket;
  private WriteWatchdog.Watched writes;
  private FinalReplyWait finalWait;
  private boolean closed;
  private final Bytes wire = new Bytes(16 * 1024);

  PipeliningTransport(Session session, URLName url, boolean ssl) {
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
   * Sends {@code m} to its envelope recipients, with its sender as the envelope sender; on success
   * the server's reply is {@link #getLastServerResponse()}. Falls back to Angus's own way for what
   * this one does not handle (addresses that would need SMTPUTF8, no socket known).
   *
   * <p>The first envelope recipient is the contact (To); the others are the template's copies (Cc,
   * then Bcc). A refused copy does not stop the message: it goes to the contact and to the copies
   * the server accepted, and the refused copies are returned with the server's replies (as Jakarta
   * Mail's {@code mail.smtp.sendpartial} would, except that the contact's own refusal still fails
   * the whole message, so that no copy goes out for a message the contact did not get). A 421 to
   * any recipient means the server is closing the connection, so it fails the message as before.
   *
   * @return the refused copies, each with the server's reply; empty if every recipient was taken
   */
  synchronized List<Tally.Outcome> send(MessageBuilder.Built m) throws MessagingException {
    InternetAddress from = m.sender();
    List<InternetAddress> recipients = m.recipients();
    if (closed) {
      // dropped after a server's misstep: a connection failure, which the caller reconnects after
      throw new MessagingException("the connection to the SMTP server was closed");
    }
    if (writes == null
        || !ascii(from)
        || !recipients.stream().allMatch(PipeliningTransport::ascii)) {
      return sendPartially(m, recipients);
    }
    boolean pipelining = supportsExtension("PIPELINING");
    // A single recipient's DATA can go with its RCPT: if the RCPT fails, the server must refuse
    // the DATA too (RFC 2920 section 3.1). With several, DATA waits until the RCPTs are answered,
    // since a DATA accepted after a refused RCPT could only be aborted by dropping the connection.
    boolean dataWithEnvelope = pipelining && recipients.size() == 1;
    wire.reset();
    command("MAIL FROM:<" + from.getAddress() + ">");
    if (!pipelining) {
      flush();
      expectSender(from);
    }
    RcptReplies answers = new RcptReplies(recipients);
    for (int i = 0; i < recipients.size(); i++) {
      command("RCPT TO:<" + recipients.get(i).getAddress() + ">");
      if (!pipelining) {
        flush();
        if (answers.stops(i, readServerResponse(), getLastServerResponse())) {
          reset();
          throw answers.refused(i + 1);
        }
      }
    }
    if (dataWithEnvelope) {
      command("DATA");
    }
    int data = 0;
    if (pipelining) {
      flush();
      int sender = readServerResponse();
      String senderReply = getLastServerResponse();
      boolean stop = false;
      for (int i = 0; i < recipients.size(); i++) {
        stop |= answers.stops(i, readServerResponse(), getLastServerResponse());
      }
      data = dataWithEnvelope ? readServerResponse() : 0;
      if (sender != 250 || stop) {
        if (data == 354) {
          // A server that takes DATA with no recipient: drop the transaction with the connection,
          // which is the only way to end DATA without sending a message (RFC 5321 section 3.3).
          drop();
        } else {
          reset();
        }
        if (sender != 250) {
          throw new SMTPSenderFailedException(
              from, "MAIL FROM:<" + from.getAddress() + ">", sender, senderReply);
        }
        throw answers.refused(recipients.size());
      }
    }
    if (!dataWithEnvelope) {
      command("DATA");
      flush();
      data = readServerResponse();
    }
    if (data != 354) {
      String reply = getLastServerResponse();
      reset();
      throw new SMTPSendFailedException("DATA", data, reply, null, null, null, null);
    }
    wire.reset();
    DotStuffing.stuff(m.wire(), wire, DotStuffing.CHUNK, full -> flush());
    flush();
    // From here on the server has the whole message: whatever goes wrong before a valid reply,
    // it may have delivered it.
    int done = finalReply();
    if (done != 250) {
      String reply = getLastServerResponse();
      reset(); // as Angus does after any refusal, for servers that keep the transaction open
      throw new SMTPSendFailedException(
          ".", done, reply, null, null, recipients.toArray(new Address[0]), null);
    }
    return answers.refusedCopies();
  }

  /**
   * Angus's own way, for addresses that need SMTPUTF8 (or no socket known), with the same rule for
   * copies: {@link #rcptTo} below sends the RCPTs one at a time and refuses the message only for
   * the contact's own refusal (or a 421).
   */
  private List<Tally.Outcome> sendPartially(
      MessageBuilder.Built m, List<InternetAddress> recipients) throws MessagingException {
    envelope = recipients;
    try {
      sendMessage(m.message(), recipients.toArray(new Address[0]));
      return envelopeAnswers.refusedCopies();
    } finally {
      envelope = null;
      envelopeAnswers = null;
    }
  }

  // Set while sendPartially hands a message to Angus: the envelope, and the replies to it so far.
  private List<InternetAddress> envelope;
  private RcptReplies envelopeAnswers;

  /**
   * Angus calls this between MAIL FROM and DATA. Its own version fails the whole message for any
   * refused recipient (or, with {@code mail.smtp.sendpartial}, sends it even when the contact was
   * refused); this one follows {@link #send}'s rule instead. Commands go through Angus's {@link
   * #sendCommand}, so addresses are encoded exactly as Angus would encode them.
   */
  @Override
  protected void rcptTo() throws MessagingException {
    if (envelope == null) {
      super.rcptTo();
      return;
    }
    envelopeAnswers = new RcptReplies(envelope);
    for (int i = 0; i < envelope.size(); i++) {
      sendCommand("RCPT TO:<" + envelope.get(i).getAddress() + ">");
      int code = readServerResponse();
      if (envelopeAnswers.stops(i, code, getLastServerResponse())) {
        if (code != 421) {
          simpleCommand("RSET"); // as Angus does after a refused envelope
        }
        throw envelopeAnswers.refused(i + 1);
      }
    }
  }

  /**
   * The reply to the end of the data, waited for as long as {@code smtp.data-timeout} says (see
   * {@link FinalReplyWait}). No reply in that time, a dropped connection or a reply that is not one
   * (no code, or a code no server may give here) is a {@link NoFinalReply}, and the connection is
   * given up.
   */
  private int finalReply() throws MessagingException {
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

  private Duration dataTimeout() {
    return MailSessions.dataTimeout(session);
  }

  private void expectSender(InternetAddress from) throws MessagingException {
    int code = readServerResponse();
    if (code != 250) {
      String reply = getLastServerResponse();
      reset();
      throw new SMTPSenderFailedException(
          from, "MAIL FROM:<" + from.getAddress() + ">", code, reply);
    }
  }

  /** RSET after a refused envelope, so that the connection can take the next message. */
  private void reset() throws MessagingException {
    wire.reset();
    command("RSET");
    flush();
    if (readServerResponse() != 250) {
      closeQuietly();
    }
  }

  private void command(String c) {
    byte[] b = c.getBytes(StandardCharsets.US_ASCII);
    wire.write(b, 0, b.length);
    wire.write(CRLF, 0, 2);
  }

  private void flush() throws MessagingException {
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
  private void drop() {
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException ignored) {
      // closing is all that is wanted
    }
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      close();
    } catch (MessagingException ignored) {
      // the connection is broken either way; the caller reports the write that failed
    }
  }

  private static boolean ascii(InternetAddress a) {
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
