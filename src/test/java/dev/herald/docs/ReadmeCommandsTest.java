package dev.herald.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.herald.cli.Cli;
import dev.herald.cli.Invocation;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every herald command line in the README's other {@code sh} blocks is one herald accepts: its
 * subcommand and options exist and their values convert. Those that only read the sample folder
 * ({@code check} without {@code --server}, {@code preview}) also run on a copy of it and succeed
 * (the others, such as init's, are run by {@link QuickStartTest} and the commands' own tests).
 * Synopsis lines ({@code [--limit N]}) and the output shown after a command are not command lines.
 */
class ReadmeCommandsTest {
  @TempDir Path dir;

  @Test
  void everyHeraldCommandLineInTheReadmeParsesAndTheReadOnlyOnesRun() {
    Samples.copyTo(dir);
    List<String> parsed = new ArrayList<>();
    for (Readme.Block block : Readme.blocks(null)) {
      if (!block.language().equals("sh")) {
        continue;
      }
      for (String line : Readme.commandLines(block)) {
        List<String> words = withoutEnvironment(line);
        if (words.isEmpty() || !words.get(0).equals("herald") || line.contains(" [")) {
          continue;
        }
        List<String> args = words.subList(1, words.size());
        parse(args, "README line " + block.line() + ": " + line);
        parsed.add(line);
        boolean readsOnly =
            args.contains(Samples.TEMPLATE)
                && (args.get(0).equals("preview")
                    || (args.get(0).equals("check") && !args.contains("--server")));
        if (readsOnly) {
          CliRun.Result r = CliRun.in(dir).run(args.toArray(String[]::new));
          assertEquals(0, r.exitCode(), "README: " + line + "\n" + r);
        }
      }
    }
    // The reference shows check, preview, send, proof, interviews and report at least.
    assertTrue(parsed.size() >= 10, "too few herald command lines found: " + parsed);
  }

  /** The words of a command line without leading {@code NAME=value} assignments. */
  private static List<String> withoutEnvironment(String line) {
    if (!line.startsWith("herald") && !line.matches("^[A-Z_]+=\\S*\\s+herald\\b.*")) {
      return List.of();
    }
    List<String> words = new ArrayList<>(Readme.words(line));
    while (!words.isEmpty() && words.get(0).matches("[A-Z_]+=.*")) {
      words.remove(0);
    }
    return words;
  }

  private void parse(List<String> args, String where) {
    Invocation invocation =
        new Invocation(
            Map.of(), Clock.fixed(CliRun.NOW, ZoneOffset.UTC), dir, Invocation.noTerminal());
    try {
      Cli.create(invocation).parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      fail(where + ": herald would refuse it: " + e.getMessage());
    }
  }
}
