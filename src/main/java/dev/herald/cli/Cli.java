package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.util.Json;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds the picocli command line with herald's error handling: a {@link HeraldException} prints
 * its message and ends with its exit code; anything else is a bug, reported as one, with the stack
 * trace only when {@code --stacktrace} is given.
 */
public final class Cli {
  private Cli() {}

  /** The whole command tree, every subcommand built (for tools that walk it). */
  public static CommandLine create(Invocation invocation) {
    return configure(CommandTree.whole(invocation));
  }

  /**
   * The command tree for running {@code args}: only the subcommand they name is built in full
   * ({@link CommandTree}), which starts herald faster.
   */
  public static CommandLine create(Invocation invocation, String... args) {
    return configure(CommandTree.forArgs(invocation, args));
  }

  private static CommandLine configure(CommandLine cl) {
    cl.setExecutionExceptionHandler(Cli::handle);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    SettingsDefaults.install(cl);
    cl.setExecutionStrategy(pr -> run(cl, pr));
    CommandLine.IParameterExceptionHandler usual = cl.getParameterExceptionHandler();
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          if (ex.getCause() instanceof CommandLine.TypeConversionException bad) {
            // herald's converters say what is wrong and what is allowed: no usage dump after it
            return refuse(HeraldException.input(bad.getMessage()), ex.getCommandLine(), args);
          }
          String option = passwordOption(ex);
          if (option == null) {
            return usual.handleParseException(ex, args);
          }
          // picocli would repeat the unknown option and the word after it: the password.
          PrintWriter err = errors(ex.getCommandLine());
          err.println(
              "herald: there is no option "
                  + option
                  + ": herald never takes a password on the command line, where the process list"
                  + " and the shell history would show it. Set HERALD_SMTP_PASSWORD or"
                  + " HERALD_IMAP_PASSWORD in the environment (in CI: from the CI's secrets), or"
                  + " type it when herald asks.");
          err.flush();
          return ExitCodes.INPUT;
        });
    return cl;
  }

  /**
   * Runs {@code cl} with {@code args} and returns the exit code. picocli hands only {@link
   * Exception}s to the execution exception handler; a {@link java.lang.Error} (running out of
   * memory, a stack overflow in a library) would escape as a raw stack trace, so it is caught here
   * and told in words: out of memory with how to give herald more, anything else as a bug.
   */
  public static int execute(CommandLine cl, String... args) {
    try {
      return cl.execute(args);
    } catch (Error e) {
      return handleError(e, cl.getErr(), Arrays.asList(args).contains("--stacktrace"));
    }
  }

  /** Tells the user about an {@link Error}; returns the exit code (1). */
  public static int handleError(Error e, PrintWriter err, boolean trace) {
    if (!(e instanceof OutOfMemoryError)) {
      return internalError(e, err, trace);
    }
    err.println(
        "herald: out of memory ("
            + Display.visible(String.valueOf(e.getMessage()))
            + "). Give herald more with HERALD_JAVA_OPTS=-Xmx2g (or java -Xmx2g -jar …), or"
            + " use fewer --connections. What was journalled is kept; a re-run continues.");
    if (trace) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.INTERNAL;
  }

  /** Anything but a {@link HeraldException} is a bug in herald, and is told as one (exit 1). */
  private static int internalError(Throwable t, PrintWriter err, boolean trace) {
    err.println(
        "herald: internal error: "
            + t.getClass().getSimpleName()
            + (t.getMessage() == null ? "" : ": " + Display.visible(t.getMessage()))
            + "\nThis is a bug in herald, not a problem with your files."
            + (trace ? "" : " Run again with --stacktrace and report what it prints."));
    if (trace) {
      t.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.INTERNAL;
  }

  /** The name of an unknown option that looks like it carries a password, or null. */
  private static String passwordOption(CommandLine.ParameterException ex) {
    if (!(ex instanceof CommandLine.UnmatchedArgumentException u)) {
      return null;
    }
    for (String arg : u.getUnmatched()) {
      if (!arg.startsWith("-")) {
        continue;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (Settings.isSecretName(name)) {
        return name;
      }
    }
    return null;
  }

  /**
   * A value refused while the arguments were read: told as a {@link HeraldException} would be, with
   * the JSON answer when {@code --format json} was asked for.
   */
  private static int refuse(HeraldException h, CommandLine cmd, String[] args) {
    List<String> all = Arrays.asList(args);
    int format = all.indexOf("--format");
    boolean json =
        all.stream().anyMatch(a -> a.equalsIgnoreCase("--format=json"))
            || (format >= 0
                && format + 1 < all.size()
                && all.get(format + 1).equalsIgnoreCase("json"));
    return report(h, cmd, json, all.contains("--stacktrace"));
  }

  /**
   * Runs the command after setting up its output ({@link Output}): the options -q, -v, --color and
   * --no-color are only known once the arguments are read. Under -v, where each setting comes from.
   */
  private static int run(CommandLine cl, CommandLine.ParseResult pr) {
    HeraldCommand root = (HeraldCommand) cl.getCommand();
    try {
      Output output = Output.of(root.output, root.invocation);
      output.install(cl, wantsJson(pr));
      if (output.verbose() && !helpRequested(pr)) {
        SettingsOrigins.print(root, cl.getErr());
      }
    } catch (HeraldException e) {
      throw new CommandLine.ExecutionException(cl, e.getMessage(), e);
    }
    return new CommandLine.RunLast().execute(pr);
  }

  private static boolean helpRequested(CommandLine.ParseResult pr) {
    for (CommandLine.ParseResult r = pr; r != null; r = r.subcommand()) {
      if (r.isUsageHelpRequested() || r.isVersionHelpRequested()) {
        return true;
      }
    }
    return false;
  }

  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    boolean trace = wantsStackTrace(parseResult);
    if (e instanceof HeraldException h) {
      return report(h, cmd, wantsJson(parseResult), trace);
    }
    return internalError(e, cmd.getErr(), trace);
  }

  private static int report(HeraldException h, CommandLine cmd, boolean json, boolean trace) {
    PrintWriter err = errors(cmd);
    err.println("herald: " + Display.visible(h.getMessage()));
    if (json) {
      // a CI job parsing stdout gets an answer it can read on failure too
      cmd.getOut().println(Json.write(errorObject(h.exitCode(), h.getMessage())));
      cmd.getOut().flush();
    }
    if (trace) {
      h.printStackTrace(err);
    }
    err.flush();
    return h.exitCode();
  }

  /**
   * {@code cmd}'s standard error, coloured and wrapped as every error is, also when the command
   * line was refused before the run's output was set up (a bad value, {@code -q} with {@code -v}):
   * then by the terminal, the environment and whichever of {@code --color} and {@code --no-color}
   * was read.
   */
  private static PrintWriter errors(CommandLine cmd) {
    PrintWriter err = cmd.getErr();
    if (err instanceof OutputWriter
        || !(cmd.getCommandSpec().root().userObject() instanceof HeraldCommand root)) {
      return err;
    }
    OutputOptions asked = root.output == null ? new OutputOptions() : root.output;
    OutputOptions options = new OutputOptions();
    options.color = asked.color && !asked.noColor;
    options.noColor = asked.noColor && !asked.color;
    return OutputWriter.over(err, Output.of(options, root.invocation), true);
  }

  private static boolean wantsJson(CommandLine.ParseResult pr) {
    for (CommandLine.ParseResult r = pr; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--format")
          && "json".equalsIgnoreCase(String.valueOf(r.matchedOptionValue("--format", "")))) {
        return true;
      }
    }
    return false;
  }

  private static boolean wantsStackTrace(CommandLine.ParseResult pr) {
    for (CommandLine.ParseResult r = pr; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--stacktrace")) {
        return true;
      }
    }
    return false;
  }

  /** The JSON a failed run prints, its keys always in this order (Map.of's order is not fixed). */
  static Map<String, Object> errorObject(int exitCode, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "error");
    m.put("exit_code", exitCode);
    m.put("error", message);
    return m;
  }
}
