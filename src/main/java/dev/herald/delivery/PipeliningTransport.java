package dev.herald.delivery;

import dev.herald.mailserver.Failure;
import dev.herald.mailserver.MailSessions;
import dev.herald.mailserver.SocketLog;
import dev.herald.mailserver.WriteWatchdog;
import dev.herald.message.MessageBuilder;
import dev.herald.util.Bytes;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
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
  private boolean closed;
  private final Bytes wire = new Bytes(16 * 1024);

  PipeliningTransport(Session session, URLName url, boolean ssl) {
    super(session, url, ssl ? "smtps" : "smtp", ssl);
    this.sockets = MailSessions.sockets(session);
    this.watchdog = MailSessions.watchdog(session);
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
    int[] codes = new int[recipients.size()];
    String[] replies = new String[recipients.size()];
    for (int i = 0; i < recipients.size(); i++) {
      command("RCPT TO:<" + recipients.get(i).getAddress() + ">");
      if (!pipelining) {
        flush();
        codes[i] = readServerResponse();
        replies[i] = getLastServerResponse();
        if (mustStop(codes, i)) {
          reset();
          throw refused(recipients, codes, replies, i + 1);
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
      for (int i = 0; i < codes.length; i++) {
        codes[i] = readServerResponse();
        replies[i] = getLastServerResponse();
      }
      data = dataWithEnvelope ? readServerResponse() : 0;
      int stop = -1;
      for (int i = 0; i < codes.length && stop < 0; i++) {
        if (mustStop(codes, i)) {
          stop = i;
        }
      }
      if (sender != 250 || stop >= 0) {
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
        throw refused(recipients, codes, replies, codes.length);
      }
    }
    List<Tally.Outcome> refusedCopies = new ArrayList<>();
    for (int i = 1; i < codes.length; i++) {
      if (!accepted(codes[i])) {
        refusedCopies.add(
            new Tally.Outcome(recipients.get(i).getAddress(), Failure.oneLine(replies[i])));
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
    stuff(m.wire(), wire, CHUNK, full -> flush());
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
    return List.copyOf(refusedCopies);
  }

  /**
   * Whether the reply to recipient {@code i} fails the whole message: the contact's own refusal, or
   * a 421 to any recipient (the server is closing the connection, RFC 5321 section 3.8).
   */
  private static boolean mustStop(int[] codes, int i) {
    return !accepted(codes[i]) && (i == 0 || codes[i] == 421);
  }

  private static boolean accepted(int code) {
    return code == 250 || code == 251;
  }

  /**
   * Angus's own way, for addresses that need SMTPUTF8 (or no socket known), with the same rule for
   * copies: {@link #rcptTo} below sends the RCPTs one at a time and refuses the message only for
   * the contact's own refusal (or a 421).
   */
  private List<Tally.Outcome> sendPartially(
      MessageBuilder.Built m, List<InternetAddress> recipients) throws MessagingException {
    envelope = recipients;
    refusedCopies = new ArrayList<>();
    try {
      sendMessage(m.message(), recipients.toArray(new Address[0]));
      return List.copyOf(refusedCopies);
    } finally {
      envelope = null;
      refusedCopies = null;
    }
  }

  // Set while sendPartially hands a message to Angus: the envelope, and the copies refused so far.
  private List<InternetAddress> envelope;
  private List<Tally.Outcome> refusedCopies;

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
    int[] codes = new int[envelope.size()];
    String[] replies = new String[envelope.size()];
    for (int i = 0; i < codes.length; i++) {
      sendCommand("RCPT TO:<" + envelope.get(i).getAddress() + ">");
      codes[i] = readServerResponse();
      replies[i] = getLastServerResponse();
      if (mustStop(codes, i)) {
        if (codes[i] != 421) {
          simpleCommand("RSET"); // as Angus does after a refused envelope
        }
        throw refused(envelope, codes, replies, i + 1);
      }
      if (!accepted(codes[i])) {
        refusedCopies.add(
            new Tally.Outcome(envelope.get(i).getAddress(), Failure.oneLine(replies[i])));
      }
    }
  }

  /**
   * The reply to the end of the data, waited for as long as {@code smtp.data-timeout} says (RFC
   * 5321 section 4.5.3.2.6 suggests 10 minutes: a server may scan the message before it answers).
   * No reply in that time, a dropped connection or a reply that is not one (no code, or a code no
   * server may give here) is a {@link NoFinalReply}, and the connection is given up.
   */
  private int finalReply() throws MessagingException {
    int code;
    int normal = soTimeout();
    try {
      setSoTimeout(dataTimeoutMillis());
      boundReply();
      code = readServerResponse();
    } catch (MessagingException e) {
      boolean late = replyBoundHit();
      drop();
      throw late ? NoFinalReply.timedOut(dataTimeout(), e) : NoFinalReply.of(e, dataTimeout());
    } finally {
      setSoTimeout(normal);
    }
    if (replyBoundHit()) {
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
    int normal = soTimeout();
    setSoTimeout(dataTimeoutMillis());
    boundReply();
    try {
      super.finishData();
      if (replyBoundHit()) {
        drop();
        throw NoFinalReply.timedOut(dataTimeout(), null);
      }
    } catch (SMTPSendFailedException e) {
      if (replyBoundHit()) {
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
      boolean late = replyBoundHit();
      if (late
          || e.getNextException() instanceof IOException
              && String.valueOf(e.getMessage()).startsWith("Exception reading response")) {
        drop();
        throw late ? NoFinalReply.timedOut(dataTimeout(), e) : NoFinalReply.of(e, dataTimeout());
      }
      throw e;
    } finally {
      replyBoundHit();
      setSoTimeout(normal);
    }
  }

  /**
   * The whole final reply, not only each line of it, must come within the data timeout: a server
   * sending {@code 250-} continuation lines for ever would otherwise hold the run for ever.
   */
  private void boundReply() {
    if (writes != null) {
      writes.readBy(System.nanoTime() + dataTimeout().toNanos());
    }
  }

  /** Ends {@link #boundReply}; whether the bound is what ended the reply. */
  private boolean replyBoundHit() {
    return writes != null && writes.readDone();
  }

  private Duration dataTimeout() {
    return MailSessions.dataTimeout(session);
  }

  private int dataTimeoutMillis() {
    return (int) Math.min(Integer.MAX_VALUE, dataTimeout().toMillis());
  }

  private int soTimeout() {
    try {
      return socket == null ? -1 : socket.getSoTimeout();
    } catch (IOException e) {
      return -1;
    }
  }

  private void setSoTimeout(int millis) {
    if (socket == null || millis < 0) {
      return;
    }
    try {
      socket.setSoTimeout(millis);
    } catch (IOException e) {
      // a closed socket: the read that follows says so
    }
  }

  /**
   * The whole message went to the server and no valid reply to its end came: the server may have
   * delivered it, so it must not be sent again as if it had not (the outcome is {@code unknown}).
   * The message describes what happened in plain words, never as an exception's name.
   */
  static final class NoFinalReply extends MessagingException {
    private static final long serialVersionUID = 1L;
    private final boolean timedOut;

    private NoFinalReply(String description, boolean timedOut, Exception cause) {
      super(description, cause);
      this.timedOut = timedOut;
    }

    /** Whether the server said nothing within the data timeout (rather than hang up). */
    boolean timedOut() {
      return timedOut;
    }

    static NoFinalReply timedOut(Duration waited, Exception cause) {
      return new NoFinalReply(
          "no reply to the end of data within "
              + (waited.toMillis() % 1000 == 0
                  ? String.valueOf(waited.toSeconds())
                  : String.format(Locale.ROOT, "%.1f", waited.toMillis() / 1000.0))
              + " s (smtp.data-timeout); the server may have delivered it",
          true,
          cause);
    }

    static NoFinalReply of(MessagingException e, Duration waited) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SocketTimeoutException) {
          return timedOut(waited, e);
        }
      }
      return new NoFinalReply(
          "the connection broke after the whole message was sent, before the server replied;"
              + " the server may have delivered it",
          false,
          e);
    }

    static NoFinalReply malformed(int code, String said) {
      String text = Failure.oneLine(said);
      if (code == -1 && (text.isEmpty() || text.equals("[EOF]"))) {
        return new NoFinalReply(
            "the server closed the connection after the whole message was sent, without a reply;"
                + " it may have delivered it",
            false,
            null);
      }
      return new NoFinalReply(
          "no valid reply to the end of data (the server sent: "
              + text
              + "); it may have delivered it",
          false,
          null);
    }
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

  /** As Angus reports refused recipients: a SendFailedException holding each one's reply. */
  private static SendFailedException refused(
      List<InternetAddress> recipients, int[] codes, String[] replies, int answered) {
    MessagingException chain = null;
    SMTPAddressFailedException first = null;
    for (int i = answered - 1; i >= 0; i--) {
      if (accepted(codes[i])) {
        continue;
      }
      InternetAddress r = recipients.get(i);
      SMTPAddressFailedException e =
          new SMTPAddressFailedException(
              r, "RCPT TO:<" + r.getAddress() + ">", codes[i], replies[i]);
      if (chain != null) {
        e.setNextException(chain);
      }
      chain = e;
      first = e;
    }
    return new SendFailedException("Invalid Addresses", first);
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

  /** How much of a message is written to the server at a time: a large one goes in pieces. */
  static final int CHUNK = 64 * 1024;

  /** Takes what {@link #stuff} has put in its buffer so far, and empties it. */
  interface Drain {
    void drain(Bytes full) throws MessagingException;
  }

  /**
   * Copies the message, given in parts, to {@code out} as DATA content (RFC 5321 section 4.5.2):
   * every line end (CR, LF or CRLF, even one split between two parts) as CRLF, a dot at the start
   * of a line doubled, the last line ended, and the ending "." CRLF. Whenever {@code out} holds
   * {@code chunk} bytes or more, {@code drain} takes them, so that a message with a large
   * attachment is never held twice; what is left at the end stays in {@code out}.
   */
  static void stuff(List<byte[]> parts, Bytes out, int chunk, Drain drain)
      throws MessagingException {
    boolean lineStart = true;
    // the previous part ended with CR: an LF starting this one goes with it
    boolean afterCr = false;
    for (byte[] b : parts) {
      int n = b.length;
      int i = 0;
      if (afterCr && n > 0) {
        afterCr = false;
        if (b[0] == '\n') {
          i = 1;
        }
      }
      while (i < n) {
        if (lineStart && b[i] == '.') {
          out.put((byte) '.');
        }
        // the rest of the line within this part, copied as a block
        int end = i;
        while (end < n && b[end] != '\r' && b[end] != '\n') {
          end++;
        }
        out.write(b, i, end - i);
        if (out.size() >= chunk) {
          drain.drain(out);
        }
        if (end == n) {
          lineStart = false; // the line goes on in the next part
          break;
        }
        out.put((byte) '\r');
        out.put((byte) '\n');
        lineStart = true;
        if (b[end] == '\r') {
          if (end + 1 < n) {
            if (b[end + 1] == '\n') {
              end++;
            }
          } else {
            afterCr = true;
          }
        }
        i = end + 1;
      }
    }
    if (!lineStart) {
      out.put((byte) '\r');
      out.put((byte) '\n');
    }
    out.put((byte) '.');
    out.put((byte) '\r');
    out.put((byte) '\n');
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
