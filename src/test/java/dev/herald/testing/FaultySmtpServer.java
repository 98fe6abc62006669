package dev.herald.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * A real SMTP server on 127.0.0.1 with a free port, for tests of retries and resumption. It
 * misbehaves as scripted (a 421 greeting, 4xx deferrals at RCPT or at the end of DATA, permanent
 * rejections, connections reset without a reply, AUTH, STARTTLS) and records what it accepted.
 *
 * <pre>{@code
 * try (FaultySmtpServer server = FaultySmtpServer.builder()
 *     .rejectRecipient("gone@example.org", 550, "5.1.1 no such user")
 *     .deferAtRcpt("busy@example.org", 1, 451, "4.3.0 try later")
 *     .dropConnectionAfterMessages(5)
 *     .start()) {
 *   // send to server.host() and server.port(), then
 *   server.awaitAccepted(3, Duration.ofSeconds(5));
 *   assertEquals(1, server.messagesTo("busy@example.org").size());
 * }
 * }</pre>
 *
 * <p>Addresses are compared case-insensitively. Every fault counts attempts across all connections,
 * so "the first N times" means the first N attempts the server saw. Everything that is recorded
 * happens before the client gets the reply it caused, so a test may assert on it as soon as its
 * client call returns or throws. All methods are safe to call while connections are open.
 *
 * <p>What a Jakarta Mail (Angus) client sees of each fault:
 *
 * <ul>
 *   <li>{@link Builder#replyOnConnect}: a plain {@code MessagingException} "Got bad greeting from
 *       SMTP host: ..., response: 421 ..."; {@code SMTPTransport.getLastReturnCode()} is the code.
 *   <li>{@link Builder#rejectRecipient} and {@link Builder#deferAtRcpt}: a {@code
 *       SendFailedException} "Invalid Addresses" (for 4xx too) whose next exception is an {@code
 *       SMTPAddressFailedException} with the code in {@code getReturnCode()}; a 4xx address is
 *       among the valid unsent ones, a 5xx among the invalid. Unless {@code mail.smtp.sendpartial}
 *       is set, one refused recipient stops the whole message.
 *   <li>{@link Builder#deferAtData}: an {@code SMTPSendFailedException} with the code in {@code
 *       getReturnCode()} and the command ".".
 *   <li>A drop, wherever it happens: a {@code MessagingException} "Exception reading response"
 *       caused by a {@code SocketException} "Connection reset"; the transport is then closed.
 *   <li>{@link Builder#requireAuth}: a wrong login is an {@code AuthenticationFailedException} "535
 *       ..."; no login at all is an {@code SMTPSendFailedException} 530 at MAIL FROM.
 * </ul>
 */
public final class FaultySmtpServer implements AutoCloseable {

  private static final String HOST = "127.0.0.1";

  private final Script script;
  private final SMTPServer server;
  private final CountDownLatch closing = new CountDownLatch(1);

  /** Guards every field below; notified on every change so that waits can re-check. */
  private final Object lock = new Object();

  private final List<Received> received = new ArrayList<>();
  private final List<Connection> connections = new ArrayList<>();
  private final Map<Object, Connection> open = new IdentityHashMap<>();
  private final List<String> authenticatedUsers = new ArrayList<>();
  private final Map<String, Integer> rcptDeferralsLeft = new HashMap<>();
  private final Map<String, Integer> dataDeferralsLeft = new HashMap<>();
  private int connectRefusalsLeft;
  private int totalDropsLeft;
  private int maxConcurrent;
  private int dropped;
  private int inFlight;
  private boolean closed;

  private FaultySmtpServer(Script script) {
    this.script = script;
    script.rcptDeferrals().forEach((address, d) -> rcptDeferralsLeft.put(address, d.times()));
    script.dataDeferrals().forEach((address, d) -> dataDeferralsLeft.put(address, d.times()));
    connectRefusalsLeft = script.connectRefusal() == null ? 0 : script.connectRefusal().times();
    totalDropsLeft = script.dropAfterTotalTimes();

    SMTPServer.Builder smtp =
        SMTPServer.port(0)
            .bindAddress(loopback())
            .hostName("localhost")
            .softwareName("FaultySmtpServer")
            .insertReceivedHeaders(false)
            .connectionTimeout(30, TimeUnit.SECONDS)
            .sessionHandler(new Sessions())
            .messageHandlerFactory(this::newTransaction);
    if (script.tokens() != null) {
      smtp.authenticationHandlerFactory(new XOAuth2()).requireAuth();
    } else if (script.username() != null) {
      smtp.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(this::login))
          .requireAuth();
    }
    if (script.implicitTls() != null) {
      smtp.serverSocketFactory(script.implicitTls());
    }
    if (script.tls() != null) {
      smtp.enableTLS().startTlsSocketFactory(script.tls()).requireTLS(script.requireTls());
    }
    this.server = smtp.build();
  }

  /** A builder for a server that accepts everything until faults are added. */
  public static Builder builder() {
    return new Builder();
  }

  /** The address the server listens on: always {@code 127.0.0.1}. */
  public String host() {
    return HOST;
  }

  /** The port the server listens on, chosen by the operating system when it started. */
  public int port() {
    return server.getPortAllocated();
  }

  /** Every message accepted so far, in the order they were accepted. */
  public List<Received> received() {
    synchronized (lock) {
      return List.copyOf(received);
    }
  }

  /** The accepted messages whose envelope includes {@code recipient}. */
  public List<Received> messagesTo(String recipient) {
    String key = normalize(recipient);
    synchronized (lock) {
      return received.stream()
          .filter(r -> r.recipients().stream().anyMatch(a -> normalize(a).equals(key)))
          .toList();
    }
  }

  /** How many messages were accepted so far. */
  public int acceptedCount() {
    synchronized (lock) {
      return received.size();
    }
  }

  /**
   * Waits until at least {@code n} messages were accepted and returns all accepted so far.
   *
   * @throws AssertionError if fewer than {@code n} were accepted within {@code timeout}
   */
  public List<Received> awaitAccepted(int n, Duration timeout) throws InterruptedException {
    synchronized (lock) {
      awaitLocked(() -> received.size(), n, timeout, "accepted messages");
      return List.copyOf(received);
    }
  }

  /**
   * How many messages have been transferred completely but not yet answered, because {@link
   * Builder#delayPerMessage} holds them: a client that dies now dies mid-message.
   */
  public int inFlightCount() {
    synchronized (lock) {
      return inFlight;
    }
  }

  /**
   * Waits until at least {@code n} messages are held between their final dot and their reply (see
   * {@link #inFlightCount()}).
   *
   * @throws AssertionError if that did not happen within {@code timeout}
   */
  public void awaitInFlight(int n, Duration timeout) throws InterruptedException {
    synchronized (lock) {
      awaitLocked(() -> inFlight, n, timeout, "messages in flight");
    }
  }

  /** How many TCP connections were opened so far, refused ones included. */
  public int connectionCount() {
    synchronized (lock) {
      return connections.size();
    }
  }

  /** How many connections were refused with the {@link Builder#replyOnConnect} greeting. */
  public int refusedConnectionCount() {
    synchronized (lock) {
      return (int) connections.stream().filter(c -> c.refused).count();
    }
  }

  /** How many connections were dropped without a reply by a scripted drop. */
  public int droppedConnectionCount() {
    synchronized (lock) {
      return dropped;
    }
  }

  /** How many connections started TLS and then began a mail transaction. */
  public int tlsConnectionCount() {
    synchronized (lock) {
      return (int) connections.stream().filter(c -> c.tls).count();
    }
  }

  /**
   * Messages accepted per connection: connection number (from 1) to count, for every connection
   * opened so far, refused ones included with 0.
   */
  public Map<Integer, Integer> messagesPerConnection() {
    synchronized (lock) {
      Map<Integer, Integer> counts = new TreeMap<>();
      connections.forEach(c -> counts.put(c.number, c.accepted));
      return Collections.unmodifiableMap(counts);
    }
  }

  /** The most connections that were open (greeted with 220) at the same time. */
  public int maxConcurrentConnections() {
    synchronized (lock) {
      return maxConcurrent;
    }
  }

  /** The user names that logged in successfully, one entry per login, in order. */
  public List<String> authenticatedUsers() {
    synchronized (lock) {
      return List.copyOf(authenticatedUsers);
    }
  }

  /**
   * Stops the server: closes every open connection, releases messages held by {@link
   * Builder#delayPerMessage} without accepting them, and waits for the session threads to end.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    closing.countDown();
    server.stop();
  }

  @Override
  public String toString() {
    return "FaultySmtpServer[" + HOST + ":" + port() + ", accepted " + acceptedCount() + "]";
  }

  private FaultySmtpServer startServer() {
    server.start();
    return this;
  }

  private void awaitLocked(IntSupplier value, int n, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (value.getAsInt() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "expected at least "
                + n
                + " "
                + what
                + " within "
                + timeout
                + ", got "
                + value.getAsInt());
      }
      TimeUnit.NANOSECONDS.timedWait(lock, left);
    }
  }

  private void login(String username, String password, MessageContext context)
      throws LoginFailedException {
    boolean ok =
        script.username().equals(username)
            && MessageDigest.isEqual(script.passwordDigest(), sha256(password));
    if (!ok) {
      // SubEthaSMTP answers "535 Authentication credentials invalid" whatever the message.
      throw new LoginFailedException();
    }
    synchronized (lock) {
      authenticatedUsers.add(username);
      lock.notifyAll();
    }
  }

  /**
   * SASL XOAUTH2 as Google and Microsoft define it: the initial response is base64 of {@code
   * user=NAME^Aauth=Bearer TOKEN^A^A}. A token the script does not accept gets 535, as Microsoft
   * 365 answers an expired one.
   */
  private final class XOAuth2 implements org.subethamail.smtp.AuthenticationHandlerFactory {
    @Override
    public List<String> getAuthenticationMechanisms() {
      return List.of("XOAUTH2");
    }

    @Override
    public org.subethamail.smtp.AuthenticationHandler create() {
      return new org.subethamail.smtp.AuthenticationHandler() {
        private String user;

        @Override
        public java.util.Optional<String> auth(String input, MessageContext context)
            throws RejectException {
          String[] words = input.strip().split(" ");
          if (words.length != 3 || !words[1].equalsIgnoreCase("XOAUTH2")) {
            throw new RejectException(501, "5.5.4 XOAUTH2 with an initial response only");
          }
          String sasl = new String(java.util.Base64.getDecoder().decode(words[2]), UTF_8);
          String name = null;
          String token = null;
          for (String part : sasl.split("\u0001")) {
            if (part.startsWith("user=")) {
              name = part.substring(5);
            } else if (part.startsWith("auth=Bearer ")) {
              token = part.substring(12);
            }
          }
          if (!script.username().equals(name) || token == null || !script.tokens().test(token)) {
            throw new RejectException(
                script.tokenRefusal(),
                script.tokenRefusal() == 454
                    ? "4.7.0 Temporary authentication failure: the access token has expired"
                    : "5.7.3 Authentication unsuccessful");
          }
          user = name;
          synchronized (lock) {
            authenticatedUsers.add(name);
            lock.notifyAll();
          }
          return java.util.Optional.empty();
        }

        @Override
        public Object getIdentity() {
          return user;
        }
      };
    }
  }

  private MessageHandler newTransaction(MessageContext context) {
    synchronized (lock) {
      Connection connection = open.get(context);
      if (connection == null) {
        throw new IllegalStateException("mail transaction on an unknown connection");
      }
      return new Transaction(connection);
    }
  }

  /**
   * Decides, with the lock held, whether the current message on {@code connection} triggers a
   * scripted drop, and counts the drop if so.
   */
  private boolean dropDue(Connection connection) {
    boolean perConnection =
        script.dropAfterPerConnection() >= 0
            && connection.accepted >= script.dropAfterPerConnection();
    boolean total =
        script.dropAfterTotal() >= 0
            && received.size() >= script.dropAfterTotal()
            && totalDropsLeft > 0;
    if (total) {
      totalDropsLeft--;
    }
    if (perConnection || total) {
      dropped++;
      return true;
    }
    return false;
  }

  /** Takes one use of a deferral of {@code address}, with the lock held; null if none is left. */
  private static Reply takeDeferral(
      Map<String, Integer> left, Map<String, Deferral> deferrals, String address) {
    Integer times = left.get(address);
    if (times == null || times == 0) {
      return null;
    }
    left.put(address, times - 1);
    return deferrals.get(address).reply();
  }

  private static DropConnectionException abort(Connection connection) {
    Session session = connection.session;
    Socket socket = session.getSocket();
    try {
      // Linger 0 makes close() send a TCP reset: the client reads no reply, not even an EOF
      // after a final line.
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // Already closed: dropped all the same.
    }
    // quit() marks the session as quitting, so SubEthaSMTP sends no "421" of its own and logs
    // nothing, and closes the socket. The response it then tries for the exception below goes
    // to a closed writer and is lost, which is the point.
    session.quit();
    return new DropConnectionException(421, "4.4.2 connection dropped");
  }

  private static String normalize(String address) {
    return address.trim().toLowerCase(Locale.ROOT);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a literal address needs no lookup", e);
    }
  }

  private static void checkReply(int code, String text) {
    if (code < 400 || code > 599) {
      throw new IllegalArgumentException("a failure reply code is 4xx or 5xx, not " + code);
    }
    if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("reply text must be one line: " + text);
    }
  }

  private static void checkTimes(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, not " + times);
    }
  }

  /** One TCP connection, numbered from 1 in the order they were opened. */
  private static final class Connection {
    final int number;
    final Session session;
    boolean refused;
    boolean tls;
    int accepted;

    Connection(int number, Session session) {
      this.number = number;
      this.session = session;
    }
  }

  /** Numbers connections, refuses the first ones if scripted, and counts concurrency. */
  private final class Sessions implements SessionHandler {
    @Override
    public SessionAcceptance accept(Session session) {
      synchronized (lock) {
        Connection connection = new Connection(connections.size() + 1, session);
        connections.add(connection);
        lock.notifyAll();
        if (connectRefusalsLeft > 0) {
          connectRefusalsLeft--;
          connection.refused = true;
          Reply reply = script.connectRefusal().reply();
          // SubEthaSMTP sends "<code> <text>" instead of the 220 greeting, then closes.
          return SessionAcceptance.failure(reply.code(), reply.text());
        }
        open.put(session, connection);
        maxConcurrent = Math.max(maxConcurrent, open.size());
        return SessionAcceptance.success();
      }
    }

    @Override
    public void onSessionEnd(Session session) {
      synchronized (lock) {
        open.remove(session);
        lock.notifyAll();
      }
    }
  }

  /** One mail transaction: SubEthaSMTP makes one per MAIL FROM. */
  private final class Transaction implements MessageHandler {
    private final Connection connection;
    private final List<String> recipients = new ArrayList<>();
    private String from = "";

    Transaction(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void from(String address) throws RejectException {
      from = address == null ? "" : address;
      synchronized (lock) {
        connection.tls |= connection.session.isTLSStarted();
        if (script.dropPoint() != DropPoint.MAIL_FROM || !dropDue(connection)) {
          return;
        }
        lock.notifyAll();
      }
      throw abort(connection);
    }

    @Override
    public void recipient(String address) throws RejectException {
      String key = normalize(address);
      Reply reply;
      synchronized (lock) {
        reply = script.rejections().get(key);
        if (reply == null) {
          reply = takeDeferral(rcptDeferralsLeft, script.rcptDeferrals(), key);
        }
      }
      if (reply != null) {
        throw new RejectException(reply.code(), reply.text());
      }
      recipients.add(address);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
      // Read the whole message first: SubEthaSMTP does not skip what a handler leaves unread
      // when it rejects, and would take the rest of the message for commands.
      byte[] bytes = data.readAllBytes();
      boolean closedMeanwhile = hold();
      Reply deferral = null;
      boolean drop = true;
      synchronized (lock) {
        if (!closedMeanwhile) {
          drop = script.dropPoint() != DropPoint.MAIL_FROM && dropDue(connection);
          if (!drop) {
            deferral = takeDataDeferral();
          }
          // A drop at AFTER_ACCEPT keeps the message it loses the reply of; otherwise only a
          // message that is neither dropped nor deferred is kept.
          if (drop ? script.dropPoint() == DropPoint.AFTER_ACCEPT : deferral == null) {
            received.add(new Received(from, recipients, bytes, connection.number));
            connection.accepted++;
          }
        }
        lock.notifyAll();
      }
      if (drop) {
        throw abort(connection);
      }
      if (script.rawFinalReply() != null && deferral == null) {
        // Straight to the socket, ahead of the reply SubEthaSMTP sends when this returns.
        java.io.OutputStream out = connection.session.getSocket().getOutputStream();
        out.write((script.rawFinalReply() + "\r\n").getBytes(UTF_8));
        out.flush();
      }
      if (deferral != null) {
        throw new RejectException(deferral.code(), deferral.text());
      }
      return null;
    }

    @Override
    public void done() {}

    /** Takes one use of each recipient's end-of-DATA deferral, with the lock held. */
    private Reply takeDataDeferral() {
      Reply first = null;
      for (String recipient : recipients) {
        Reply reply = takeDeferral(dataDeferralsLeft, script.dataDeferrals(), normalize(recipient));
        first = first == null ? reply : first;
      }
      return first;
    }

    /** Holds the reply for the scripted delay; true if the server closed meanwhile. */
    private boolean hold() {
      if (script.delay().isZero()) {
        return false;
      }
      synchronized (lock) {
        inFlight++;
        lock.notifyAll();
      }
      try {
        return closing.await(script.delay().toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      } finally {
        synchronized (lock) {
          inFlight--;
          lock.notifyAll();
        }
      }
    }
  }

  private record Reply(int code, String text) {}

  private record Deferral(Reply reply, int times) {}

  /** What the builder collected, fixed when the server starts. */
  private record Script(
      Deferral connectRefusal,
      Map<String, Reply> rejections,
      Map<String, Deferral> rcptDeferrals,
      Map<String, Deferral> dataDeferrals,
      int dropAfterPerConnection,
      int dropAfterTotal,
      int dropAfterTotalTimes,
      DropPoint dropPoint,
      Duration delay,
      String username,
      byte[] passwordDigest,
      SSLContext tls,
      boolean requireTls,
      String rawFinalReply,
      SSLContext implicitTls,
      java.util.function.Predicate<String> tokens,
      int tokenRefusal) {}

  /**
   * Scripts the faults of a {@link FaultySmtpServer}. Without any, the server accepts every
   * message.
   */
  public static final class Builder {
    private Deferral connectRefusal;
    private final Map<String, Reply> rejections = new LinkedHashMap<>();
    private final Map<String, Deferral> rcptDeferrals = new LinkedHashMap<>();
    private final Map<String, Deferral> dataDeferrals = new LinkedHashMap<>();
    private int dropAfterPerConnection = -1;
    private int dropAfterTotal = -1;
    private int dropAfterTotalTimes;
    private DropPoint dropPoint = DropPoint.END_OF_DATA;
    private Duration delay = Duration.ZERO;
    private String username;
    private byte[] passwordDigest;
    private SSLContext tls;
    private boolean requireTls;
    private String rawFinalReply;
    private SSLContext implicitTls;
    private java.util.function.Predicate<String> tokens;
    private int tokenRefusal = 535;

    private Builder() {}

    /**
     * Offers AUTH XOAUTH2 only, and refuses mail until a client signs in as {@code username} with
     * an access token that {@code tokens} accepts at that moment (it may change its mind, as a
     * token expires); any other gets 535.
     */
    public Builder requireXOAuth2(String username, java.util.function.Predicate<String> tokens) {
      this.username = Objects.requireNonNull(username, "username");
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /**
     * As {@link #requireXOAuth2(String, java.util.function.Predicate)}, refusing with {@code code}
     * (535 or 454).
     */
    public Builder requireXOAuth2(
        String username, java.util.function.Predicate<String> tokens, int code) {
      if (code != 535 && code != 454) {
        throw new IllegalArgumentException("535 or 454, not " + code);
      }
      this.tokenRefusal = code;
      return requireXOAuth2(username, tokens);
    }

    /**
     * Answers the end of every message's DATA first with {@code line} as it is (CRLF added), which
     * need not be a valid reply at all ("OK thanks", a bare "250"); the server's own "250" follows
     * it. The message is recorded as accepted: the server has it, whatever the client makes of the
     * line.
     */
    public Builder rawFinalReply(String line) {
      if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("the line must be one line: " + line);
      }
      this.rawFinalReply = line;
      return this;
    }

    /** Speaks TLS from the first byte (SMTPS, port 465 style) with the key of {@code context}. */
    public Builder implicitTls(SSLContext context) {
      this.implicitTls = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * Greets the first {@code times} connections with {@code code text} (e.g. 421 "4.3.2 busy")
     * instead of 220, then closes them; later connections are greeted normally.
     */
    public Builder replyOnConnect(int code, String text, int times) {
      checkReply(code, text);
      checkTimes(times);
      connectRefusal = new Deferral(new Reply(code, text), times);
      return this;
    }

    /** Rejects {@code address} at RCPT TO, every time, with {@code code text} (e.g. 550). */
    public Builder rejectRecipient(String address, int code, String text) {
      checkReply(code, text);
      rejections.put(normalize(address), new Reply(code, text));
      return this;
    }

    /**
     * Answers RCPT TO for {@code address} with {@code code text} (e.g. 451) the first {@code times}
     * times, then accepts it.
     */
    public Builder deferAtRcpt(String address, int times, int code, String text) {
      checkReply(code, text);
      checkTimes(times);
      rcptDeferrals.put(normalize(address), new Deferral(new Reply(code, text), times));
      return this;
    }

    /**
     * Answers the end of DATA with {@code code text} (e.g. 451) for the first {@code times}
     * messages addressed to {@code address}, then accepts them. The whole message is transferred
     * each time; a deferred one is not recorded.
     */
    public Builder deferAtData(String address, int times, int code, String text) {
      checkReply(code, text);
      checkTimes(times);
      dataDeferrals.put(normalize(address), new Deferral(new Reply(code, text), times));
      return this;
    }

    /**
     * On every connection, drops the connection without a reply at the message after the first
     * {@code n} it accepted there (see {@link #dropAt}). {@code n} may be 0.
     */
    public Builder dropConnectionAfterMessages(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("n must not be negative, not " + n);
      }
      dropAfterPerConnection = n;
      return this;
    }

    /**
     * Once {@code n} messages were accepted in total, drops the connection without a reply at the
     * next {@code times} messages, whichever connections carry them (see {@link #dropAt}); after
     * that, accepts again. {@code times} 1 is a single outage; a large one, a server that dies.
     */
    public Builder dropConnectionAfterTotalMessages(int n, int times) {
      if (n < 0) {
        throw new IllegalArgumentException("n must not be negative, not " + n);
      }
      checkTimes(times);
      dropAfterTotal = n;
      dropAfterTotalTimes = times;
      return this;
    }

    /** Where scripted drops happen; {@link DropPoint#END_OF_DATA} unless set. */
    public Builder dropAt(DropPoint point) {
      dropPoint = Objects.requireNonNull(point, "point");
      return this;
    }

    /**
     * Holds the reply to every message's final dot for {@code delay}, so that connections overlap
     * and a test can act while a message is in flight (see {@link FaultySmtpServer#awaitInFlight}).
     * Closing the server cuts the wait short.
     */
    public Builder delayPerMessage(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative: " + delay);
      }
      this.delay = delay;
      return this;
    }

    /**
     * Offers AUTH PLAIN and LOGIN and refuses mail until a client logs in as {@code username} with
     * {@code password}; a wrong login gets 535. Only a digest of the password is kept, and the
     * password a client sends is never recorded.
     */
    public Builder requireAuth(String username, String password) {
      this.username = Objects.requireNonNull(username, "username");
      this.passwordDigest = sha256(Objects.requireNonNull(password, "password"));
      return this;
    }

    /** Offers STARTTLS with the key and certificate of {@code context}. */
    public Builder startTls(SSLContext context) {
      this.tls = Objects.requireNonNull(context, "context");
      return this;
    }

    /** Refuses every command but EHLO, STARTTLS and QUIT until TLS is started. */
    public Builder requireTls() {
      this.requireTls = true;
      return this;
    }

    /** Starts the server on 127.0.0.1 and a free port. */
    public FaultySmtpServer start() {
      if (requireTls && tls == null) {
        throw new IllegalStateException("requireTls() needs startTls(context)");
      }
      Script script =
          new Script(
              connectRefusal,
              Map.copyOf(rejections),
              Map.copyOf(rcptDeferrals),
              Map.copyOf(dataDeferrals),
              dropAfterPerConnection,
              dropAfterTotal,
              dropAfterTotalTimes,
              dropPoint,
              delay,
              username,
              passwordDigest == null ? null : passwordDigest.clone(),
              tls,
              requireTls,
              rawFinalReply,
              implicitTls,
              tokens,
              tokenRefusal);
      return new FaultySmtpServer(script).startServer();
    }
  }
}
