package dev.herald.mailserver;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A write timeout for the connections of one session. A blocking socket write has none of its own:
 * a server that stops reading would hold the sender forever once the buffers fill. Jakarta Mail's
 * answer ({@code writetimeout}) schedules a task on an executor for every write, which costs more
 * than the write; here each write only notes when it started, and one thread looks every so often
 * for a write that has gone on too long and closes its socket, which ends the write with an error.
 */
public final class WriteWatchdog {
  private final long limitNanos;
  private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private Thread thread; // guarded by lock

  WriteWatchdog(Duration limit) {
    this.limitNanos = limit.toNanos();
  }

  /** Starts watching the writes to {@code socket}; {@link Watched#stop} ends it. */
  public Watched watch(Socket socket) {
    Watched w = new Watched(socket);
    watched.add(w);
    synchronized (lock) {
      if (thread == null) {
        thread = new Thread(this::run, "herald-write-watchdog");
        thread.setDaemon(true);
        thread.start();
      }
    }
    return w;
  }

  private void run() {
    long period =
        Math.max(TimeUnit.MILLISECONDS.toNanos(50), Math.min(limitNanos / 4, 1_000_000_000L));
    while (true) {
      try {
        TimeUnit.NANOSECONDS.sleep(period);
      } catch (InterruptedException e) {
        return;
      }
      synchronized (lock) {
        if (watched.isEmpty()) {
          thread = null; // a later watch() starts a new one
          return;
        }
      }
      long now = System.nanoTime();
      for (Watched w : watched) {
        long since = w.since;
        if (since != 0 && now - since > limitNanos) {
          w.expire();
        }
        long readBy = w.readDeadline;
        if (readBy != 0 && now - readBy > 0) {
          w.readExpired = true;
          w.expire();
        }
      }
    }
  }

  /** One connection's writes. */
  public final class Watched {
    private final Socket socket;
    // System.nanoTime() when the write under way began; 0 while none is (a start that falls on 0
    // is noted as 1)
    private volatile long since;
    private volatile boolean expired;
    // System.nanoTime() by which the reply under way must have come; 0 while none is bounded
    private volatile long readDeadline;
    private volatile boolean readExpired;

    private Watched(Socket socket) {
      this.socket = socket;
    }

    /** Writes and flushes, failing with a timeout if the write outlasts the limit. */
    public void write(byte[] b, int off, int len) throws IOException {
      long now = System.nanoTime();
      since = now == 0 ? 1 : now;
      try {
        OutputStream out = socket.getOutputStream();
        out.write(b, off, len);
        out.flush();
      } catch (IOException e) {
        if (expired) {
          SocketTimeoutException t =
              new SocketTimeoutException(
                  "write timed out after "
                      + TimeUnit.NANOSECONDS.toSeconds(limitNanos)
                      + " s: the server stopped reading");
          t.initCause(e);
          throw t;
        }
        throw e;
      } finally {
        since = 0;
      }
    }

    /**
     * Bounds a whole reply, not each read of it: a server that trickles continuation lines ({@code
     * 250-…}) never trips a socket's read timeout, so at {@code deadlineNanos} (a {@link
     * System#nanoTime} value) the socket is closed, ending the read with an error.
     */
    public void readBy(long deadlineNanos) {
      readExpired = false;
      readDeadline = deadlineNanos == 0 ? 1 : deadlineNanos;
    }

    /** Ends the bound {@link #readBy} set; whether it was the deadline that ended the read. */
    public boolean readDone() {
      readDeadline = 0;
      return readExpired;
    }

    private void expire() {
      expired = true;
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing is the whole point; a failure leaves the write to its own fate
      }
    }

    public void stop() {
      watched.remove(this);
    }
  }
}
