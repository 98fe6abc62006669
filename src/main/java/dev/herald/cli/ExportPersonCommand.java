package dev.herald.cli;

import dev.herald.ExitCodes;
import dev.herald.FolderKey;
import dev.herald.privacy.Holdings;
import dev.herald.privacy.Person;
import dev.herald.privacy.PersonSearch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald export-person}: what herald holds about one address (a GDPR access request). */
@Command(
    mixinStandardHelpOptions = true,
    name = "export-person",
    description = {
      "Print everything herald holds about an address, to answer an access request: contact"
          + " rows in every list under contacts/ (file, line, all columns), sends from the"
          + " journal (campaign, time, outcome, subject, source, legal_basis), replies,"
          + " interviews, suppression, and the outbox and preview files of messages to it."
          + " Reads only; exit 0 even when nothing is found."
    })
public final class ExportPersonCommand implements Callable<Integer> {
  @ParentCommand HeraldCommand root;
  @Spec CommandSpec spec;
  @Mixin Common common;
  @Mixin PersonPlaces who;
  @Mixin JournalOption journal;
  @Mixin FormatMixin format;

  @Override
  public Integer call() {
    Settings settings = Settings.load(root);
    Person person = who.person();
    Holdings held =
        PersonSearch.find(
            PersonPlaces.of(root, settings, journal.in(root)),
            person,
            FolderKey.existing(root.invocation.env(), root.workdir()),
            settings.limits());
    if (format.json()) {
      PersonView.json(spec.commandLine().getOut(), person, held);
    } else {
      PersonView.text(spec.commandLine().getOut(), person, held);
    }
    return ExitCodes.OK;
  }
}
