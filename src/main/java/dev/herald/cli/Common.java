package dev.herald.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
public final class Common {
  @Option(
      names = "--stacktrace",
      description = "On an error, also print the Java stack trace (for reporting bugs).")
  boolean stacktrace;
}
