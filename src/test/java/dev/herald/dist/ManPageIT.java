package dev.herald.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.cli.Cli;
import dev.herald.cli.Invocation;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The man pages in the distribution: one per command, each rendered by man without a warning. */
class ManPageIT {
  @TempDir static Path unpacked;
  static Path man1;

  @BeforeAll
  static void unpack() {
    man1 = Dist.unpack(unpacked).resolve("share/man/man1");
  }

  private static List<Path> pages() throws Exception {
    try (Stream<Path> s = Files.list(man1)) {
      return s.sorted().toList();
    }
  }

  /** The names of every command in the picocli model, as man page names. */
  private static void names(CommandLine cl, String prefix, List<String> into) {
    String name = prefix.isEmpty() ? cl.getCommandName() : prefix + "-" + cl.getCommandName();
    into.add(name + ".1");
    cl.getSubcommands().values().forEach(sub -> names(sub, name, into));
  }

  @Test
  void everyCommandHasAPage() throws Exception {
    CommandLine cl =
        Cli.create(new Invocation(Map.of(), Clock.systemUTC(), unpacked, Invocation.noTerminal()));
    List<String> expected = new ArrayList<>();
    names(cl, "", expected);
    TreeSet<String> actual = new TreeSet<>();
    pages().forEach(p -> actual.add(p.getFileName().toString()));
    assertEquals(new TreeSet<>(expected), actual);
  }

  @Test
  void eachPageRendersWithoutWarnings() throws Exception {
    Dist.requireTool("man", "man-db");
    Dist.requireTool("groff", "groff-base");
    for (Path page : pages()) {
      Dist.Result r =
          Dist.run(
              unpacked,
              Map.of("MANWIDTH", "80", "LC_ALL", "C.UTF-8", "MAN_KEEP_FORMATTING", ""),
              "man",
              "--warnings=all",
              "-l",
              page.toString());
      assertEquals(0, r.exit(), page + ": " + r.all());
      assertEquals("", r.err(), page + " renders with warnings");
      String name = page.getFileName().toString().replace(".1", "");
      TestFiles.assertContains(r.out(), "NAME");
      TestFiles.assertContains(r.out(), name.replace('-', ' ').toUpperCase().split(" ")[0]);
    }
  }

  @Test
  void theMainPageListsTheExitCodesAndTheSendPageItsOptions() {
    Dist.requireTool("man", "man-db");
    Dist.Result main =
        Dist.run(unpacked, Map.of("MANWIDTH", "100"), "man", "-l", man1 + "/herald.1");
    TestFiles.assertContains(main.out(), "Exit codes:".toUpperCase());
    TestFiles.assertContains(main.out(), "partly delivered");
    // the footer names the version built, not "development build"
    TestFiles.assertContains(main.out(), "herald " + Dist.version());
    Dist.Result send =
        Dist.run(unpacked, Map.of("MANWIDTH", "100"), "man", "-l", man1 + "/herald-send.1");
    TestFiles.assertContains(send.out(), "--smtp-security");
    assertTrue(send.out().contains("HERALD_SMTP_PASSWORD"), send.out());
  }
}
