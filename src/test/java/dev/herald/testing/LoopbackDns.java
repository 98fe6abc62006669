package dev.herald.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DNS server on loopback (UDP, RFC 1035) that answers TXT questions from a table, NXDOMAIN for
 * names it does not hold, and nothing at all when told to be silent: enough to test the SPF, DMARC
 * and DKIM lookups without the internet. Each TXT record is a list of character-strings, so a
 * record split into several strings (as long DKIM keys are) can be served as it is in real zones.
 */
public final class LoopbackDns implements AutoCloseable {
  private static final int TYPE_TXT = 16;

  private final DatagramSocket socket;
  private final Thread thread;
  private final Map<String, List<List<String>>> txt = new ConcurrentHashMap<>();
  private final AtomicInteger questions = new AtomicInteger();
  private volatile boolean silent;
  private volatile boolean serverFailure;

  public LoopbackDns() throws SocketException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "loopback-dns");
    thread.setDaemon(true);
    thread.start();
  }

  /** A server for a whole test class, which ends with the JVM. */
  public static LoopbackDns started() {
    try {
      return new LoopbackDns();
    } catch (SocketException e) {
      throw new IllegalStateException(e);
    }
  }

  /** host:port, as the {@code dns.server} setting takes it. */
  public String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  /** Serves these TXT records at {@code name}, one record a list of character-strings. */
  @SafeVarargs
  public final LoopbackDns txt(String name, List<String>... records) {
    txt.put(name.toLowerCase(Locale.ROOT), List.of(records));
    return this;
  }

  /** Serves one TXT record of one character-string at {@code name}. */
  public LoopbackDns txt(String name, String record) {
    return txt(name, List.of(record));
  }

  /** From now on, reads questions and answers none (a resolver that is not reachable). */
  public void silent() {
    silent = true;
  }

  /** From now on, answers SERVFAIL to every question. */
  public void failing() {
    serverFailure = true;
  }

  public int questions() {
    return questions.get();
  }

  private void serve() {
    byte[] buf = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket in = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(in);
      } catch (IOException e) {
        return;
      }
      questions.incrementAndGet();
      if (silent) {
        continue;
      }
      try {
        byte[] answer = answer(buf);
        socket.send(new DatagramPacket(answer, answer.length, in.getSocketAddress()));
      } catch (IOException | RuntimeException e) {
        // A question this server cannot read gets no answer, like a real one's.
      }
    }
  }

  private byte[] answer(byte[] q) {
    int pos = 12;
    StringBuilder name = new StringBuilder();
    while (q[pos] != 0) {
      int len = q[pos] & 0xff;
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(new String(q, pos + 1, len, StandardCharsets.US_ASCII));
      pos += len + 1;
    }
    pos++;
    int type = ((q[pos] & 0xff) << 8) | (q[pos + 1] & 0xff);
    int questionEnd = pos + 4;
    List<List<String>> records = txt.get(name.toString().toLowerCase(Locale.ROOT));
    int rcode = serverFailure ? 2 : records == null ? 3 : 0;
    List<List<String>> answers = rcode == 0 && type == TYPE_TXT ? records : List.of();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(q[0]);
    out.write(q[1]);
    out.write(0x84 | (q[2] & 0x01)); // QR, AA, and RD copied
    out.write(rcode);
    short16(out, 1);
    short16(out, answers.size());
    short16(out, 0);
    short16(out, 0);
    out.write(q, 12, questionEnd - 12);
    for (List<String> record : answers) {
      out.write(0xc0); // a pointer to the name in the question
      out.write(12);
      short16(out, TYPE_TXT);
      short16(out, 1);
      short16(out, 0);
      short16(out, 60);
      ByteArrayOutputStream rdata = new ByteArrayOutputStream();
      for (String s : record) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        rdata.write(b.length);
        rdata.write(b, 0, b.length);
      }
      short16(out, rdata.size());
      out.write(rdata.toByteArray(), 0, rdata.size());
    }
    return out.toByteArray();
  }

  private static void short16(ByteArrayOutputStream out, int v) {
    out.write(v >> 8);
    out.write(v & 0xff);
  }

  @Override
  public void close() {
    socket.close();
  }
}
