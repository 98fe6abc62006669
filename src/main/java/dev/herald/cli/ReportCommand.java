package dev.herald.cli;

import dev.herald.ExitCodes;
import dev.herald.interviews.InterviewLog;
import dev.herald.replies.ReplyLog;
import dev.herald.report.CampaignReport;
import dev.herald.util.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "CAMPAIGN",
      description = "The campaign. Default: all.")
  String campaign;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (default) or json.")
  String format;

  @Option(
      names = "--contacts",
      paramLabel = "CSV",
      defaultValue = "contacts/media.csv",
      description = "Where outlets are looked up. Default: ${DEFAULT-VALUE}.")
  Path contacts;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      defaultValue = "logs/sends.csv",
      description = "The send journal. Default: ${DEFAULT-VALUE}.")
  Path journal;

  @Override
  public Integer call() {
    String f = Formats.parse(format, "table", "json");
    List<CampaignReport.Campaign> report =
        CampaignReport.build(
            new CampaignReport.Inputs(
                root.resolve(journal),
                root.resolve(Path.of(ReplyLog.DEFAULT_PATH)),
                root.resolve(Path.of(InterviewLog.DEFAULT_PATH)),
                root.resolve(contacts)),
            campaign == null ? null : campaign.strip(),
            Settings.load(root).limits());
    PrintWriter out = spec.commandLine().getOut();
    if (f.equals("json")) {
      out.println(Json.write(Map.of("campaigns", report.stream().map(this::json).toList())));
    } else if (report.isEmpty()) {
      out.println("Nothing to report yet: no campaign has been sent.");
    } else {
      for (int i = 0; i < report.size(); i++) {
        if (i > 0) {
          out.println();
        }
        table(out, report.get(i));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private Map<String, Object> json(CampaignReport.Campaign c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("campaign", c.campaign());
    m.put("contacts_targeted", c.targeted());
    m.put("sent", c.sent());
    m.put("failed", c.failed());
    m.put("deferred", c.deferred());
    m.put("unknown", c.unknown());
    m.put("bounced", c.bounced());
    m.put("replies", c.replies());
    m.put("auto_replies", c.autoReplies());
    m.put("unsubscribes", c.unsubscribes());
    m.put("needs_a_look", c.needsLook());
    Map<String, Object> interviews = new LinkedHashMap<>();
    interviews.put("total", c.interviewRequests());
    c.interviews().forEach((s, n) -> interviews.put(s.csv(), n));
    m.put("interview_requests", interviews);
    List<Map<String, Object>> outlets = new ArrayList<>();
    for (CampaignReport.Outlet o : c.outlets()) {
      Map<String, Object> om = new LinkedHashMap<>();
      om.put("outlet", o.outlet());
      om.put("sent", o.sent());
      om.put("replies", o.replies());
      om.put("interview_requests", o.interviewRequests());
      outlets.add(om);
    }
    m.put("outlets", outlets);
    return m;
  }

  private static void table(PrintWriter out, CampaignReport.Campaign c) {
    out.println("Campaign " + Tables.clean(c.campaign()));
    List<String> byStatus = new ArrayList<>();
    c.interviews().forEach((s, n) -> byStatus.add(n + " " + s.csv()));
    Object[][] lines = {
      {"Contacts targeted", c.targeted(), ""},
      {"Sent", c.sent(), ""},
      {"Failed", c.failed(), ""},
      {"Deferred", c.deferred(), ""},
      {"Unknown", c.unknown(), c.unknown() == 0 ? "" : "(sent whole, no reply came)"},
      {"Bounced", c.bounced(), ""},
      {"Replies", c.replies(), ""},
      {"Auto-replies", c.autoReplies(), ""},
      {"Unsubscribes", c.unsubscribes(), ""},
      {"Interview requests", c.interviewRequests(), "(" + String.join(", ", byStatus) + ")"}
    };
    for (Object[] line : lines) {
      out.println(
          String.format(Locale.ROOT, "  %-20s %6d  %s", line[0], line[1], line[2]).stripTrailing());
    }
    if (c.needsLook() > 0) {
      out.println(
          String.format(
              Locale.ROOT,
              "  %-20s %6d  %s",
              "Needs a look",
              c.needsLook(),
              "(replies not shown to come from the recipient: see interviews fetch)"));
    }
    if (c.outlets().isEmpty()) {
      return;
    }
    out.println();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("  OUTLET", "SENT", "REPLIES", "INTERVIEW REQUESTS"));
    for (CampaignReport.Outlet o : c.outlets()) {
      rows.add(
          List.of(
              "  " + o.outlet(),
              String.valueOf(o.sent()),
              String.valueOf(o.replies()),
              String.valueOf(o.interviewRequests())));
    }
    Tables.print(out, rows, 42);
  }
}
