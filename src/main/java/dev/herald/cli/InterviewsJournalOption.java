package dev.herald.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --journal} option of the commands that read the send journal to learn the campaigns:
 * {@code interviews add}, {@code interviews fetch} and {@code report}.
 */
final class InterviewsJournalOption {
  @Option(
      names = "--journal",
      paramLabel = "FILE",
      defaultValue = "logs/sends.csv",
      description = "The send journal, which knows the campaigns. Default: ${DEFAULT-VALUE}.")
  Path file;

  /** The journal, resolved against the working folder; it may not exist yet. */
  Path resolve(HeraldCommand root) {
    return root.resolve(file);
  }
}
