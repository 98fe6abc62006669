package dev.herald.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small SMTP server that offers PIPELINING (RFC 2920) and insists on it: it answers a MAIL FROM
 * only once it has also read the transaction's RCPT TO and DATA, so a client that waits for each
 * reply before the next command stalls here, and a test of pipelining fails instead of passing by
 * accident. SubEthaSMTP and GreenMail do not offer PIPELINING, so herald talks to them one command
 * at a time.
 *
 * <p>Scripted faults: a recipient refused at RCPT, a temporary refusal of the first MAIL FROMs or
 * at the end of DATA for a recipient, DATA accepted after every recipient was refused (a server
 * that breaks RFC 2920), and a server that stops reading in the middle of a message.
 */
public final class PipeliningSmtpServer implements AutoCloseable {
  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Script script;
  private final List<Message> received = new ArrayList<>();
  private int deferMail;
  private final Map<String, Integer> dataDeferrals = new HashMap<>();
  private final CountDownLatch stalled = new CountDownLatch(1);
  private int pipelined;
  private int transactions;
  private int earlyEnvelopes;
  private int inFlight;
  private volatile long delayMillis;

  /** One accepted message: envelope and content as received (dot-stuffing undone). */
  public record Message(String from, List<String> recipients, byte[] content) {
    public String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /** What to do wrong. */
  public record Script(
      Map<String, String> refuse,
      int deferMail,
      Map<String, Integer> deferAtData,
      boolean dataAfterRefusal,
      boolean stopReadingInData,
      boolean permanent) {
    public Script(
        Map<String, String> refuse,
        int deferMail,
        Map<String, Integer> deferAtData,
        boolean dataAfterRefusal,
        boolean stopReadingInData) {
      this(refuse, deferMail, deferAtData, dataAfterRefusal, stopReadingInData, false);
    }

    public static Script none() {
      return new Script(Map.of(), 0, Map.of(), false, false);
    }

    /** The refusals at the end of DATA ({@code deferAtData}) are permanent (554), not 452. */
    public Script permanentAtData() {
      return new Script(refuse, deferMail, deferAtData, dataAfterRefusal, stopReadingInData, true);
    }
  }

  private PipeliningSmtpServer(Script script, int receiveBuffer) throws IOException {
    this.script = script;
    listener = new ServerSocket();
    if (receiveBuffer > 0) {
      listener.setReceiveBufferSize(receiveBuffer);
    }
    listener.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    deferMail = script.deferMail();
    script.deferAtData().forEach((k, v) -> dataDeferrals.put(k.toLowerCase(Locale.ROOT), v));
    threads.submit(this::accept);
  }

