package dev.herald.cli;

import dev.herald.campaign.Audience;
import dev.herald.campaign.FollowUp;
import dev.herald.campaign.LoadedCampaign;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code check TEMPLATE --follow-up CAMPAIGN} (or a template with a {@code Follow-Up} header): how
 * many contacts the follow-up would reach, and why the others would not.
 */
public final class CheckFollowUp {
  @Option(
      names = "--follow-up",
      paramLabel = "CAMPAIGN",
      description =
          "Check the template as a follow-up of CAMPAIGN: say how many contacts are eligible and"
              + " why the others are not (as the template header Follow-Up: CAMPAIGN).")
  String followUp;

  @Mixin JournalOption journal;

  /** Prints the eligibility, when the template is a follow-up; exit 2 (thrown) if it cannot be. */
  void report(HeraldCommand root, Settings settings, LoadedCampaign v, PrintWriter out) {
    if (v.templates() == null || v.audience() == null) {
      return;
    }
    AcrossOptions across = new AcrossOptions();
    across.followUp = followUp;
    across.ignoreGap = true;
    across.load(root, settings, v, journal.in(root));
    FollowUp f = across.eligibility();
    if (f == null) {
      return;
    }
    Map<FollowUp.Reason, Integer> counts = new EnumMap<>(FollowUp.Reason.class);
    int[] optedOut = {0};
    int[] originalsInList = {0};
    v.audience()
        .forEach(
            (Audience.Entry e) -> {
              if (e.kind() == Audience.Kind.SELECTED) {
                FollowUp.Reason r = f.judge(e.contact().email());
                counts.merge(r, 1, Integer::sum);
                if (r != FollowUp.Reason.NEVER_SENT) {
                  originalsInList[0]++;
                }
              } else if (e.kind() == Audience.Kind.SUPPRESSED) {
                optedOut[0]++;
                if (f.judge(e.contact().email()) != FollowUp.Reason.NEVER_SENT) {
                  originalsInList[0]++;
                }
              }
            });
    int eligible = counts.getOrDefault(FollowUp.Reason.ELIGIBLE, 0);
    out.println(
        "Follow-up of campaign "
            + f.campaign()
            + ": "
            + eligible
            + (eligible == 1 ? " contact is" : " contacts are")
            + " eligible (sent the original, no answer of any kind).");
    List<String> why = new ArrayList<>();
    counts.forEach(
        (r, n) -> {
          if (r != FollowUp.Reason.ELIGIBLE) {
            why.add(n + " " + r.label());
          }
        });
    if (optedOut[0] > 0) {
      why.add(optedOut[0] + " on the opt-out list");
    }
    int missing = f.originalsSent() - originalsInList[0];
    if (missing > 0) {
      why.add(missing + " sent the original but not in this contact list");
    }
    if (!why.isEmpty()) {
      out.println("  Not eligible: " + String.join(", ", why) + ".");
    }
  }
}
