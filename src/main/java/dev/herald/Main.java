package dev.herald;

import dev.herald.cli.Cli;
import dev.herald.cli.Context;

/** The entry point: the only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Jakarta Mail 2.1 looks up its stream provider through ServiceLoader on every header it
    // encodes and every part it writes, re-reading the jar's service files each time; naming the
    // provider makes that a class lookup. Measured: several times the send rate.
    System.setProperty(
        "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    int code = Cli.create(Context.system()).execute(args);
    System.out.flush();
    System.exit(code);
  }
}