  public static PipeliningSmtpServer start(Script script) {
    try {
      // A server that stops reading gets a small window, so that the client's write blocks soon.
      return new PipeliningSmtpServer(script, script.stopReadingInData() ? 4096 : 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return listener.getLocalPort();
  }

  public synchronized List<Message> received() {
    return List.copyOf(received);
  }

  /** Transactions whose RCPT and DATA came before the reply to their MAIL. */
  public synchronized int pipelined() {
    return pipelined;
  }

  public synchronized int transactions() {
    return transactions;
  }

  /**
   * Messages after whose final "." the client had already sent more (the next envelope) before this
   * server replied to the dot: pipelining across transactions.
   */
  public synchronized int earlyEnvelopes() {
    return earlyEnvelopes;
  }

  /**
   * Holds each message this long between taking it (it counts as received) and answering its ".",
   * so that a client killed meanwhile dies with a message the server has but the client does not
   * know is delivered.
   */
  public PipeliningSmtpServer delayPerMessage(java.time.Duration delay) {
    delayMillis = delay.toMillis();
    return this;
  }

  /** Messages received but not yet answered (see {@link #delayPerMessage}). */
  public synchronized int inFlightCount() {
    return inFlight;
  }

  /** Waits until at least {@code n} messages were received; false if not within {@code seconds}. */
  public boolean awaitReceived(int n, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      synchronized (this) {
        if (received.size() >= n) {
          return true;
        }
      }
      Thread.sleep(5);
    }
    return false;
  }

  /** Waits until a connection has stopped reading (for {@code stopReadingInData}). */
  public boolean awaitStall(long seconds) throws InterruptedException {
    return stalled.await(seconds, TimeUnit.SECONDS);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        threads.submit(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      reply(out, "220 pipelining test server");
      List<String> rcpts = new ArrayList<>();
      String line;
      while ((line = readLine(in)) != null) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("EHLO")) {
          reply(out, "250-localhost\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800");
        } else if (upper.startsWith("MAIL FROM:")) {
          if (!transaction(line, in, out, rcpts)) {
            return;
          }
        } else if (!command(line, in, out, "", rcpts)) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /**
   * A transaction from MAIL FROM: the replies wait until the client has sent all it means to
   * without waiting (its RCPTs and, for one recipient, DATA), and the group is answered at once.
   */
  private boolean transaction(String mail, InputStream in, OutputStream out, List<String> rcpts)
      throws IOException {
    String from = address(mail);
    rcpts.clear();
    boolean mailOk;
    synchronized (this) {
      transactions++;
      mailOk = deferMail <= 0;
      deferMail--;
    }
    StringBuilder replies =
        new StringBuilder(mailOk ? "250 2.1.0 ok" : "451 4.3.0 try again later");
    String next = null;
    while (waitForInput(in) && (next = readLine(in)) != null) {
      if (!next.toUpperCase(Locale.ROOT).startsWith("RCPT TO:")) {
        break;
      }
      String r = address(next);
      String refusal = script.refuse().get(r.toLowerCase(Locale.ROOT));
      if (!mailOk) {
        replies.append("\r\n503 5.5.1 need MAIL first");
      } else if (refusal != null) {
        replies.append("\r\n").append(refusal);
      } else {
        replies.append("\r\n250 2.1.5 ok");
        rcpts.add(r);
      }
      next = null;
    }
    if (next != null && next.equalsIgnoreCase("DATA")) {
      synchronized (this) {
        pipelined++;
      }
      boolean accept = mailOk && (!rcpts.isEmpty() || script.dataAfterRefusal());
      replies.append(accept ? "\r\n354 go ahead" : "\r\n554 5.5.1 no valid recipients");
      reply(out, replies.toString());
      return !accept || data(in, out, from, rcpts);
    }
    reply(out, replies.toString());
    return next == null || command(next, in, out, from, rcpts);
  }

  /** Whether input arrives within a moment (what a pipelining client sends comes at once). */
  private static boolean waitForInput(InputStream in) throws IOException {
    for (int i = 0; i < 200; i++) {
      if (in.available() > 0) {
        return true;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** A command outside a pipelined group; false once the connection should end. */
  private boolean command(
      String line, InputStream in, OutputStream out, String from, List<String> rcpts)
      throws IOException {
    String upper = line.toUpperCase(Locale.ROOT);
    if (upper.equals("DATA")) {
      if (rcpts.isEmpty()) {
        reply(out, "554 5.5.1 no valid recipients");
        return true;
      }
      reply(out, "354 go ahead");
      return data(in, out, from, rcpts);
    }
    if (upper.equals("RSET")) {
      rcpts.clear();
      reply(out, "250 2.0.0 reset");
      return true;
    }
    if (upper.equals("QUIT")) {
      reply(out, "221 2.0.0 bye");
      return false;
    }
    if (upper.startsWith("HELO") || upper.equals("NOOP")) {
      reply(out, "250 ok");
      return true;
    }
    reply(out, "502 5.5.2 not implemented");
    return true;
  }

  /** Reads DATA content; false if the connection should end. */
  private boolean data(InputStream in, OutputStream out, String from, List<String> rcpts)
      throws IOException {
    if (script.stopReadingInData()) {
      stalled.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    while (true) {
      String line = readLine(in);
      if (line == null) {
        return false;
      }
      if (line.equals(".")) {
        break;
      }
      if (line.startsWith(".")) {
        line = line.substring(1);
      }
      content.write(line.getBytes(StandardCharsets.ISO_8859_1));
      content.write('\r');
      content.write('\n');
    }
    String deferral = null;
    boolean more = in.available() > 0;
    synchronized (this) {
      if (more) {
        earlyEnvelopes++;
      }
      for (String r : rcpts) {
        Integer left = dataDeferrals.get(r.toLowerCase(Locale.ROOT));
        if (left != null && left > 0) {
          dataDeferrals.put(r.toLowerCase(Locale.ROOT), left - 1);
          deferral =
              script.permanent()
                  ? "554 5.7.1 message refused by content filter"
                  : "452 4.3.1 insufficient system storage";
        }
      }
      if (deferral == null) {
        received.add(new Message(from, List.copyOf(rcpts), content.toByteArray()));
        inFlight++;
      }
    }
    try {
      if (deferral == null && delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      reply(out, deferral != null ? deferral : "250 2.0.0 queued as " + received().size());
    } finally {
      if (deferral == null) {
        synchronized (this) {
          inFlight--;
        }
      }
    }
    rcpts.clear();
    return true;
  }

  private static String address(String command) {
    int open = command.indexOf('<');
    int close = command.indexOf('>', open + 1);
    return open < 0 || close < 0 ? "" : command.substring(open + 1, close);
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** One line without its CRLF (a bare LF also ends it), as ISO-8859-1; null at the end. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int n = s.length();
        if (n > 0 && s.charAt(n - 1) == '\r') {
          s.setLength(n - 1);
        }
        return s.toString();
      }
      s.append((char) c);
    }
    return s.length() == 0 ? null : s.toString();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
