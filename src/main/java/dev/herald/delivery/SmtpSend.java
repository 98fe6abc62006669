package dev.herald.delivery;

import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.journal.Journal;
import dev.herald.mailserver.Failure;
import dev.herald.mailserver.MailSessions;
import dev.herald.mailserver.ServerConfig;
import dev.herald.message.MessageBuilder;
import dev.herald.util.Progress;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SMTP way of sending a {@link SendRun}: connects before the first due message, renders the due
 * ones on render threads and hands them to its connections (each an {@link SmtpWorker}, which sends
 * and journals them), then waits for all of them; after a stop, no longer than its grace.
 */
final class SmtpSend {
  private final SendRun run;
  private final SendRun.Options options;
  // the run's: set by the first failure that stops it, or by a stop; every stage checks it
  private final AtomicReference<Failure> fatal;

  SmtpSend(SendRun run, SendRun.Options options, AtomicReference<Failure> fatal) {
    this.run = run;
    this.options = options;
    this.fatal = fatal;
  }

  /** Sends every due message over SMTP. */
  SendRun.Summary send(
      ServerConfig server,
      Journal journal,
      MessageBuilder builder,
      Progress progress,
      Clock clock) {
    Instant start = clock.instant();
    Session session = MailSessions.smtp(server);
    int n = Math.max(1, options.connections());
    BlockingQueue<Job> queue = new ArrayBlockingQueue<>(n * 16);
    // Rendered messages waiting for a connection: enough that none waits for rendering, few
    // enough that memory stays small however large the messages.
    BlockingQueue<SmtpWorker.Ready> ready = new ArrayBlockingQueue<>(n * 2);
    int renderThreads = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors()));
    RenderStage renderers =
        new RenderStage(renderThreads, queue, ready, c -> run.message(c, builder), fatal);
    Tally tally = new Tally();
    RateLimiter rate = new RateLimiter(options.ratePerMinute());
    Retry retry = new Retry(options.attempts(), options.retryDelay(), progress::note);
    String campaign = run.campaign();
    List<Thread> threads = new ArrayList<>();
    SendRun.Plan plan;
    try {
      plan =
          run.plan(
              (e, d) -> {
                if (!d.due() || fatal.get() != null) {
                  return;
                }
                if (threads.isEmpty()) {
                  // The first due message: connect now, so that an unusable server stops the
                  // run before anything is attempted, and a run with nothing due never connects.
                  PipeliningTransport first = connect(session, server, retry);
                  renderers.start();
                  for (int i = 0; i < n; i++) {
                    SmtpWorker w =
                        new SmtpWorker(
                                server,
                                session,
                                i == 0 ? first : null,
                                ready,
                                journal,
                                campaign,
                                rate,
                                retry,
                                tally,
                                fatal,
                                clock,
                                line -> progress.step(Job.describe(line)))
                            .recordingTemplate(run.template())
                            .keepingCopiesIn(run.sentFolder());
                    Thread t = new Thread(w, "herald-smtp-" + (i + 1));
                    t.setDaemon(true);
                    t.start();
                    threads.add(t);
                  }
                }
                Job job = new Job(e.contact(), d == SendRun.Decision.RESEND);
                try {
                  while (fatal.get() == null) {
                    if (queue.offer(job, 100, TimeUnit.MILLISECONDS)) {
                      break;
                    }
                  }
                } catch (InterruptedException ex) {
                  Thread.currentThread().interrupt();
                  throw new HeraldException(1, "interrupted");
                }
              });
    } finally {
      finish(renderers, queue, ready, threads);
    }
    Failure f = fatal.get();
    int attempted = tally.done();
    if (f != null && attempted == 0 && !stopped(f)) {
      throw undeliverable(server, f, null);
    }
    // A connection still running after a stop's grace is waiting for a reply to its one message.
    int unanswered = (int) threads.stream().filter(Thread::isAlive).count();
    return new SendRun.Summary(
        plan,
        tally,
        f,
        plan.due() - attempted,
        unanswered,
        Duration.between(start, clock.instant()),
        null);
  }

  /** A stop (a signal, or a journal that could not be written): the run reports what it did. */
  private static boolean stopped(Failure f) {
    return f.kind() == Failure.Kind.LOCAL && f.code() == ExitCodes.STOPPED;
  }

  /**
   * Ends the feed, then waits for the renderers and the connections; after a stop, no longer than
   * its grace: a connection still waiting for a reply then is left behind (its thread is a daemon,
   * and its message's attempt is in the journal).
   */
  private void finish(
      RenderStage renderers,
      BlockingQueue<Job> queue,
      BlockingQueue<SmtpWorker.Ready> ready,
      List<Thread> threads) {
    if (threads.isEmpty()) {
      return;
    }
    try {
      // Renderers first: once each has taken its end of the feed, every rendered message is in
      // the ready queue, ahead of the connections' ends.
      for (int i = 0; i < renderers.size(); i++) {
        if (!put(queue, RenderStage.END)) {
          return;
        }
      }
      for (Thread t : renderers.threads()) {
        if (!joined(t)) {
          return;
        }
      }
      for (int i = 0; i < threads.size(); i++) {
        if (!put(ready, SmtpWorker.END)) {
          return;
        }
      }
      for (Thread t : threads) {
        if (!joined(t)) {
          return;
        }
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  private PipeliningTransport connect(Session session, ServerConfig server, Retry retry) {
    for (int attempt = 1; ; attempt++) {
      Failure stop = fatal.get();
      if (stop != null) {
        throw new HeraldException(stop.code(), stop.reply() + "; nothing was sent");
      }
      try {
        return PipeliningTransport.connect(session, server);
      } catch (MessagingException e) {
        Failure f = Failure.of(e);
        if (f.kind() != Failure.Kind.CONNECTION || attempt >= options.attempts()) {
          throw undeliverable(server, f, e);
        }
        try {
          retry.pause(server, null, f, attempt + 1);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          throw new HeraldException(1, "interrupted");
        }
      }
    }
  }

  /** Puts {@code item} unless a stop's grace runs out first. */
  private <T> boolean put(BlockingQueue<T> queue, T item) throws InterruptedException {
    while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
      if (run.overdue()) {
        return false;
      }
    }
    return true;
  }

  /** Waits for {@code t} to end unless a stop's grace runs out first. */
  private boolean joined(Thread t) throws InterruptedException {
    while (t.isAlive()) {
      if (run.overdue()) {
        return false;
      }
      t.join(100);
    }
    return true;
  }

  private static HeraldException undeliverable(ServerConfig server, Failure f, Exception cause) {
    if (f.kind() == Failure.Kind.LOCAL) {
      return new HeraldException(
          f.code(), f.explain(server, "smtp") + " Nothing was sent; a re-run continues.", cause);
    }
    return HeraldException.undeliverable(
        f.explain(server, "smtp") + " Nothing was sent; a re-run continues.", cause);
  }
}
