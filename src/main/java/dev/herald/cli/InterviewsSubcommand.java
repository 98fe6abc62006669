package dev.herald.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every {@code herald interviews} subcommand has: the group, which knows the working folder
 * and its logs; its own spec, whose streams it prints to; {@code --help}, {@code --version} and the
 * options every command takes.
 */
@Command(mixinStandardHelpOptions = true)
abstract class InterviewsSubcommand implements Callable<Integer> {
  @ParentCommand InterviewsCommand parent;
  @Spec CommandSpec spec;
  @Mixin Common common;

  HeraldCommand root() {
    return parent.root;
  }

  /** Where the command's results go: standard output, or what a test gave picocli. */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** The time of this run, from the invocation's clock. */
  Instant now() {
    return parent.root.invocation.clock().instant();
  }
}
