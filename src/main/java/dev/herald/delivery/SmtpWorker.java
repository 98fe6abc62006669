package dev.herald.delivery;

import dev.herald.HeraldException;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.journal.TemplateRecord;
import dev.herald.mailserver.Failure;
import dev.herald.mailserver.ServerConfig;
import dev.herald.message.MessageBuilder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
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

  /** Told of each outcome once it is journalled (progress, and a verbose run's line). */
  private final java.util.function.Consumer<JournalEntry> onDone;

  private PipeliningTransport transport;

  /** Where copies of accepted messages are kept ({@code --save-sent}); null: nowhere. */
  private SentFolder sentFolder;

  /** The template the journal lines name; none unless {@link #recordingTemplate} says. */
  private TemplateRecord template = TemplateRecord.NONE;

  /** Has this connection's journal lines say that they were sent from {@code template}. */
  SmtpWorker recordingTemplate(TemplateRecord template) {
    this.template = template;
    return this;
  }

  /** Keeps a copy of each message this connection has accepted in {@code folder}. */
  SmtpWorker keepingCopiesIn(SentFolder folder) {
    this.sentFolder = folder;
    return this;
  }

  /**
   * A connection that sends the messages {@code queue} holds for {@code campaign}: {@code
   * connected} is its connection, already open, or null to open one for the first message.
   */
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
      java.util.function.Consumer<JournalEntry> onDone) {
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

  /** An outcome to journal, and what to count once it is durable. */
  private record Result(JournalEntry entry, Runnable count) {}

  @Override
  public void run() {
    try {
      Ready r = take();
      boolean attemptRecorded = false;
      while (r != END) {
        if (fatal.get() != null) {
          if (attemptRecorded) {
            // Its attempt went to disk with the previous outcome just before the run stopped;
            // nothing of it but perhaps its envelope reached the server. Say so, or a re-run would
            // call it sent again and the report in flight.
            journal.appendDurably(
                notSent(r.job(), r.message(), "not sent: the run stopped").entry());
          }
          r = take(); // drain without sending: the run is stopping, these stay unsent
          attemptRecorded = false;
          continue;
        }
        Job job = r.job();
        MessageBuilder.Built m = r.message();
        if (!attemptRecorded) {
          journal.appendDurably(entry(job, Outcome.ATTEMPT, "", m));
        }
        if (job.wasInFlight()) {
          tally.resent(job.contact().email());
        }
        Result outcome = deliver(job, m);
        // The outcome must be on disk before this connection sends again. If the next message is
        // already waiting, its attempt goes to disk in the same write, so that one sync covers
        // both and a crash during the next message still leaves it named as in flight. Its
        // envelope may already be at the server (taken early, below): an envelope delivers
        // nothing, and its body goes only after this write.
        Ready next = taken != null ? taken : poll();
        taken = null;
        boolean nextRecorded = false;
        if (outcome != null) {
          try {
            if (next != null && next != END && fatal.get() == null) {
              journal.append(outcome.entry());
              journal.appendDurably(entry(next.job(), Outcome.ATTEMPT, "", next.message()));
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
          if (sentFolder != null && outcome.entry().outcome() == Outcome.SENT) {
            // after the sent line is on disk: a copy is never kept of a message not known as sent
            sentFolder.save(job.contact().email(), m);
          }
          onDone.accept(outcome.entry());
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

  /**
   * Sends one message, retrying as needed. When the run stops meanwhile, the message is recorded as
   * deferred with the reason, since none of its tries reached the server whole: its attempt must
   * not make the next run think it might have gone.
   */
  private Result deliver(Job job, MessageBuilder.Built m) throws InterruptedException {
    String rcpt = job.contact().email();
    Failure last = null;
    boolean connectFailed = false;
    for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
      if (attempt > 1) {
        retry.pause(config, connectFailed ? null : rcpt, last, attempt);
      }
      connectFailed = false;
      if (fatal.get() != null) {
        // another connection found the server unusable; this one stays unsent
        return notSent(job, m, last == null ? "not sent: the run stopped" : last.reply());
      }
      try {
        // Not transport.isConnected(): on SMTP that sends a NOOP and waits for the reply, a round
        // trip per message. A connection that died shows up as a failed send, and is replaced.
        if (transport == null) {
          transport = PipeliningTransport.connect(session, config);
        }
      } catch (HeraldException e) {
        // No access token could be had (the token command failed, the token endpoint refused,
        // a token from the environment expired): nothing more can be sent on any connection.
        close();
        fatal.compareAndSet(null, Failure.local(e));
        return notSent(job, m, Failure.oneLine(e.getMessage()));
      } catch (MessagingException e) {
        close();
        last = Failure.of(e);
        connectFailed = true;
        if (last.kind() == Failure.Kind.AUTHENTICATION || last.kind() == Failure.Kind.TLS) {
          fatal.compareAndSet(null, last);
          return notSent(job, m, last.reply());
        }
        continue;
      }
      if (paidFor != m) {
        rate.acquire();
      }
      paidFor = null;
      try {
        List<Tally.Outcome> refusedCopies = transport.send(m, following());
        tally.finalReply();
        String reply = Failure.oneLine(transport.getLastServerResponse());
        return new Result(
            entry(job, Outcome.SENT, reply, m),
            () -> {
              tally.sent();
              refusedCopies.forEach(tally::refusedCopy);
            });
      } catch (NoFinalReply e) {
        // The whole message went out: sending it again could deliver it twice (RFC 5321 section
        // 4.5.3.2.6 is why the wait is long). Recorded as unknown, not retried.
        close();
        String reply = Failure.oneLine(e.getMessage());
        if (e.timedOut() && tally.dataTimeout() >= STALLS) {
          fatal.compareAndSet(
              null,
              new Failure(
                  Failure.Kind.CONNECTION,
                  0,
                  "the server did not answer the end of "
                      + STALLS
                      + " messages in a row within "
                      + config.dataTimeout().toSeconds()
                      + " s (smtp.data-timeout), so herald stopped rather than send every message"
                      + " into a stall; those messages are recorded as unknown"));
        } else if (!e.timedOut()) {
          tally.finalReply();
        }
        return new Result(entry(job, Outcome.UNKNOWN, reply, m), () -> tally.unknown(rcpt, reply));
      } catch (RuntimeException e) {
        // Jakarta Mail's own state checks (such as "Not connected") on a connection that broke
        // under it, or a bug: retried on a fresh connection, and recorded as herald's failure,
        // never as something the server said.
        close();
        last =
            new Failure(
                Failure.Kind.CONNECTION,
                0,
                Failure.oneLine(
                    "not sent: herald failed while sending, not the server ("
                        + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + ")"));
        continue;
      } catch (MessagingException e) {
        last = Failure.of(e);
        if (last.code() > 0) {
          tally.finalReply(); // the server answers: not a stall
        }
        switch (last.kind()) {
          case PERMANENT -> {
            String reply = last.reply();
            return new Result(
                entry(job, Outcome.FAILED, reply, m), () -> tally.failed(rcpt, reply));
          }
          case AUTHENTICATION, TLS -> {
            fatal.compareAndSet(null, last);
            return notSent(job, m, last.reply());
          }
          case CONNECTION, UNREACHABLE -> close();
          default -> {
            // 4xx at RCPT or DATA: Jakarta Mail has already sent RSET; the connection is usable.
            // An envelope sent early for the next message must go: this one is tried again first.
            abandonPresented();
          }
        }
      }
    }
    if (last != null && last.kind() == Failure.Kind.UNREACHABLE) {
      // The server went away mid-run: stop the run; this and the queued messages stay unsent, and
      // a re-run continues.
      fatal.compareAndSet(null, last);
      return notSent(job, m, last.reply());
    }
    String reply = last == null ? "" : last.reply();
    return new Result(entry(job, Outcome.DEFERRED, reply, m), () -> tally.deferred(rcpt, reply));
  }

  /**
   * The next message, taken from the queue now so that its envelope can go out behind this one's
   * final "." (see {@link PipeliningTransport#send(MessageBuilder.Built, MessageBuilder.Built)}),
   * or null to send none early: none is waiting, the run is stopping, the server does not pipeline,
   * or the rate limit does not allow the next message yet (an envelope is never sent for a message
   * before its time).
   */
  private MessageBuilder.Built following() {
    if (fatal.get() != null) {
      return null;
    }
    if (taken == null) {
      taken = poll();
    }
    if (taken == null || taken == END || !transport.canPresent(taken.message())) {
      return null;
    }
    MessageBuilder.Built next = taken.message();
    if (paidFor != next && !rate.tryAcquire()) {
      return null;
    }
    paidFor = next;
    return next;
  }

  /**
   * Gives up an envelope sent early (see {@link #following}); closes the connection if that fails.
   */
  private void abandonPresented() {
    if (transport == null || !transport.hasPresented()) {
      return;
    }
    try {
      transport.abandonPresented();
    } catch (MessagingException e) {
      close();
    }
  }

  // The next message, taken from the queue early by following(); null if none.
  private Ready taken;
  // The message whose slot of the rate limit is already taken (its envelope went out early).
  private MessageBuilder.Built paidFor;

  /** Consecutive data timeouts on one server after which the run stops. */
  static final int STALLS = 3;

  /**
   * A message the run stopped before it reached the server: recorded as deferred, so that the next
   * run sends it as new rather than warn of a duplicate that cannot have happened; not counted (the
   * summary lists it as not attempted).
   */
  private Result notSent(Job job, MessageBuilder.Built m, String reason) {
    return new Result(entry(job, Outcome.DEFERRED, reason, m), () -> {});
  }

  /** The journal line that says how {@code m} to the job's recipient went. */
  private JournalEntry entry(Job job, Outcome outcome, String reply, MessageBuilder.Built m) {
    return Job.entry(clock.instant(), campaign, job.contact(), outcome, reply, m, template);
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
