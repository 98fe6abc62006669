package dev.herald.mailserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories that turn off Nagle's algorithm. SMTP is a lock-step dialogue of small commands;
 * with Nagle on, the end of each message waits for the server's delayed ACK (about 40 ms on Linux),
 * which caps a connection at some 20 messages a second however fast both ends are.
 */
final class NoDelaySockets {
  private NoDelaySockets() {}

  static Socket noDelay(Socket s) throws IOException {
    s.setTcpNoDelay(true);
    return s;
  }

  /** Plain sockets (SMTP without TLS, or before STARTTLS). */
  static final class Plain extends SocketFactory {
    private final SocketLog log;

    Plain(SocketLog log) {
      this.log = log;
    }

    private Socket noDelay(Socket s) throws IOException {
      return log.made(NoDelaySockets.noDelay(s));
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(new Socket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(new Socket(host, port, local, localPort));
    }
  }

  /** TLS sockets, delegating to a factory that carries herald's trust settings. */
  static final class Tls extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final SocketLog log;

    Tls(SSLSocketFactory delegate, SocketLog log) {
      this.delegate = delegate;
      this.log = log;
    }

    private Socket noDelay(Socket s) throws IOException {
      return log.made(NoDelaySockets.noDelay(s));
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return noDelay(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(host, port, local, localPort));
    }
  }
}
