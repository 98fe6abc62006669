package dev.herald.docs;

import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * README.md read as the tests need it: its sections, the fenced blocks in them, and the shell
 * command lines in those blocks split into words as a POSIX shell would split simple ones.
 */
public final class Readme {
  /** A fenced block: its language ({@code sh}, {@code text}, {@code csv}, or empty) and lines. */
  public record Block(String language, List<String> lines, int line) {}

  private Readme() {}

  public static String text() {
    return TestFiles.read(Samples.projectRoot().resolve("README.md"));
  }

  /**
   * The fenced blocks from the {@code ## heading} line to the next {@code ## } heading, in order;
   * with a null heading, every block of the file.
   */
  public static List<Block> blocks(String heading) {
    List<String> lines = text().lines().toList();
    List<Block> blocks = new ArrayList<>();
    boolean inside = heading == null;
    boolean found = heading == null;
    String language = null;
    List<String> body = null;
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (language == null && line.startsWith("## ") && heading != null) {
        inside = line.equals("## " + heading);
        found |= inside;
        continue;
      }
      if (line.startsWith("```")) {
        if (language == null) {
          language = line.substring(3).trim();
          body = new ArrayList<>();
          start = i + 2;
        } else {
          if (inside) {
            blocks.add(new Block(language, List.copyOf(body), start));
          }
          language = null;
        }
      } else if (language != null) {
        body.add(line);
      }
    }
    if (!found) {
      throw new AssertionError("README.md has no section '## " + heading + "'");
    }
    return blocks;
  }

  /**
   * The command lines of a shell block: continuation lines joined, comments dropped, blank lines
   * skipped. Lines that are output shown after a command (not starting with a command word the
   * caller knows) are left for the caller to judge.
   */
  static List<String> commandLines(Block block) {
    List<String> commands = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : block.lines()) {
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      String whole = (pending + line).strip();
      pending.setLength(0);
      if (!whole.isEmpty() && !whole.startsWith("#")) {
        commands.add(whole);
      }
    }
    return commands;
  }

  /**
   * A simple shell command line split into words: single and double quotes group, an unquoted
   * {@code #} at the start of a word begins a comment. Expansions ({@code $}, backquotes) and
   * redirections are refused, since this reader cannot do what a shell would with them.
   */
  static List<String> words(String commandLine) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < commandLine.length(); i++) {
      char c = commandLine.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null) {
        break;
      } else if ("$`<>|;&".indexOf(c) >= 0) {
        throw new IllegalArgumentException(
            "cannot read '" + c + "' in the command line: " + commandLine);
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unbalanced quote in: " + commandLine);
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
