import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that delays every byte by a fixed time in each direction, as a relay far
 * away would: the benchmark's "relay 30 ms away" (bench/send-benchmark.sh). Bytes keep their order
 * and are never throttled: each chunk goes on DELAY ms after it was read, so a client that
 * pipelines pays the round trip once per batch, and one that waits for every reply pays it per
 * command. A single-file program, run by the java launcher without compiling:
 *
 * <pre>java bench/LatencyProxy.java LISTEN_PORT TARGET_PORT ONE_WAY_DELAY_MS</pre>
 *
 * Prints "READY port=P" once listening; runs until killed.
 */
public final class LatencyProxy {
  private static final byte[] EOF = new byte[0];

  private record Chunk(long due, byte[] data) {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: java LatencyProxy.java LISTEN_PORT TARGET_PORT ONE_WAY_DELAY_MS");
      System.exit(2);
    }
    int listen = Integer.parseInt(args[0]);
    int target = Integer.parseInt(args[1]);
    long delayNanos = Long.parseLong(args[2]) * 1_000_000L;
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(loopback, listen), 512);
      System.out.println("READY port=" + server.getLocalPort());
      System.out.flush();
      while (true) {
        Socket client = server.accept();
        Socket upstream = new Socket();
        try {
          upstream.connect(new InetSocketAddress(loopback, target));
        } catch (IOException e) {
          client.close();
          continue;
        }
        // the delay is the proxy's own; Nagle's algorithm must not add another
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        // both sockets close once both directions have ended
        AtomicInteger open = new AtomicInteger(2);
        Runnable ended =
            () -> {
              if (open.decrementAndGet() == 0) {
                closeQuietly(client);
                closeQuietly(upstream);
              }
            };
        pump(client, upstream, delayNanos, ended);
        pump(upstream, client, delayNanos, ended);
      }
    }
  }

  /** Copies from's bytes to to, each chunk DELAY after it was read; EOF is passed on as such. */
  private static void pump(Socket from, Socket to, long delayNanos, Runnable ended) {
    LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              byte[] buf = new byte[65536];
              try {
                InputStream in = from.getInputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                  queue.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buf, n)));
                }
              } catch (IOException e) {
                // the connection is gone: pass the end on, in order
              }
              queue.add(new Chunk(System.nanoTime() + delayNanos, EOF));
            });
    Thread writer =
        new Thread(
            () -> {
              try {
                OutputStream out = to.getOutputStream();
                while (true) {
                  Chunk c = queue.take();
                  long wait = c.due() - System.nanoTime();
                  if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                  }
                  if (c.data() == EOF) {
                    to.shutdownOutput();
                    break;
                  }
                  out.write(c.data());
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // the other side is gone
              } finally {
                ended.run();
              }
            });
    reader.setDaemon(true);
    writer.setDaemon(true);
    reader.start();
    writer.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
