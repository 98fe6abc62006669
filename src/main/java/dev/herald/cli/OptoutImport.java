package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.Problem;
import dev.herald.contacts.OptOutImport;
import dev.herald.journal.SentTokens;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald optout import FILE}: unsubscribes collected elsewhere, added to the list. */
@Command(
    mixinStandardHelpOptions = true,
    name = "import",
    description = {
      "Add the addresses of a .csv or .xlsx file (a web form's export, a mail provider's"
          + " unsubscribe list) to the suppression list: the column email, the column --column"
          + " names, or the only column (or a column token: the tokens of https: unsubscribe"
          + " addresses, resolved through the journal); optional reason and date columns are kept. Every row is"
          + " checked first: an invalid address stops the import (exit 2, every bad row named)"
          + " unless --skip-invalid. Only addresses not yet on the list are added, in one write."
    })
final class OptoutImport implements Callable<Integer> {
  @ParentCommand OptoutCommand parent;
  @Spec CommandSpec spec;
  @Mixin Common common;
  @Mixin ContactFormatOptions format;

  @Parameters(index = "0", paramLabel = "FILE", description = "The .csv or .xlsx file to import.")
  Path file;

  @Option(
      names = "--column",
      paramLabel = "NAME",
      description = "The column of addresses, when it is not called email (case-insensitive).")
  String column;

  @Option(
      names = "--skip-invalid",
      description = "Skip and report rows with an invalid address instead of stopping.")
  boolean skipInvalid;

  @Option(names = "--dry-run", description = "Say what would be added; write nothing.")
  boolean dryRun;

  @Mixin JournalOption journal;

  /** The recipients the journal's messages gave these tokens to, under the folder's key. */
  private Map<String, String> addresses(HeraldCommand root, Set<String> tokens) {
    Map<String, String> out = new HashMap<>();
    SentTokens.resolve(journal.in(root), tokens, root.key())
        .forEach((token, entry) -> out.put(token, entry.recipient()));
    return out;
  }

  @Override
  public Integer call() {
    HeraldCommand root = parent.root;
    Settings settings = Settings.load(root);
    Path listFile = settings.optOutFile(root.workdir());
    OptOutImport.Result r =
        OptoutCommand.withList(
            root,
            settings,
            list ->
                OptOutImport.run(
                    root.resolve(file),
                    column,
                    list,
                    format.limits(settings),
                    LocalDate.ofInstant(root.invocation.clock().instant(), ZoneOffset.UTC),
                    skipInvalid,
                    dryRun,
                    tokens -> addresses(root, tokens)));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (Problem p : r.listed()) {
      Output.warning(err, "skipped: " + p);
    }
    if (r.invalid() > r.listed().size()) {
      Output.warning(err, "skipped: … and " + (r.invalid() - r.listed().size()) + " more");
    }
    for (String w : r.warnings()) {
      Output.warning(err, w);
    }
    err.flush();
    out.println(
        "Read "
            + Display.path(root.resolve(file))
            + " ("
            + r.readAs()
            + "), addresses from "
            + r.column()
            + ".");
    Output.summary(
        out,
        true,
        r.added()
            + " new, "
            + r.already()
            + " already on the list, "
            + r.invalid()
            + " invalid"
            + (dryRun
                ? " (dry run: nothing written to " + Display.path(listFile) + ")."
                : r.added() > 0 ? "; added to " + Display.path(listFile) + "." : "."));
    out.flush();
    return ExitCodes.OK;
  }
}
