package dev.herald.delivery;

import dev.herald.contacts.Contact;
import dev.herald.mailserver.Failure;
import dev.herald.message.MessageBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The threads that render messages ahead of the connections: each takes a contact from the feed,
 * renders and builds its message and hands it on ready to send. Rendering thus never waits on the
 * network or on the journal's disk syncs, which the connections spend most of their time on.
 */
final class RenderStage {
  /** Put once per render thread at the end of the feed. */
  static final Job END = new Job(null, false);

  private final List<Thread> threads = new ArrayList<>();

  RenderStage(
      int count,
      BlockingQueue<Job> feed,
      BlockingQueue<SmtpWorker.Ready> ready,
      Function<Contact, MessageBuilder.Built> render,
      AtomicReference<Failure> fatal) {
    for (int i = 0; i < count; i++) {
      Thread t = new Thread(() -> run(feed, ready, render, fatal), "herald-render-" + (i + 1));
      t.setDaemon(true);
      threads.add(t);
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  int size() {
    return threads.size();
  }

  /** The render threads, for a caller that waits for them with a time limit. */
  List<Thread> threads() {
    return List.copyOf(threads);
  }

  /** Waits until every render thread has taken its {@link #END}. */
  void join() throws InterruptedException {
    for (Thread t : threads) {
      t.join();
    }
  }

  private static void run(
      BlockingQueue<Job> feed,
      BlockingQueue<SmtpWorker.Ready> ready,
      Function<Contact, MessageBuilder.Built> render,
      AtomicReference<Failure> fatal) {
    try {
      for (Job job = feed.take(); job != END; job = feed.take()) {
        if (fatal.get() != null) {
          continue; // the run is stopping: take the rest of the feed without rendering it
        }
        MessageBuilder.Built message;
        try {
          message = render.apply(job.contact());
        } catch (RuntimeException e) {
          // The file was validated before sending; this means it changed under us (or a bug).
          fatal.compareAndSet(
              null,
              new Failure(Failure.Kind.INPUT, 0, job.contact().where() + ": " + e.getMessage()));
          continue;
        } catch (Error e) {
          // Out of memory, typically: stop the run and say so. This thread goes on taking the
          // feed without rendering, or the feed would fill and the run never end.
          fatal.compareAndSet(null, Failure.local(e));
          continue;
        }
        ready.put(new SmtpWorker.Ready(job, message));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
