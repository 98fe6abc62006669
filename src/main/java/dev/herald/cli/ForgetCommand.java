package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.privacy.Erasure;
import dev.herald.privacy.ForgetLocks;
import dev.herald.privacy.Holdings;
import dev.herald.privacy.Person;
import dev.herald.privacy.PersonSearch;
import dev.herald.privacy.Places;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald forget}: pseudonymise an address everywhere (a GDPR erasure request). */
@Command(
    mixinStandardHelpOptions = true,
    name = "forget",
    description = {
      "Answer an erasure request: the address becomes a keyed pseudonym in the journal and the"
          + " reply and interview logs (names, notes and subjects dropped, counts kept), and on"
          + " the opt-out list, so that it is never mailed again; its rows leave the CSV lists"
          + " under contacts/, its outbox and preview copies are deleted, and any other file"
          + " that still holds it is named for you to edit.",
      "Asks first on a terminal; --yes for scripts. Exit 4 if a send or fetch is running."
    })
public final class ForgetCommand implements Callable<Integer> {
  @ParentCommand HeraldCommand root;
  @Spec CommandSpec spec;
  @Mixin Common common;
  @Mixin PersonPlaces who;
  @Mixin JournalOption journal;

  @Option(names = "--yes", description = "Do not ask for confirmation (for scripts).")
  boolean yes;

  @Option(
      names = "--backup",
      description =
          "Copy every file before changing it, into .herald/forget-backups/TIME/ (the copies"
              + " hold the address: delete them once you no longer need them).")
  boolean backup;

  @Override
  public Integer call() {
    Settings settings = Settings.load(root);
    Person person = who.person();
    Places places = PersonPlaces.of(root, settings, journal.in(root));
    FolderKey key = root.key(); // created if need be: the pseudonym must match again later
    PrintWriter out = spec.commandLine().getOut();
    try (ForgetLocks locks = ForgetLocks.take(places)) {
      Holdings held = PersonSearch.find(places, person, key, settings.limits());
      Path backupDir = backup ? backupFolder() : null; // created once confirmed
      Erasure erasure = new Erasure(places, person, key, held, backupDir);
      ForgetView.plan(out, person, held, erasure);
      if (!confirmed(out, person)) {
        out.println("Nothing was changed.");
        out.flush();
        return ExitCodes.OK;
      }
      if (backupDir != null) {
        create(backupDir);
      }
      LocalDate today = LocalDate.ofInstant(root.invocation.clock().instant(), ZoneOffset.UTC);
      List<Path> still = erasure.run(today, locks.journal(), step -> out.println("  " + step));
      ForgetView.done(out, person, erasure, still, backupDir, places.workdir());
    }
    return ExitCodes.OK;
  }

  private boolean confirmed(PrintWriter out, Person person) {
    if (yes) {
      return true;
    }
    Invocation.Terminal terminal = root.invocation.terminal();
    if (!terminal.interactive()) {
      throw HeraldException.input(
          "refusing to forget "
              + Display.oneLine(person.address())
              + " without confirmation: there is no terminal to ask on. Add --yes (as a script"
              + " would); nothing was changed.");
    }
    out.flush();
    return Confirmation.accepts(terminal.readLine("Forget it now? Type yes (or y): "));
  }

  private Path backupFolder() {
    String time =
        root.invocation.clock().instant().toString().replace(":", "").replaceAll("\\.\\d+", "");
    return root.workdir().resolve(".herald/forget-backups").resolve(time);
  }

  /** The backup folder, in a parent only its owner can open: the copies hold the address. */
  private static void create(Path dir) {
    try {
      Files.createDirectories(dir);
      if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(
            dir.getParent(), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      }
    } catch (java.io.IOException e) {
      throw HeraldException.input(
          Display.path(dir) + ": cannot create the backup folder: " + e.getMessage(), e);
    }
  }
}
