package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.contacts.OptOutList;
import dev.herald.csv.LogFile;
import dev.herald.identity.EmailAddress;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald optout}: the suppression list. */
@Command(
    mixinStandardHelpOptions = true,
    name = "optout",
    subcommands = OptoutImport.class,
    description = {"The suppression list: addresses herald never mails."})
public final class OptoutCommand implements Runnable {
  @ParentCommand HeraldCommand root;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code herald optout add}: an address that asked to be left out, by phone, or in a reply that
   * fetch listed under "Needs a look".
   *
   * @param common takes {@code --stacktrace}, which the error handler reads from the parse result
   */
  @Command(
      mixinStandardHelpOptions = true,
      name = "add",
      description = {
        "Add an address to the suppression list, such as an unsubscribe request or a bounce"
            + " that herald interviews fetch listed under \"Needs a look\"."
      })
  int add(
      @Mixin Common common,
      @Parameters(index = "0", paramLabel = "EMAIL", description = "The address to suppress.")
          String email,
      @Option(
              names = "--reason",
              paramLabel = "TEXT",
              defaultValue = "added by hand",
              description = "Kept in the list beside the address. Default: ${DEFAULT-VALUE}.")
          String reason) {
    String address = email.strip();
    // herald never writes an entry it would refuse to read (PRODUCT.md "The opt-out list").
    EmailAddress.problem(address)
        .ifPresent(
            p -> {
              throw HeraldException.input("EMAIL: " + p);
            });
    // the working folder's list (contacts/optout.csv or optout.file), as every command reads
    Settings settings = Settings.load(root);
    java.nio.file.Path file = settings.optOutFile(root.workdir());
    boolean added =
        withList(
            root,
            settings,
            list ->
                list.add(
                    address,
                    reason.strip(),
                    LocalDate.ofInstant(root.invocation.clock().instant(), ZoneOffset.UTC)));
    PrintWriter out = spec.commandLine().getOut();
    Output.summary(
        out,
        true,
        Display.oneLine(
            (added ? "Added " : "Already on the list: ")
                + address
                + " ("
                + Display.path(file)
                + ")."));
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * Runs {@code work} on the working folder's opt-out list (contacts/optout.csv or optout.file),
   * loaded with the folder's key as every command loads it (the pseudonyms herald forget leaves
   * match by it), under the list's lock, which herald forget holds while it replaces the list.
   */
  static <T> T withList(
      HeraldCommand root, Settings settings, java.util.function.Function<OptOutList, T> work) {
    java.nio.file.Path file = settings.optOutFile(root.workdir());
    return LogFile.locked(
        file,
        () ->
            work.apply(
                OptOutList.load(
                    java.util.List.of(file),
                    settings.limits(),
                    dev.herald.FolderKey.existing(root.invocation.env(), root.workdir()))));
  }
}
