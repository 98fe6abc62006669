package dev.herald.cli;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import dev.herald.journal.JournalReader;
import dev.herald.util.Similar;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The campaigns a request may be logged under: those the send journal or the interview log knows.
 */
final class InterviewsCampaigns {
  private InterviewsCampaigns() {}

  /**
   * Refuses a campaign that neither the journal nor the interview log knows: a typo there would
   * show up in {@code report} as a campaign of its own, with the request missing from the real one.
   */
  static void requireKnown(String campaign, Path journal, InterviewLog log) {
    Set<String> known = new TreeSet<>();
    JournalReader.forEach(journal, e -> known.add(e.campaign()));
    for (Interview i : log.read()) {
      known.add(i.campaign());
    }
    if (known.contains(campaign)) {
      return;
    }
    // near enough to be a typo: at most a third of the name's length in edits, three if short
    String closest =
        Similar.closest(campaign, known, Math.max(3, campaign.length() / 3) + 1).orElse(null);
    throw HeraldException.input(
        Display.oneLine(
            "--campaign "
                + campaign
                + ": no such campaign in "
                + Display.path(journal)
                + " or "
                + Display.path(log.file())
                + (closest == null
                    ? known.isEmpty() ? " (no campaign has been sent yet)" : ""
                    : " (did you mean " + closest + "?)")
                + ". Give a campaign that was sent, or add --new-campaign if this one is new."));
  }
}
