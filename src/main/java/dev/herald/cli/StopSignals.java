package dev.herald.cli;

import dev.herald.ExitCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT (Ctrl-C), SIGTERM (a CI job's timeout, {@code kill}) and SIGHUP (a closed terminal
 * or a dropped ssh connection) into an orderly stop of a send, for as long as it is installed: the
 * first one calls {@code stop} with the signal's name, and the run finishes what the server is
 * answering, journals it, prints its summary and exits 5. A second SIGINT stops at once; a SIGTERM
 * after a SIGINT does not, nor does anything after a SIGTERM but a SIGINT (a person pressing Ctrl-C
 * because the orderly stop takes too long).
 *
 * <p>Why {@code sun.misc.Signal} (module jdk.unsupported, present and working in Java 17 and later)
 * and not a shutdown hook: a hook runs only once the JVM has begun to exit, so the run would have
 * to be finished, summarised and printed from inside the hook while {@code main} is still running,
 * the exit code would be the signal's (130, 143) and not herald's documented one, and a hook cannot
 * tell a second Ctrl-C from the first. A handler lets the run end normally on its own thread and
 * return its exit code through {@code Main} like every other outcome.
 *
 * <p>The handlers are installed only around a send (nothing else needs to stop gracefully) and the
 * previous ones are put back on {@link #close}. Where the JVM does not allow a handler (started
 * with {@code -Xrs}), the signal keeps its default effect.
 */
final class StopSignals implements AutoCloseable {
  private final Consumer<String> stop;
  private final PrintWriter err;
  private final List<Installed> installed = new ArrayList<>();
  private boolean interrupted; // guarded by this
  private boolean stopping; // guarded by this

  private record Installed(Signal signal, SignalHandler previous) {}

  private StopSignals(Consumer<String> stop, PrintWriter err) {
    this.stop = stop;
    this.err = err;
  }

  /** Installs the handlers; {@code stop} is called once, on the first signal. */
  static StopSignals install(Consumer<String> stop, PrintWriter err) {
    StopSignals signals = new StopSignals(stop, err);
    // HUP: the terminal window was closed or the ssh connection dropped; as abrupt for the run as
    // a CI timeout, and stopped the same orderly way.
    for (String name : List.of("INT", "TERM", "HUP")) {
      Signal signal = new Signal(name);
      try {
        signals.installed.add(new Installed(signal, Signal.handle(signal, signals::handle)));
      } catch (IllegalArgumentException e) {
        // the JVM keeps this signal for itself (-Xrs): it keeps its default effect
      }
    }
    return signals;
  }

  private void handle(Signal signal) {
    boolean first;
    boolean atOnce;
    synchronized (this) {
      boolean isInt = signal.getName().equals("INT");
      atOnce = isInt && interrupted;
      interrupted |= isInt;
      first = !stopping;
      stopping = true;
    }
    if (atOnce) {
      // A person pressed Ctrl-C twice: they do not want to wait. Replies still awaited are not
      // journalled; their messages are on record as attempts, and a re-run sends them again.
      // halt, not exit: the run's threads are still going and nothing more should be written.
      err.println(
          "herald: stopped at once (Ctrl-C twice). Messages awaiting the server's reply are"
              + " recorded as attempts; a re-run sends them again (at most one per connection may"
              + " arrive twice).");
      err.flush();
      Runtime.getRuntime().halt(ExitCodes.STOPPED);
    }
    if (first) {
      err.println(
          "herald: stopping (SIG"
              + signal.getName()
              + "): no new message is sent; waiting a few seconds for the replies in flight."
              + (signal.getName().equals("INT") ? " Press Ctrl-C again to stop at once." : ""));
      err.flush();
      stop.accept("SIG" + signal.getName());
    }
  }

  /** Puts back the handlers that were there before. */
  @Override
  public void close() {
    for (Installed i : installed) {
      Signal.handle(i.signal(), i.previous());
    }
  }
}
