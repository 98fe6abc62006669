package dev.herald.delivery;

import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.message.MessageBuilder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One SMTP connection, carrying many messages: takes jobs from the queue, sends each, and records
 * its outcome durably in the journal before taking the next, so that a crash can leave at most one
 * message per connection whose fate the journal does not know. Temporary failures are retried with
 * exponential backoff (reconnecting after a 421 or a dropped connection); permanent ones are
 * recorded with the server's reply.
 */
final class SmtpWorker implements Runnable {
  /** A contact with its message, rendered and built, ready for a connection to send. */
  record Ready(Job job, MessageBuilder.Built message) {}

  /** Put once per connection when nothing more will come. */
  static final Ready END = new Ready(null, null);

  private final ServerConfig config;
  private final Session session;
  private final BlockingQueue<Ready> queue;
  private final Journal journal;
  private final String campaign;
  private final RateLimiter rate;
  private final Retry retry;
  private final Tally tally;
  private final AtomicReference<Failure> fatal;
  private final Clock clock;
  private final Runnable onDone;
  private PipeliningTransport transport;

  /** How often and how patiently to retry. */
  record Retry(int attempts, Duration delay) {}

  SmtpWorker(
      ServerConfig config,
      Session session,
      PipeliningTransport connected,
      BlockingQueue<Ready> queue,
      Journal journal,
      String campaign,
      RateLimiter rate,
      Retry retry,
      Tally tally,
      AtomicReference<Failure> fatal,
      Clock clock,
      Runnable onDone) {
    this.config = config;
    this.session = session;
    this.transport = connected;
    this.queue = queue;
    this.journal = journal;
    this.campaign = campaign;
    this.rate = rate;
    this.retry = retry;
    this.tally = tally;
    this.fatal = fatal;
    this.clock = clock;
    this.onDone = onDone;
  }

  /** Opens a connection (and logs in): the caller learns at once if the server is unusable. */
  static PipeliningTransport connect(Session session, ServerConfig config)
      throws MessagingException {
    boolean ssl = config.security() == Security.SSL;
    PipeliningTransport t =
        new PipeliningTransport(
            session,
            new URLName(
                MailSessions.smtpProtocol(config.security()),
                config.host(),
                config.port(),
                null,
                null,
                null),
            ssl);
    t.connect(
        config.host(),
        config.port(),
        config.user(),
        config.password() == null ? null : new String(config.password()));
    return t;
  }

  /** An outcome to journal, and what to count once it is durable. */
  private record Result(JournalEntry entry, Runnable count) {}

