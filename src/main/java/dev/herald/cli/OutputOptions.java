package dev.herald.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * How much a command says and whether it colours it: {@code -q}, {@code -v}, {@code --color} and
 * {@code --no-color}. Inherited by every command, so that they may come before or after it.
 */
public final class OutputOptions {
  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description =
          "Say only errors and the final summary line; warnings are counted there instead."
              + " JSON output is unchanged.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description =
          "Also say where each setting's value came from, and a line per message sent or reply"
              + " read.")
  boolean verbose;

  @Option(
      names = "--color",
      scope = ScopeType.INHERIT,
      description =
          "Colour errors, warnings and the summary even when not on a terminal (a CI log).")
  boolean color;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "Never colour the output (as NO_COLOR=1 or TERM=dumb do).")
  boolean noColor;
}
