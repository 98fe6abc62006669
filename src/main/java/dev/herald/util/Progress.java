package dev.herald.util;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long run: a bar with count, rate and ETA on a terminal; a plain line every few
 * seconds otherwise (a CI log), so that a job that stalls shows where.
 */
public interface Progress extends AutoCloseable {
  void step();

  /**
   * One more done, with a line that says what became of it ("sent anna@kurier.example: 250 ok"),
   * which only a verbose run shows ({@link #detailed}).
   */
  default void step(String detail) {
    step();
  }

  /**
   * This progress, also printing each step's detail through {@code print} (which keeps it on a line
   * of its own beneath a bar).
   */
  default Progress detailed(java.util.function.Consumer<String> print) {
    Progress inner = this;
    return new Progress() {
      @Override
      public void step() {
        inner.step();
      }

      @Override
      public void step(String detail) {
        print.accept(detail);
        inner.step();
      }

      @Override
      public void note(String line) {
        inner.note(line);
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  /**
   * Prints {@code line} (a retry, say) on its own line, on a terminal and in a CI log alike, so
   * that a wait is never silent.
   */
  default void note(String line) {}

  @Override
  void close();

  static Progress none() {
    return new Progress() {
      @Override
      public void step() {}

      @Override
      public void close() {}
    };
  }

  /**
   * A progress bar redrawn in place on {@code err}, the command's standard error (never the
   * process's own, so that a test or an embedding program sees it where it sees the rest); notes go
   * there too.
   */
  static Progress bar(String task, long total, PrintWriter err) {
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .continuousUpdate()
            .setConsumer(
                new DelegatingProgressBarConsumer(
                    line -> {
                      // carriage return: each drawing replaces the last on the same line
                      synchronized (err) {
                        err.print('\r');
                        err.print(line);
                        err.flush();
                      }
                    }))
            .build();
    long start = System.nanoTime();
    return new Progress() {
      private long done;

      @Override
      public synchronized void step() {
        done++;
        // the bar's own speed shows "0.5/s" for a run held to 30 a minute: ours says "30/min"
        bar.setExtraMessage(rate(done, Duration.ofNanos(System.nanoTime() - start)));
        bar.step();
      }

      @Override
      public void note(String line) {
        // on a line of its own: the bar redraws itself beneath it
        err.println();
        err.println(line);
        err.flush();
      }

      @Override
      public void close() {
        bar.close();
        // the bar's last drawing ends its line, so that what follows starts on one of its own
        err.println();
        err.flush();
      }
    };
  }

  /** A line such as "sent 1200/20000 (240/s, about 1m 20s left)" every {@code every}. */
  static Progress lines(PrintWriter err, String verb, long total, Clock clock, Duration every) {
    return new Progress() {
      private final Instant start = clock.instant();
      private Instant lastLine = start;
      private long done;

      @Override
      public synchronized void step() {
        done++;
        Instant now = clock.instant();
        if (Duration.between(lastLine, now).compareTo(every) >= 0) {
          lastLine = now;
          Duration elapsed = Duration.between(start, now);
          double secs = Math.max(0.001, elapsed.toMillis() / 1000.0);
          double perSecond = done / secs;
          long left = perSecond > 0 ? (long) ((total - done) / perSecond) : 0;
          if (total < 0) {
            err.printf(Locale.ROOT, "%s %d (%s)%n", verb, done, rate(done, elapsed));
            err.flush();
            return;
          }
          err.printf(
              Locale.ROOT,
              "%s %d/%d (%s, about %s left)%n",
              verb,
              done,
              total,
              rate(done, elapsed),
              human(Duration.ofSeconds(left)));
          err.flush();
        }
      }

      @Override
      public synchronized void note(String line) {
        err.println(line);
        err.flush();
      }

      @Override
      public void close() {}
    };
  }

  /**
   * {@code done} messages in {@code elapsed} as a rate people read: per second ({@code 240/s},
   * {@code 2.5/s}), or per minute below one a second ({@code 30/min}, {@code 0.4/min}), where a
   * per-second figure would round to nothing.
   */
  static String rate(long done, Duration elapsed) {
    double perSecond = done / Math.max(0.001, elapsed.toNanos() / 1e9);
    if (perSecond >= 1) {
      return String.format(Locale.ROOT, perSecond >= 10 ? "%.0f/s" : "%.1f/s", perSecond);
    }
    double perMinute = perSecond * 60;
    return String.format(Locale.ROOT, perMinute >= 10 ? "%.0f/min" : "%.1f/min", perMinute);
  }

  /**
   * A wait or a time left: {@code 45s}, {@code 12m 5s} under an hour; longer, in words by {@link
   * Durations#describe} ({@code 3 hours 5 minutes}, {@code 22 days}).
   */
  static String human(Duration d) {
    long s = d.getSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    return Durations.describe(d);
  }
}
