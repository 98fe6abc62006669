package dev.herald.cli;

import dev.herald.HeraldException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * How a command's output looks, decided once per run from {@code -q}, {@code -v}, {@code --color},
 * {@code --no-color}, the environment and the terminal: how much is said, whether errors, warnings
 * and the summary are coloured, and the width prose is wrapped at. Views mark the lines that are
 * not plain prose with {@link #summary}, {@link #warning}, {@link #error} and {@link #detail}; the
 * command's writers ({@link OutputWriter}) do the rest.
 */
final class Output {
  /** The narrowest width prose is wrapped at, however narrow the terminal says it is. */
  static final int MIN_WIDTH = 40;

  /** The narrowest help picocli lays out. */
  private static final int HELP_MIN_WIDTH = 55;

  /** How much a run says. */
  enum Level {
    QUIET,
    NORMAL,
    VERBOSE
  }

  /** What a line is: what quiet keeps, and how it is coloured. */
  enum Kind {
    PLAIN,
    WARNING,
    ERROR,
    SUMMARY_OK,
    SUMMARY_FAILED,
    DETAIL
  }

  final Level level;
  final boolean colour;

  /** The width prose is wrapped at; 0: not wrapped (not a terminal). */
  final int width;

  /** Warnings that quiet did not show, for the summary line to count. */
  final AtomicInteger hiddenWarnings = new AtomicInteger();

  Output(Level level, boolean colour, int width) {
    this.level = level;
    this.colour = colour;
    this.width = width;
  }

  /**
   * The output {@code options} ask for in {@code invocation}'s environment. Output counts as a
   * terminal when a person is there ({@link Invocation.Terminal#interactive}) and {@code TERM} is
   * set; colour is also off under {@code TERM=dumb} and a non-empty {@code NO_COLOR}
   * (no-color.org), unless {@code --color} forces it.
   */
  static Output of(OutputOptions options, Invocation invocation) {
    if (options.quiet && options.verbose) {
      throw HeraldException.input(
          "-q/--quiet and -v/--verbose were both given: they ask for less and for more; give one"
              + " of them");
    }
    if (options.color && options.noColor) {
      throw HeraldException.input(
          "--color and --no-color were both given: give one of them (--color forces colour on"
              + " where there is no terminal, --no-color turns it off)");
    }
    Map<String, String> env = invocation.env();
    String term = env.getOrDefault("TERM", "");
    boolean terminal = invocation.terminal().interactive() && !term.isBlank();
    boolean colour =
        options.color
            || !options.noColor
                && terminal
                && !term.strip().equalsIgnoreCase("dumb")
                && env.getOrDefault("NO_COLOR", "").isEmpty();
    Level level = options.quiet ? Level.QUIET : options.verbose ? Level.VERBOSE : Level.NORMAL;
    return new Output(level, colour, terminal ? width(env) : 0);
  }

  /** COLUMNS if it is a number, else what picocli finds out from the terminal, else 80. */
  static int width(Map<String, String> env) {
    String columns = env.getOrDefault("COLUMNS", "").strip();
    int w;
    try {
      w = Integer.parseInt(columns);
    } catch (NumberFormatException e) {
      w = new CommandLine.Model.UsageMessageSpec().autoWidth(true).width();
    }
    return Math.max(MIN_WIDTH, w);
  }

  boolean quiet() {
    return level == Level.QUIET;
  }

  boolean verbose() {
    return level == Level.VERBOSE;
  }

  /**
   * Routes {@code cl}'s standard output and error (and its subcommands') through this output;
   * standard output stays untouched when it carries JSON ({@code json}). Help is coloured and
   * wrapped as the rest is.
   */
  void install(CommandLine cl, boolean json) {
    if (!json) {
      cl.setOut(OutputWriter.over(cl.getOut(), this, false));
    }
    cl.setErr(OutputWriter.over(cl.getErr(), this, true));
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(colour ? Ansi.ON : Ansi.OFF));
    if (width > 0) {
      cl.setUsageHelpWidth(Math.max(HELP_MIN_WIDTH, width)); // picocli refuses narrower help
    }
  }

  /** Prints {@code line} as the run's final summary: coloured for success or failure. */
  static void summary(PrintWriter out, boolean ok, String line) {
    marked(out, ok ? Kind.SUMMARY_OK : Kind.SUMMARY_FAILED, line);
  }

  /** Prints {@code line} as a warning: yellow; counted, not shown, under {@code -q}. */
  static void warning(PrintWriter out, String line) {
    marked(out, Kind.WARNING, line);
  }

  /** Prints {@code line} as an error or a problem: red; shown under {@code -q} too. */
  static void error(PrintWriter out, String line) {
    marked(out, Kind.ERROR, line);
  }

  /** Whether {@code out} is a command's writer in a run with {@code -v}. */
  static boolean verbose(PrintWriter out) {
    return out instanceof OutputWriter w && w.level() == Level.VERBOSE;
  }

  /** Prints {@code line} only under {@code -v}. */
  static void detail(PrintWriter out, String line) {
    marked(out, Kind.DETAIL, line);
  }

  private static void marked(PrintWriter out, Kind kind, String line) {
    if (out instanceof OutputWriter w) {
      w.println(kind, line);
    } else if (kind != Kind.DETAIL) {
      out.println(line);
    }
  }

  /** The ANSI colour of a kind of line, around {@code text}; {@code text} itself if none. */
  String paint(Kind kind, String text) {
    if (!colour || text.isEmpty()) {
      return text;
    }
    String on =
        switch (kind) {
          case ERROR, SUMMARY_FAILED -> Ansi.Style.on(Ansi.Style.bold, Ansi.Style.fg_red);
          case WARNING -> Ansi.Style.on(Ansi.Style.fg_yellow);
          case SUMMARY_OK -> Ansi.Style.on(Ansi.Style.bold, Ansi.Style.fg_green);
          default -> "";
        };
    return on.isEmpty() ? text : on + text + Ansi.Style.reset.on();
  }

  @Override
  public String toString() {
    return level.name().toLowerCase(Locale.ROOT) + (colour ? ", colour" : "") + ", width " + width;
  }
}
