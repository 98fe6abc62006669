package dev.herald.cli;

import dev.herald.ExitCodes;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald interviews list}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "list",
    description = {
      "List the interview requests: as a table, as CSV safe to open in a spreadsheet, or as"
          + " JSON (an array of objects keyed by the CSV's column names)."
    })
final class InterviewsList implements Callable<Integer> {
  @ParentCommand InterviewsCommand parent;
  @Spec CommandSpec spec;
  @Mixin Common common;

  @Option(names = "--campaign", paramLabel = "CAMPAIGN", description = "Only this campaign.")
  String campaign;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      converter = InterviewsConverters.ListFormat.class,
      description = "table (default), csv or json.")
  InterviewsListView.Format format;

  @Override
  public Integer call() {
    InterviewLog log = parent.log();
    List<Interview> rows =
        log.read().stream()
            .filter(i -> campaign == null || i.campaign().equals(campaign.strip()))
            .toList();
    InterviewsListView.print(spec.commandLine().getOut(), format, rows, campaign, log.file());
    return ExitCodes.OK;
  }
}
