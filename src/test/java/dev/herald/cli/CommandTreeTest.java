package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The command tree built for one command line ({@link CommandTree}) answers every command line
 * exactly as the whole tree does, and builds in full only the subcommand named.
 */
class CommandTreeTest {
  @TempDir static Path dir;

  @BeforeAll
  static void sample() throws Exception {
    Samples.copyTo(Files.createDirectories(dir.resolve("release")));
  }

  private static Invocation invocation() {
    return new Invocation(
        Map.of(), Clock.fixed(CliRun.NOW, ZoneOffset.UTC), dir, Invocation.noTerminal());
  }

  static Stream<List<String>> commandLines() {
    List<List<String>> lines =
        new ArrayList<>(
            List.of(
                List.of(),
                List.of("--help"),
                List.of("-h"),
                List.of("-V"),
                List.of("--version"),
                List.of("help"),
                List.of("help", "send"),
                List.of("help", "interviews", "list"),
                List.of("sned"),
                List.of("--nope"),
                List.of("-qv", "--help"),
                List.of("-q", "-v"),
                List.of("--color", "--help"),
                List.of("--no-color", "-C", "release", "report", "--help"),
                List.of("-C", "release"),
                List.of("-C"),
                List.of("-Crelease", "--help"),
                List.of("--directory=release", "check", Samples.TEMPLATE),
                List.of("--directory", "release", "send", Samples.TEMPLATE, "--dry-run"),
                List.of("-C", "release", "send", Samples.TEMPLATE, "--dry-run", "--format", "json"),
                List.of("send", "-C", "release", Samples.TEMPLATE, "--dry-run"),
                List.of("-C", "release", "--", "send"),
                List.of("@no-such-argument-file"),
                List.of("interviews"),
                List.of("interviews", "list", "--help"),
                List.of("optout", "--help"),
                List.of("-C", "release", "interviews", "list"),
                List.of("send"),
                List.of("send", "--smtp-password", "x")));
    for (String name : List.of("init", "check", "preview", "send", "interviews", "optout")) {
      lines.add(List.of(name, "--help"));
    }
    for (String name : List.of("report", "export-person", "forget")) {
      lines.add(List.of(name, "--help"));
    }
    return lines.stream();
  }

  @ParameterizedTest
  @MethodSource("commandLines")
  void answersAsTheWholeTreeDoes(List<String> line) {
    String[] args = line.toArray(String[]::new);
    CliRun.Result whole = CliRun.execute(Cli.create(invocation()), args);
    CliRun.Result forArgs = CliRun.execute(Cli.create(invocation(), args), args);
    assertEquals(whole.toString(), forArgs.toString());
  }

  @Test
  void theWholeTreeHasEverySubcommandOfTheRootHelp() {
    CommandLine whole = Cli.create(invocation());
    assertEquals(
        List.of(
            "init",
            "check",
            "preview",
            "send",
            "interviews",
            "optout",
            "report",
            "export-person",
            "forget",
            "help"),
        List.copyOf(whole.getSubcommands().keySet()));
    assertTrue(whole.getSubcommands().get("send").getCommandSpec().options().size() > 10);
  }

  @Test
  void onlyTheNamedSubcommandIsBuilt() {
    CommandLine help = Cli.create(invocation(), "--help");
    for (CommandLine sub : help.getSubcommands().values()) {
      if (!sub.getCommandName().equals("help")) {
        assertEquals(List.of(), own(sub), sub.getCommandName());
        assertNull(sub.getCommand(), sub.getCommandName());
      }
    }
    CommandLine send = Cli.create(invocation(), "-C", "release", "send", "x.md");
    assertTrue(send.getSubcommands().get("send").getCommandSpec().options().size() > 10);
    assertEquals(List.of(), own(send.getSubcommands().get("check")));
  }

  /** The options of {@code cl} not inherited from the root (-C, -q, -v, colour). */
  private static List<String> own(CommandLine cl) {
    return cl.getCommandSpec().options().stream()
        .filter(o -> !o.inherited())
        .map(o -> o.longestName())
        .toList();
  }

  @Test
  void readsTheSubcommandAsPicocliWould() {
    var root = new CommandLine(new HeraldCommand(invocation())).getCommandSpec();
    Set<String> names = Set.of("send", "check");
    assertNull(CommandTree.named(root, names));
    assertNull(CommandTree.named(root, names, "-q", "--help"));
    assertEquals("send", CommandTree.named(root, names, "-C", "check", "send"));
    assertEquals("check", CommandTree.named(root, names, "--directory=send", "check"));
    assertEquals("send", CommandTree.named(root, names, "--no-color", "send", "check"));
    for (String[] unsure :
        List.of(
            new String[] {"help", "send"},
            new String[] {"-qC", "send", "check"},
            new String[] {"@args"},
            new String[] {"--", "send"},
            new String[] {"sned"})) {
      String named = CommandTree.named(root, names, unsure);
      assertTrue(named != null && !names.contains(named), String.join(" ", unsure));
    }
  }
}
