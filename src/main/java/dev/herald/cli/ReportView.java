package dev.herald.cli;

import dev.herald.Display;
import dev.herald.report.CampaignReport;
import dev.herald.util.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code report} shows the campaigns: a block of counts and an outlet table per campaign for
 * people, or one JSON object with the same figures for scripts.
 */
final class ReportView {
  private ReportView() {}

  /** The report as text: one block per campaign, a blank line between them. */
  static void text(PrintWriter out, List<CampaignReport.Campaign> report) {
    text(out, report, Map.of());
  }

  /** As {@link #text(PrintWriter, List)}, each campaign with its follow-ups' figures beside it. */
  static void text(
      PrintWriter out,
      List<CampaignReport.Campaign> report,
      Map<String, List<CampaignReport.Campaign>> followUps) {
    if (report.isEmpty()) {
      out.println("Nothing to report yet: no campaign has been sent.");
    }
    for (int i = 0; i < report.size(); i++) {
      if (i > 0) {
        out.println();
      }
      table(out, report.get(i));
      ReportFollowUps.text(out, followUps.getOrDefault(report.get(i).campaign(), List.of()));
    }
    out.flush();
  }

  /** The report as JSON: {@code {"campaigns": [...]}}, keys in snake case. */
  static void json(PrintWriter out, List<CampaignReport.Campaign> report) {
    json(out, report, Map.of());
  }

  /** As {@link #json(PrintWriter, List)}, each campaign with a "follow_ups" list. */
  static void json(
      PrintWriter out,
      List<CampaignReport.Campaign> report,
      Map<String, List<CampaignReport.Campaign>> followUps) {
    List<Map<String, Object>> campaigns = new ArrayList<>();
    for (CampaignReport.Campaign c : report) {
      Map<String, Object> m = campaign(c);
      m.put("follow_ups", ReportFollowUps.json(followUps.getOrDefault(c.campaign(), List.of())));
      campaigns.add(m);
    }
    out.println(Json.write(Map.of("campaigns", campaigns)));
    out.flush();
  }

  private static Map<String, Object> campaign(CampaignReport.Campaign c) {
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
    out.println("Campaign " + Display.oneLine(c.campaign()));
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
