package dev.herald.mailserver;

import java.net.Socket;

/**
 * The socket a thread's factories made last. Jakarta Mail keeps its socket to itself; herald's
 * factories make every socket it uses (the TLS one over the plain one after STARTTLS), so the last
 * one a thread made while connecting is the one the connection talks over.
 */
public final class SocketLog {
  private final ThreadLocal<Socket> last = new ThreadLocal<>();

  <S extends Socket> S made(S s) {
    last.set(s);
    return s;
  }

  public void forget() {
    last.remove();
  }

  public Socket last() {
    Socket s = last.get();
    last.remove();
    return s;
  }
}
