package dev.herald.cli;

import dev.herald.ExitCodes;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code herald interviews list}. */
@Command(
    name = "list",
    description = {
      "List the interview requests: as a table, as CSV safe to open in a spreadsheet, or as"
          + " JSON (an array of objects keyed by the CSV's column names)."
    })
final class InterviewsList extends InterviewsSubcommand {
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
    InterviewsListView.print(out(), format, rows, campaign, log.file());
    return ExitCodes.OK;
  }
}
