package dev.herald.cli;

import dev.herald.delivery.SendRun;
import dev.herald.delivery.SendRun.Decision;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code send} shows the contacts skipped by pitch spacing and by a follow-up's eligibility:
 * counted in the dry run's last line, and listed with what caused each skip in the summary.
 */
final class AcrossView {
  private AcrossView() {}

  /** ", 3 skipped by pitch spacing, 2 not eligible for the follow-up", or "" for none. */
  static String counts(SendRun.Plan plan) {
    StringBuilder s = new StringBuilder();
    if (plan.count(Decision.SPACED) > 0) {
      s.append(", ").append(plan.count(Decision.SPACED)).append(" skipped by pitch spacing");
    }
    if (plan.count(Decision.NOT_ELIGIBLE) > 0) {
      s.append(", ")
          .append(plan.count(Decision.NOT_ELIGIBLE))
          .append(" not eligible for the follow-up");
    }
    return s.toString();
  }

  /** The skipped contacts, a line each, under a heading per kind; nothing when there are none. */
  static void noted(PrintWriter out, SendRun.Plan plan) {
    list(
        out,
        plan,
        Decision.SPACED,
        " skipped by pitch spacing (another campaign reached them within the minimum gap):");
    list(
        out,
        plan,
        Decision.NOT_ELIGIBLE,
        " not eligible for the follow-up (not sent the original, or answered it):");
  }

  private static void list(PrintWriter out, SendRun.Plan plan, Decision d, String heading) {
    int n = plan.count(d);
    if (n == 0) {
      return;
    }
    out.println(n + heading);
    List<SendRun.Noted> noted = plan.noted().stream().filter(x -> x.decision() == d).toList();
    noted.forEach(x -> out.println("  " + x.recipient() + ": " + x.detail()));
    if (noted.size() < n) {
      out.println("  … and " + (n - noted.size()) + " more");
    }
  }

  /** The same for JSON: each skipped contact with its decision and cause. */
  static List<Map<String, String>> json(SendRun.Plan plan) {
    return plan.noted().stream()
        .map(
            x -> {
              Map<String, String> m = new LinkedHashMap<>();
              m.put("recipient", x.recipient());
              m.put("decision", x.decision().name().toLowerCase(java.util.Locale.ROOT));
              m.put("detail", x.detail());
              return m;
            })
        .toList();
  }
}