  @Override
  public void run() {
    try {
      Ready r = take();
      boolean attemptRecorded = false;
      while (r != END) {
        if (fatal.get() != null) {
          r = take(); // drain without sending: the run is stopping, these stay unsent
          attemptRecorded = false;
          continue;
        }
        Job job = r.job();
        MessageBuilder.Built m = r.message();
        if (!attemptRecorded) {
          journal.appendDurably(attempt(job, m));
        }
        if (job.wasInFlight()) {
          tally.resent(job.contact().email());
        }
        Result outcome = deliver(job, m);
        // The outcome must be on disk before this connection sends again. If the next message is
        // already waiting, its attempt goes to disk in the same write, so that one sync covers
        // both and a crash during the next message still leaves it named as in flight.
        Ready next = poll();
        boolean nextRecorded = false;
        if (outcome != null) {
          try {
            if (next != null && next != END && fatal.get() == null) {
              journal.append(outcome.entry());
              journal.appendDurably(attempt(next.job(), next.message()));
              nextRecorded = true;
            } else {
              journal.appendDurably(outcome.entry());
            }
          } catch (RuntimeException e) {
            // The journal could not be written: a message the server took is then known only as
            // an attempt, and a re-run sends it again. The summary names it.
            if (outcome.entry().outcome() == Outcome.SENT) {
              tally.unjournalled(job.contact().email());
            }
            throw e;
          }
          outcome.count().run();
          onDone.run();
        }
        if (next == null) {
          next = take();
        }
        r = next;
        attemptRecorded = nextRecorded;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // The journal could not be written, memory ran out, or something no one expected: stop the
      // whole run with the reason, rather than let this connection vanish and leave its messages
      // unexplained (and the render threads blocked on a queue nobody takes from).
      fatal.compareAndSet(null, Failure.local(e));
      drain();
    } finally {
      close();
    }
  }

  /** Whether this connection has taken its {@link #END}: then nothing more comes for it. */
  private boolean ended;

  private Ready take() throws InterruptedException {
    Ready r = queue.take();
    ended = r == END;
    return r;
  }

  private Ready poll() {
    Ready r = queue.poll();
    ended = r == END;
    return r;
  }

  /**
   * Takes the remaining messages off the queue without sending them, up to this connection's end,
   * so that nothing blocks on the queue.
   */
  private void drain() {
    try {
      while (!ended) {
        take(); // unsent: the run is stopping
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private JournalEntry attempt(Job job, MessageBuilder.Built m) {
    return entry(job.contact().email(), Outcome.ATTEMPT, "", m.messageId());
  }

  /** Sends one message, retrying as needed; null if the run is stopping. */
  private Result deliver(Job job, MessageBuilder.Built m) throws InterruptedException {
    String rcpt = job.contact().email();
    Failure last = null;
    for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
      if (attempt > 1) {
        backoff(attempt);
      }
      if (fatal.get() != null) {
        return null; // another connection found the server unusable; this one stays unsent
      }
      try {
        // Not transport.isConnected(): on SMTP that sends a NOOP and waits for the reply, a round
        // trip per message. A connection that died shows up as a failed send, and is replaced.
        if (transport == null) {
          transport = connect(session, config);
        }
      } catch (MessagingException e) {
        close();
        last = Failure.of(e);
        if (last.kind() == Failure.Kind.AUTHENTICATION || last.kind() == Failure.Kind.TLS) {
          fatal.compareAndSet(null, last);
          return null;
        }
        continue;
      }
      rate.acquire();
      try {
        transport.send(m);
        String reply = Failure.oneLine(transport.getLastServerResponse());
        return new Result(entry(rcpt, Outcome.SENT, reply, m.messageId()), tally::sent);
      } catch (RuntimeException e) {
        // Jakarta Mail's own state checks (such as "Not connected") on a connection that broke
        // under it: a connection failure like any other.
        close();
        last = new Failure(Failure.Kind.CONNECTION, 0, Failure.oneLine(e.toString()));
        continue;
      } catch (MessagingException e) {
        last = Failure.of(e);
        switch (last.kind()) {
          case PERMANENT -> {
            String reply = last.reply();
            return new Result(
                entry(rcpt, Outcome.FAILED, reply, m.messageId()), () -> tally.failed(rcpt, reply));
          }
          case AUTHENTICATION, TLS -> {
            fatal.compareAndSet(null, last);
            return null;
          }
          case CONNECTION, UNREACHABLE -> close();
          default -> {
            // 4xx at RCPT or DATA: Jakarta Mail has already sent RSET; the connection is usable.
          }
        }
      }
    }
    if (last != null && last.kind() == Failure.Kind.UNREACHABLE) {
      // The server went away mid-run: stop the run; this and the queued messages stay unsent
      // (the attempt is on record), and a re-run continues.
      fatal.compareAndSet(null, last);
      return null;
    }
    String reply = last == null ? "" : last.reply();
    return new Result(
        entry(rcpt, Outcome.DEFERRED, reply, m.messageId()), () -> tally.deferred(rcpt, reply));
  }

  private void backoff(int attempt) throws InterruptedException {
    long base = retry.delay().toMillis() << Math.min(attempt - 2, 10);
    long capped = Math.min(base, 60_000);
    long jitter = capped <= 1 ? 0 : ThreadLocalRandom.current().nextLong(capped / 4 + 1);
    Thread.sleep(capped + jitter);
  }

  private JournalEntry entry(String rcpt, Outcome outcome, String reply, String messageId) {
    return new JournalEntry(clock.instant(), campaign, rcpt, outcome, reply, messageId);
  }

  private void close() {
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException ignored) {
        // the connection is being given up either way
      }
      transport = null;
    }
  }
}
