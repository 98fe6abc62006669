package dev.herald.cli;

import java.io.Console;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Everything a command takes from the world outside its arguments: the environment, the clock, the
 * working folder and the terminal. Passed in, never read from globals, so that tests set them.
 */
public record Invocation(Map<String, String> env, Clock clock, Path cwd, Terminal terminal) {

  /** The user's terminal, if there is one. */
  public interface Terminal {
    /** Whether a person can answer questions (stdin and stdout are a terminal). */
    boolean interactive();

    /** Reads a line after showing the prompt, or null at end of input. */
    String readLine(String prompt);

    /** Reads a secret without echo, or null. */
    char[] readPassword(String prompt);
  }

  public Invocation {
    env = Map.copyOf(env);
  }

  /** The real environment, clock, current folder and console (none in a CI job or a pipe). */
  public static Invocation system() {
    Console console = System.console();
    Terminal t = console == null ? noTerminal() : console(console);
    return new Invocation(System.getenv(), Clock.systemUTC(), Path.of("").toAbsolutePath(), t);
  }

  private static Terminal console(Console console) {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public String readLine(String prompt) {
        return console.readLine("%s", prompt);
      }

      @Override
      public char[] readPassword(String prompt) {
        return console.readPassword("%s", prompt);
      }
    };
  }

  /** A terminal that is not there: what a CI job has. */
  public static Terminal noTerminal() {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return false;
      }

      @Override
      public String readLine(String prompt) {
        return null;
      }

      @Override
      public char[] readPassword(String prompt) {
        return null;
      }
    };
  }
}
