package dev.herald.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --journal} option: the send journal, the record of every message's outcome. */
public final class JournalOption {
  @Option(
      names = "--journal",
      paramLabel = "FILE",
      defaultValue = "logs/sends.csv",
      description = "The send journal. Default: ${DEFAULT-VALUE}.")
  Path file;

  /** The journal, resolved against the working folder. */
  Path in(HeraldCommand root) {
    return root.resolve(file);
  }
}
