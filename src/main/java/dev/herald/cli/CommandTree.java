package dev.herald.cli;

import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds herald's command tree for one command line, with only the subcommand it names built in
 * full. picocli builds a command by reflection over its options, mixins and converters, and doing
 * that for every subcommand took about 100 ms of a {@code herald --help} that needs none of them
 * (measured: 362 to 263 ms without a class-data archive). The others get a spec with only their
 * name, aliases and description, which is all the root's usage help lists and all picocli's "did
 * you mean" needs.
 *
 * <p>The subcommand is read from the arguments the way picocli would read them, with the root's own
 * options: each option found on the root is passed over with its value, and the first word is the
 * subcommand. Whatever that reading is not sure of (an argument file {@code @file}, {@code --},
 * clustered or unknown options, an option with an optional value, {@code help NAME}, an unknown
 * word) builds the whole tree, so picocli decides exactly as before.
 */
final class CommandTree {
  private CommandTree() {}

  /** The whole tree: every subcommand in full. */
  static CommandLine whole(Invocation invocation) {
    return new CommandLine(new HeraldCommands(invocation));
  }

  /** The tree for {@code args}: the root, the subcommand they name in full, the rest listed. */
  static CommandLine forArgs(Invocation invocation, String... args) {
    CommandLine root = new CommandLine(new HeraldCommand(invocation));
    Class<?>[] all = HeraldCommands.class.getAnnotation(Command.class).subcommands();
    Set<String> names = new HashSet<>();
    for (Class<?> sub : all) {
      Command c = sub.getAnnotation(Command.class);
      if (sub != CommandLine.HelpCommand.class) {
        names.add(c.name());
        names.addAll(Set.of(c.aliases()));
      }
    }
    String named = named(root.getCommandSpec(), names, args);
    if (WHOLE.equals(named)) {
      return whole(invocation);
    }
    for (Class<?> sub : all) {
      Command c = sub.getAnnotation(Command.class);
      if (sub == CommandLine.HelpCommand.class || c.name().equals(named) || has(c, named)) {
        root.addSubcommand(sub);
      } else {
        root.addSubcommand(c.name(), new CommandLine(listed(c)), c.aliases());
      }
    }
    return root;
  }

  private static final String WHOLE = "\0whole";

  private static boolean has(Command c, String name) {
    return name != null && Set.of(c.aliases()).contains(name);
  }

  /** A subcommand as the root's usage help lists it: name, aliases, header and description. */
  private static CommandSpec listed(Command c) {
    CommandSpec spec = CommandSpec.create().name(c.name()).aliases(c.aliases());
    spec.usageMessage().header(c.header()).description(c.description()).hidden(c.hidden());
    return spec;
  }

  /**
   * The subcommand that {@code args} name; null when they name none (the root runs: its help, its
   * version, its usage); {@link #WHOLE} when this reading is not sure.
   */
  static String named(CommandSpec root, Set<String> names, String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("@") || arg.equals("--")) {
        return WHOLE;
      }
      if (arg.startsWith("-") && arg.length() > 1) {
        int equals = arg.indexOf('=');
        OptionSpec option = root.findOption(equals < 0 ? arg : arg.substring(0, equals));
        if (option == null || option.arity().min() != option.arity().max()) {
          return WHOLE;
        }
        if (equals < 0) {
          i += option.arity().max();
        }
        continue;
      }
      return names.contains(arg) ? arg : WHOLE;
    }
    return null;
  }
}
