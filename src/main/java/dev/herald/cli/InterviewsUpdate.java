package dev.herald.cli;

import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.interviews.Interview;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code herald interviews update}: a request was scheduled, done or declined. */
@Command(
    name = "update",
    description = {"Change an interview request's status, time or note."})
final class InterviewsUpdate extends InterviewsSubcommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The request, such as I0001.")
  String id;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      converter = InterviewsConverters.Status.class,
      description = "requested, scheduled, done or declined.")
  Interview.Status status;

  @Option(
      names = "--when",
      paramLabel = "TIME",
      converter = IsoDateTimeConverter.class,
      description = "When the interview is, in ISO-8601; an empty value clears it.")
  String when;

  @Option(
      names = "--note",
      paramLabel = "TEXT",
      description =
          "Adds to the note, after the earlier one, with today's date; an empty value clears"
              + " it.")
  String note;

  @Override
  public Integer call() {
    if (status == null && when == null && note == null) {
      throw HeraldException.input(
          "nothing to change for " + id + ": give --status, --when or --note");
    }
    Interview changed =
        parent.log().update(id, status, when, note == null ? null : note.strip(), now());
    summary(out(), changed);
    return ExitCodes.OK;
  }

  private static void summary(PrintWriter out, Interview changed) {
    Output.summary(
        out,
        true,
        "Updated "
            + changed.id()
            + ": "
            + changed.status().csv()
            + (changed.when().isEmpty() ? "" : ", " + changed.when())
            + " ("
            + InterviewsCommand.who(changed)
            + ", campaign "
            + changed.campaign()
            + ").");
    out.flush();
  }
}
