package dev.herald.testing;

import dev.herald.cli.Cli;
import dev.herald.cli.Invocation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the real herald command line in-process, as {@code Main} would, but with the working folder,
 * environment and clock chosen by the test and, unless a test gives it one, without a terminal:
 * {@code CliRun.in(dir).run("check", "templates/x.md")} is {@code herald -C dir check
 * templates/x.md}.
 */
public final class CliRun {
  /** The instant every run sees unless a test sets another clock. */
  public static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  /** What a run ended with and printed. */
  public record Result(int exitCode, String out, String err) {
    /** Standard output and standard error together, for messages that may go to either. */
    public String all() {
      return out + err;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
    }
  }

  private final Path workdir;
  private Map<String, String> env = Map.of();
  private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private Invocation.Terminal terminal = Invocation.noTerminal();

  private CliRun(Path workdir) {
    this.workdir = workdir;
  }

  /** A run in this working folder (passed as {@code -C workdir}). */
  public static CliRun in(Path workdir) {
    return new CliRun(workdir.toAbsolutePath());
  }

  /** The environment the command sees (empty unless set). */
  public CliRun env(Map<String, String> env) {
    this.env = Map.copyOf(env);
    return this;
  }

  /** The clock the command sees (fixed at {@link #NOW} unless set). */
  public CliRun clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** The terminal the command sees (none unless set, as in a CI job): see {@link FakeTerminal}. */
  public CliRun terminal(Invocation.Terminal terminal) {
    this.terminal = terminal;
    return this;
  }

  /** Runs the command line {@code cl} with {@code args}, its output captured. */
  public static Result execute(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = Cli.execute(cl, args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs {@code herald -C workdir args...} and returns its exit code and output. */
  public Result run(String... args) {
    Invocation invocation = new Invocation(env, clock, workdir, terminal);
    List<String> all = new ArrayList<>(List.of("-C", workdir.toString()));
    all.addAll(List.of(args));
    CommandLine cmd = Cli.create(invocation, all.toArray(String[]::new));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = Cli.execute(cmd, all.toArray(String[]::new));
    cmd.getOut().flush();
    cmd.getErr().flush();
    return new Result(code, out.toString(), err.toString());
  }
}
