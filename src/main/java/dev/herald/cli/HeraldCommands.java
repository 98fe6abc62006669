package dev.herald.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * herald's whole command tree: the root command with every subcommand, in the order {@code herald
 * --help} lists them. Everything else about the root (its options, description and footer) is
 * {@link HeraldCommand}'s, which picocli inherits. Tools that build the tree by reflection (the
 * completion script and the man pages) are given this class; {@link Cli} reads the list from it.
 */
@Command(
    name = "herald",
    subcommands = {
      InitCommand.class,
      CheckCommand.class,
      PreviewCommand.class,
      SendCommand.class,
      InterviewsCommand.class,
      OptoutCommand.class,
      ReportCommand.class,
      ExportPersonCommand.class,
      ForgetCommand.class,
      CommandLine.HelpCommand.class
    })
public final class HeraldCommands extends HeraldCommand {
  public HeraldCommands(Invocation invocation) {
    super(invocation);
  }

  /** For tools that build the command by reflection (picocli's completion and man generators). */
  public HeraldCommands() {
    this(Invocation.system());
  }
}
