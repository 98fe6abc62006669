package dev.herald.cli;

import dev.herald.journal.FollowUpLog;
import dev.herald.report.CampaignReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The follow-ups of each campaign in {@code report}, from the follow-up log beside the journal, so
 * that an original's figures show its follow-ups' beside them: "follow-up CAMPAIGN: sent N, replies
 * M".
 */
final class ReportFollowUps {
  private ReportFollowUps() {}

  /**
   * For each campaign shown, its follow-ups' figures; {@code all} gives every campaign's, read only
   * when a follow-up is not among those shown (a report of one campaign).
   */
  static Map<String, List<CampaignReport.Campaign>> of(
      Path journal,
      List<CampaignReport.Campaign> shown,
      Supplier<List<CampaignReport.Campaign>> all) {
    Map<String, String> follows = FollowUpLog.beside(journal).read();
    if (follows.isEmpty()) {
      return Map.of();
    }
    Map<String, CampaignReport.Campaign> byName = new HashMap<>();
    shown.forEach(c -> byName.put(c.campaign(), c));
    Map<String, List<CampaignReport.Campaign>> out = new LinkedHashMap<>();
    boolean loaded = false;
    for (Map.Entry<String, String> f : follows.entrySet()) {
      if (!byName.containsKey(f.getValue())) {
        continue; // the original is not shown
      }
      if (!byName.containsKey(f.getKey()) && !loaded) {
        all.get().forEach(c -> byName.putIfAbsent(c.campaign(), c));
        loaded = true;
      }
      CampaignReport.Campaign c = byName.get(f.getKey());
      if (c != null) {
        out.computeIfAbsent(f.getValue(), k -> new ArrayList<>()).add(c);
      }
    }
    return out;
  }

  static void text(PrintWriter out, List<CampaignReport.Campaign> followUps) {
    for (CampaignReport.Campaign c : followUps) {
      out.println(
          String.format(
              Locale.ROOT,
              "  Follow-up %s: sent %d, replies %d, auto-replies %d, interview requests %d,"
                  + " bounced %d",
              c.campaign(),
              c.sent(),
              c.replies(),
              c.autoReplies(),
              c.interviewRequests(),
              c.bounced()));
    }
  }

  static List<Map<String, Object>> json(List<CampaignReport.Campaign> followUps) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (CampaignReport.Campaign c : followUps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("campaign", c.campaign());
      m.put("sent", c.sent());
      m.put("replies", c.replies());
      m.put("auto_replies", c.autoReplies());
      m.put("interview_requests", c.interviewRequests());
      m.put("bounced", c.bounced());
      list.add(m);
    }
    return list;
  }
}
