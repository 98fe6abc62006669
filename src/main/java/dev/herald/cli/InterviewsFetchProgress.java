package dev.herald.cli;

import dev.herald.util.Progress;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * How {@code interviews fetch} shows that a long read is moving: a bar on a terminal; otherwise (a
 * CI log) a line every {@value #EVERY} messages or {@link #EVERY_TIME}, so that a stall shows
 * where.
 */
final class InterviewsFetchProgress {
  private InterviewsFetchProgress() {}

  static final int EVERY = 100;
  static final Duration EVERY_TIME = Duration.ofSeconds(10);

  /** The progress of reading {@code total} messages; none for fewer than {@value #EVERY}. */
  static Progress of(PrintWriter err, int total, boolean terminal) {
    if (total < EVERY) {
      return Progress.none();
    }
    if (terminal) {
      return Progress.bar("Reading replies", total, err);
    }
    return new Lines(err, total);
  }

  /** "read 200/5000 messages" on standard error, for a log that is not a terminal. */
  private static final class Lines implements Progress {
    private final PrintWriter err;
    private final int total;
    private int done;
    private long last = System.nanoTime();

    Lines(PrintWriter err, int total) {
      this.err = err;
      this.total = total;
    }

    @Override
    public void step() {
      done++;
      long now = System.nanoTime();
      if (done % EVERY == 0 || now - last >= EVERY_TIME.toNanos()) {
        last = now;
        err.println("read " + done + "/" + total + " messages");
        err.flush();
      }
    }

    @Override
    public void close() {
      // every line was flushed as it was written: nothing is left to print
    }
  }
}
