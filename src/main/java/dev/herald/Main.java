package dev.herald;

import dev.herald.cli.Cli;
import dev.herald.cli.Context;

/** The entry point: the only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = Cli.create(Context.system()).execute(args);
    System.out.flush();
    System.exit(code);
  }
}
