package dev.herald.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
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

  /**
   * zsh, driven as a person would use it (in a terminal under tmux): the distribution's _herald on
   * the fpath, herald on the PATH, two TABs.
   */
  @Test
  void zshCompletesThroughTheSiteFunction(@TempDir Path tmp) throws Exception {
    Dist.requireTool("zsh", "zsh");
    Dist.requireTool("tmux", "tmux");
    Path home = script.getParent().getParent().getParent().getParent();
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("herald"), home.resolve("bin/herald"));
    Files.writeString(
        tmp.resolve(".zshrc"),
        String.join(
            "\n",
            "fpath=(" + home.resolve("share/zsh/site-functions") + " $fpath)",
            "path=(" + bin + " $path)",
            "autoload -U compinit && compinit -u",
            "PS1='%% '",
            ""));
    String socket = tmp.resolve("tmux.sock").toString();
    Map<String, String> env = Map.of("ZDOTDIR", tmp.toString(), "HOME", tmp.toString());
    Dist.Result started =
        Dist.run(
            tmp, env, "tmux", "-S", socket, "new-session", "-d", "-x", "120", "-y", "10", "zsh");
    assertEquals(0, started.exit(), started.all());
    try {
      // type only once zsh shows its prompt, as a person would
      for (int i = 0; i < 80 && !screen(tmp, env, socket).startsWith("%"); i++) {
        Thread.sleep(250);
      }
      Dist.run(tmp, env, "tmux", "-S", socket, "send-keys", "herald se", "Tab");
      Thread.sleep(1500);
      Dist.run(tmp, env, "tmux", "-S", socket, "send-keys", " --smtp-s", "Tab");
      String screen = "";
      for (int i = 0; i < 40 && !screen.contains("herald send --smtp-security"); i++) {
        Thread.sleep(250);
        screen = screen(tmp, env, socket);
      }
      assertEquals("% herald send --smtp-security", screen.strip(), screen);
    } finally {
      Dist.run(tmp, env, "tmux", "-S", socket, "kill-server");
    }
  }

  private static String screen(Path dir, Map<String, String> env, String socket) {
    return Dist.run(dir, env, "tmux", "-S", socket, "capture-pane", "-p").out().strip();
  }
}
