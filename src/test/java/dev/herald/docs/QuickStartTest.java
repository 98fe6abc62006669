package dev.herald.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.herald.testing.CliRun;
import dev.herald.testing.TestFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, run as a press officer would run it, from README.md itself: every
 * command of its {@code sh} blocks runs in a fresh folder through the real command line, the output
 * shown in the {@code text} block after a command must be what it prints, the {@code csv} block is
 * the contact list the officer pastes in, and the {@code properties} block must be settings herald
 * accepts. Changing the README so that its commands no longer work fails here.
 */
class QuickStartTest {
  private static final String SECTION = "Quick start";

  @TempDir Path home;

  @Test
  void theQuickStartRunsAsWrittenInAFreshFolder() throws IOException {
    List<Readme.Block> blocks = Readme.blocks(SECTION);
    Path cwd = home;
    CliRun.Result last = null;
    String lastCommand = null;
    int commands = 0;
    List<String> properties = new ArrayList<>();
    for (Readme.Block block : blocks) {
      switch (block.language()) {
        case "sh" -> {
          for (String line : Readme.commandLines(block)) {
            List<String> words = Readme.words(line);
            commands++;
            if (words.get(0).equals("cd") && words.size() == 2) {
              cwd = cwd.resolve(words.get(1)).normalize();
              // The output shown after the block is still that of the herald command before it.
              assertTrue(Files.isDirectory(cwd), "README line " + block.line() + ": " + line);
            } else if (words.get(0).equals("herald")) {
              last = run(cwd, words.subList(1, words.size()));
              lastCommand = line;
              assertEquals(0, last.exitCode(), "README quick start: " + line + "\n" + last);
            } else {
              fail(
                  "README line "
                      + block.line()
                      + ": the quick start may run only herald and cd (a test runs it): "
                      + line);
            }
          }
        }
        case "text" -> {
          if (last == null) {
            fail("README line " + block.line() + ": output shown after no herald command");
          }
          for (String expected : block.lines()) {
            if (!expected.isBlank() && !last.all().contains(expected.strip())) {
              fail(
                  "README line "
                      + block.line()
                      + " shows output that '"
                      + lastCommand
                      + "' does not print:\n  "
                      + expected.strip()
                      + "\n"
                      + last);
            }
          }
          last = null;
        }
        case "csv" -> {
          Path contacts = cwd.resolve("contacts/media.csv");
          assertTrue(Files.exists(contacts), "the csv block replaces the file init wrote");
          TestFiles.write(cwd, "contacts/media.csv", String.join("\n", block.lines()) + "\n");
        }
        case "properties" -> properties.addAll(block.lines());
        default -> fail("README line " + block.line() + ": a block the test cannot run: " + block);
      }
    }
    assertTrue(commands >= 6, "init, cd, check, preview, proof and send: " + commands);

    // What the prose around the blocks promises.
    assertEmls(cwd.resolve("outbox/release"), 2);
    assertEmls(cwd.resolve("outbox/proofs/release"), 1);
    assertTrue(Files.exists(cwd.resolve("preview/index.html")));
    assertTrue(Files.exists(cwd.resolve("logs/sends.csv")));
    String dupont = emlFor(cwd.resolve("outbox/release"), "j.dupont");
    assertTrue(dupont.contains("Dear editor"), "a contact with no salutation is greeted so");
    String proof = emlFor(cwd.resolve("outbox/proofs/release"), "proof-");
    assertTrue(proof.contains("[PROOF]"), proof);

    // The settings shown for sending for real are ones herald accepts (an unknown key is exit 2).
    assertFalse(properties.isEmpty(), "the quick start shows the settings for a real send");
    Path settings = cwd.resolve("herald.properties");
    Files.writeString(settings, Files.readString(settings) + "\n" + String.join("\n", properties));
    CliRun.Result withServer = run(cwd, List.of("check", "templates/release.md"));
    assertEquals(0, withServer.exitCode(), withServer.toString());
  }

  private static CliRun.Result run(Path cwd, List<String> args) {
    // No environment: no server, no user settings, as on a press officer's fresh machine.
    CliRun.Result r = CliRun.in(cwd).env(Map.of()).run(args.toArray(String[]::new));
    // CliRun names the folder with -C as an absolute path, where the officer typed none: paths
    // printed relative to the folder they are in look as they would in their terminal.
    String here = cwd.toAbsolutePath() + File.separator;
    return new CliRun.Result(r.exitCode(), r.out().replace(here, ""), r.err().replace(here, ""));
  }

  private static void assertEmls(Path folder, int count) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(count, files.filter(f -> f.toString().endsWith(".eml")).count(), folder + "");
    }
  }

  private static String emlFor(Path folder, String namePart) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      Path eml =
          files
              .filter(f -> f.getFileName().toString().contains(namePart))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no " + namePart + " message in " + folder));
      return Files.readString(eml);
    }
  }
}
