package dev.herald;

import dev.herald.cli.Cli;
import dev.herald.cli.Invocation;
import java.io.PrintWriter;
import java.util.Arrays;

/** The entry point: the only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Jakarta Mail 2.1 looks up its stream provider through ServiceLoader on every header it
    // encodes and every part it writes, re-reading the jar's service files each time; naming the
    // provider makes that a class lookup. Measured: several times the send rate.
    System.setProperty(
        "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    // A thread of herald's own that dies of an Error (a connection out of memory, say) is
    // reported by the run that owns it; this handler only keeps the JVM's raw trace off screen.
    boolean trace = Arrays.asList(args).contains("--stacktrace");
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          if (e instanceof Error error) {
            Cli.handleError(error, new PrintWriter(System.err, true), trace);
          } else {
            System.err.println(
                "herald: internal error in "
                    + thread.getName()
                    + ": "
                    + e.getClass().getSimpleName()
                    + ". This is a bug in herald; run again with --stacktrace and report it.");
            if (trace) {
              e.printStackTrace();
            }
          }
        });
    int code = Cli.execute(Cli.create(Invocation.system(), args), args);
    System.out.flush();
    System.exit(code);
  }
}
