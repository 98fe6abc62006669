package dev.herald.delivery;

import dev.herald.HeraldException;
import dev.herald.mailserver.Failure;
import dev.herald.mailserver.MailSessions;
import dev.herald.mailserver.Security;
import dev.herald.mailserver.ServerConfig;
import dev.herald.message.MessageBuilder;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

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
final class PipeliningTransport extends SmtpWire {
  PipeliningTransport(Session session, URLName url, boolean ssl) {
    super(session, url, ssl);
  }

  @Override
  public synchronized void close() throws MessagingException {
    if (presented != null && socket != null && !closed) {
      // an envelope went out early and the server may wait for its data, where QUIT would be read
      // as part of a message: end the connection without a word
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing is all that is wanted
      }
    }
    presented = null;
    presentedAfterFailure = false;
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
    return send(m, null);
  }

  /**
   * As {@link #send(MessageBuilder.Built)}, and, when {@code next} is not null and {@link
   * #canPresent} it, writes {@code next}'s envelope (MAIL FROM, RCPT TO and, for one recipient,
   * DATA) in the same write as this message's final ".", so that the next message waits for no
   * round trip of its own before its body (RFC 2920 lets a client pipeline across transactions). An
   * envelope delivers nothing: {@code next}'s replies are read only when it is sent, by the next
   * call, after the caller has journalled this message's outcome. A caller that will not send
   * {@code next} next on this connection must {@link #abandonPresented} it.
   */
  synchronized List<Tally.Outcome> send(MessageBuilder.Built m, MessageBuilder.Built next)
      throws MessagingException {
    InternetAddress from = m.sender();
    List<InternetAddress> recipients = m.recipients();
    if (presented != null && presented != m) {
      abandonPresented(); // not the message whose envelope went out: never send it under another's
    }
    if (closed) {
      // dropped after a server's misstep: a connection failure, which the caller reconnects after
      throw new MessagingException("the connection to the SMTP server was closed");
    }
    boolean early = presented == m;
    boolean afterFailure = presentedAfterFailure;
    presented = null;
    presentedAfterFailure = false;
    if (!early && (writes == null || !ascii(m))) {
      return sendPartially(m, recipients);
    }
    boolean pipelining = early || supportsExtension("PIPELINING");
    // A single recipient's DATA can go with its RCPT: if the RCPT fails, the server must refuse
    // the DATA too (RFC 2920 section 3.1). With several, DATA waits until the RCPTs are answered,
    // since a DATA accepted after a refused RCPT could only be aborted by dropping the connection.
    boolean dataWithEnvelope = pipelining && recipients.size() == 1;
    RcptReplies answers = new RcptReplies(recipients);
    if (!early) {
      wire.reset();
      command("MAIL FROM:<" + from.getAddress() + ">");
      if (!pipelining) {
        flush();
        expectSender(from);
      }
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
      if (pipelining) {
        flush();
      }
    }
    int data = 0;
    if (pipelining) {
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
        if (early && afterFailure && sender != 250 && !closed) {
          // The previous message was refused at its end, and this server still held its
          // transaction when the early envelope came: the RSET has ended it; send this envelope
          // again, now that it can be judged on its own.
          return send(m, next);
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
    boolean carry = next != null && canPresent(next);
    if (carry) {
      envelope(next);
    }
    flush();
    presented = carry ? next : null;
    // From here on the server has the whole message: whatever goes wrong before a valid reply,
    // it may have delivered it.
    int done = finalReply();
    if (done != 250) {
      String reply = getLastServerResponse();
      if (presented == null) {
        reset(); // as Angus does after any refusal, for servers that keep the transaction open
      } else {
        // no RSET: it would end the next message's transaction; send() above sees to a server
        // that kept this one open
        presentedAfterFailure = true;
      }
      throw new SMTPSendFailedException(
          ".", done, reply, null, null, recipients.toArray(new Address[0]), null);
    }
    return answers.refusedCopies();
  }

  /**
   * Whether {@code next}'s envelope may go out behind the current message's final ".": the server
   * offers PIPELINING and herald writes the message itself (ASCII addresses, a known socket).
   */
  synchronized boolean canPresent(MessageBuilder.Built next) {
    return writes != null && !closed && ascii(next) && supportsExtension("PIPELINING");
  }

  /** Whether an envelope went out early and still waits for its message to be sent. */
  synchronized boolean hasPresented() {
    return presented != null;
  }

  /**
   * Gives up the envelope sent early, as the next message will not follow on this connection now:
   * its replies are read and the transaction reset with RSET, or, if the server already waits for
   * the message's data, the connection is dropped (the only way to end DATA without a message).
   * Afterwards the connection is ready for any message, or closed.
   */
  synchronized void abandonPresented() throws MessagingException {
    MessageBuilder.Built m = presented;
    presented = null;
    presentedAfterFailure = false;
    if (m == null || closed) {
      return;
    }
    readServerResponse(); // MAIL FROM
    for (int i = 0; i < m.recipients().size(); i++) {
      readServerResponse();
    }
    if (m.recipients().size() == 1 && readServerResponse() == 354) {
      drop();
      return;
    }
    reset();
  }

  /** Writes {@code m}'s envelope, as {@link #send} would with PIPELINING, without flushing. */
  private void envelope(MessageBuilder.Built m) {
    command("MAIL FROM:<" + m.sender().getAddress() + ">");
    for (InternetAddress r : m.recipients()) {
      command("RCPT TO:<" + r.getAddress() + ">");
    }
    if (m.recipients().size() == 1) {
      command("DATA");
    }
  }

  private static boolean ascii(MessageBuilder.Built m) {
    return ascii(m.sender()) && m.recipients().stream().allMatch(PipeliningTransport::ascii);
  }

  // The message whose envelope went out behind the previous one's "."; its replies are unread.
  private MessageBuilder.Built presented;
  // Whether the message before it was refused at its end (a server may then still hold it open).
  private boolean presentedAfterFailure;

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
   * Opens a connection and makes it ready to send: TLS as configured, and logged in when a user is
   * configured. The caller learns at once if the server is unusable, before any message is recorded
   * as attempted.
   *
   * @throws HeraldException exit 4 if logging in would send the password in the clear
   */
  static PipeliningTransport connect(Session session, ServerConfig config)
      throws MessagingException {
    if (config.loginInTheClear()) {
      throw HeraldException.undeliverable(config.plaintextRefusal("smtp"), null);
    }
    boolean ssl = config.security() == Security.SSL;
    PipeliningTransport t =
        new PipeliningTransport(
            session,
            new URLName(
                MailSessions.smtpProtocol(config.security()),
                config.host(),
                config.port(),
                null,
                null,
                null),
            ssl);
    config.signIn(
        secret -> {
          t.connect(config.host(), config.port(), config.user(), secret);
          return t;
        });
    if (config.user() != null
        && !t.supportsExtension("AUTH")
        && !t.supportsExtension("AUTH=LOGIN")) {
      // Angus skips the login when the server offers none, and the first MAIL FROM would then be
      // refused with 530: say why now, before anything is recorded as attempted.
      boolean offersTls = t.supportsExtension("STARTTLS");
      t.close();
      throw new Failure.NotReady(
          new Failure(
              offersTls ? Failure.Kind.TLS : Failure.Kind.AUTHENTICATION,
              530,
              offersTls
                  ? "the server offers no login before STARTTLS"
                  : "the server offers no login (AUTH) on this connection"));
    }
    return t;
  }
}
