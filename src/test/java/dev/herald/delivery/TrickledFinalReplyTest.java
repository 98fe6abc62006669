package dev.herald.delivery;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.ExitCodes;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.Slow;
import dev.herald.testing.Smtp;
import dev.herald.testing.TestFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * (Found by attacking the promise; fixed.) {@code smtp.data-timeout} was a limit on each read, not
 * on the wait for the final reply: a server that answers the final "." with continuation lines
 * ({@code 250-…}, RFC 5321 section 4.2.1) and never a last line keeps herald waiting for ever, so
 * the run never ends (a CI timeout kills it, and the message is left as an attempt that the re-run
 * sends again) instead of recording {@code unknown} and moving on.
 */
@Slow
class TrickledFinalReplyTest {
  @TempDir Path dir;

  /**
   * Minimal SMTP that, after the final ".", sends "250-still scanning" twice a second, for ever.
   */
  static final class Trickler implements AutoCloseable {
    final ServerSocket socket;
    final Thread thread;

    Trickler() throws IOException {
      socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
      thread = new Thread(this::serve, "trickler");
      thread.setDaemon(true);
      thread.start();
    }

    private void serve() {
      while (!socket.isClosed()) {
        try (Socket c = socket.accept()) {
          c.setSoTimeout(0);
          BufferedReader in =
              new BufferedReader(new InputStreamReader(c.getInputStream(), US_ASCII));
          OutputStream out = c.getOutputStream();
          out.write("220 trickler ESMTP\r\n".getBytes(US_ASCII));
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            String cmd = line.toUpperCase(java.util.Locale.ROOT);
            if (cmd.startsWith("EHLO")) {
              out.write("250-trickler\r\n250 8BITMIME\r\n".getBytes(US_ASCII));
            } else if (cmd.equals("DATA")) {
              out.write("354 go on\r\n".getBytes(US_ASCII));
              for (String l = in.readLine(); l != null && !l.equals("."); l = in.readLine()) {
                // the message
              }
              while (!socket.isClosed()) {
                out.write("250-still scanning\r\n".getBytes(US_ASCII));
                out.flush();
                Thread.sleep(500);
              }
              return;
            } else if (cmd.startsWith("QUIT")) {
              out.write("221 bye\r\n".getBytes(US_ASCII));
              return;
            } else {
              out.write("250 ok\r\n".getBytes(US_ASCII));
            }
            out.flush();
          }
        } catch (IOException e) {
          // the client went away, or the test closed the server
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void aFinalReplyThatNeverEndsIsGivenUpAfterTheDataTimeout() throws Exception {
    Samples.copyTo(dir);
    try (Trickler server = new Trickler()) {
      CompletableFuture<CliRun.Result> run =
          CompletableFuture.supplyAsync(
              () ->
                  CliRun.in(dir)
                      .env(Map.of("HERALD_SMTP_DATA_TIMEOUT", "2", "HERALD_SMTP_TIMEOUT", "2"))
                      .run(
                          Smtp.send(
                              "127.0.0.1", server.port(), "--connections", "1", "--limit", "1")));
      CliRun.Result r;
      try {
        r = run.get(30, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError(
            "still waiting for the final reply after 30 s with smtp.data-timeout = 2 s", e);
      }
      assertEquals(ExitCodes.PARTIAL, r.exitCode(), r::toString);
      assertTrue(TestFiles.read(dir.resolve("logs/sends.csv")).contains(",unknown,"), r::toString);
    }
  }
}
