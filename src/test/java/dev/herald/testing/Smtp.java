package dev.herald.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Command lines and settings for {@code herald send} against a test SMTP server. */
public final class Smtp {
  /**
   * An environment whose retries wait 1 ms instead of seconds, so that a test of retries and
   * backoff takes no time.
   */
  public static final Map<String, String> FAST_RETRIES = Map.of("HERALD_SMTP_RETRY_DELAY_MS", "1");

  private Smtp() {}

  /**
   * {@code send TEMPLATE --smtp-host host --smtp-port port --smtp-security none --yes} and then
   * {@code more}: the sample release to a plain SMTP server, confirmed as a scheduled job would.
   */
  public static String[] send(String host, int port, String... more) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("send", Samples.TEMPLATE));
    args.addAll(List.of("--smtp-host", host, "--smtp-port", String.valueOf(port)));
    args.addAll(List.of("--smtp-security", "none", "--yes"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /**
   * A port on 127.0.0.1 where nothing listens: bound by the operating system's choice and closed
   * again, so nothing else is likely to take it during a test.
   */
  public static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
