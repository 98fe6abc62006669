package dev.herald.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bash completion script in the distribution, generated from the picocli model, sourced in a
 * real bash as bash-completion would, and asked what it completes.
 */
class CompletionIT {
  @TempDir static Path unpacked;
  static Path script;

  @BeforeAll
  static void unpack() {
    script = Dist.unpack(unpacked).resolve("share/bash-completion/completions/herald");
  }

  /** What bash offers after the words typed (the last one is the one being completed). */
  private static List<String> complete(String... words) {
    Dist.requireTool("bash", "bash");
    String line = String.join(" ", words);
    String program =
        String.join(
            "\n",
            "source \"$1\"",
            "shift",
            "COMP_WORDS=(\"$@\")",
            "COMP_CWORD=$(( $# - 1 ))",
            "COMP_LINE=\"$*\"",
            "COMP_POINT=${#COMP_LINE}",
            "_complete_herald",
            "printf '%s\\n' \"${COMPREPLY[@]}\"");
    List<String> command = new ArrayList<>(List.of("bash", "--norc", "-c", program, "bash"));
    command.add(script.toString());
    command.addAll(List.of(words));
    Dist.Result r = Dist.run(unpacked, Map.of(), command.toArray(String[]::new));
    assertEquals(0, r.exit(), line + ": " + r.all());
    return r.out().lines().filter(s -> !s.isEmpty()).toList();
  }

  @Test
  void completesACommand() {
    assertEquals(List.of("send"), complete("herald", "se"));
  }

  @Test
  void completesAnOptionOfACommand() {
    assertEquals(List.of("--smtp-security"), complete("herald", "send", "--smtp-s"));
  }

  @Test
  void completesNestedCommands() {
    assertEquals(List.of("fetch"), complete("herald", "interviews", "fe"));
  }
}
