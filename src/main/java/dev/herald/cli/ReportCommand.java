package dev.herald.cli;

import dev.herald.ExitCodes;
import dev.herald.InputLimits;
import dev.herald.interviews.InterviewLog;
import dev.herald.replies.ReplyLog;
import dev.herald.report.CampaignReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald report}: how each campaign went. */
@Command(
    mixinStandardHelpOptions = true,
    name = "report",
    description = {
      "Show, per campaign, whom it reached (targeted, sent, failed, deferred, bounced), who"
          + " answered (replies, auto-replies, unsubscribes) and the interview requests by"
          + " status; and the same per outlet. With no CAMPAIGN, every campaign in the journal."
    })
public final class ReportCommand implements Callable<Integer> {
  @ParentCommand HeraldCommand root;
  @Spec CommandSpec spec;
  @Mixin Common common;
  @Mixin InterviewsContactsOption contacts;
  @Mixin JournalOption journal;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "CAMPAIGN",
      description = "The campaign. Default: all.")
  String campaign;

  @Mixin FormatMixin format;

  @Override
  public Integer call() {
    boolean json = format.json();
    CampaignReport.Inputs inputs =
        new CampaignReport.Inputs(
            journal.in(root),
            root.resolve(Path.of(ReplyLog.DEFAULT_PATH)),
            root.resolve(Path.of(InterviewLog.DEFAULT_PATH)),
            contacts.orDefault(root));
    InputLimits limits = contacts.limits(Settings.load(root));
    List<CampaignReport.Campaign> report =
        CampaignReport.build(inputs, campaign == null ? null : campaign.strip(), limits);
    var followUps =
        ReportFollowUps.of(
            journal.in(root),
            report,
            () -> campaign == null ? report : CampaignReport.build(inputs, null, limits));
    if (json) {
      ReportView.json(spec.commandLine().getOut(), report, followUps);
    } else {
      ReportView.text(spec.commandLine().getOut(), report, followUps);
    }
    return ExitCodes.OK;
  }
}
