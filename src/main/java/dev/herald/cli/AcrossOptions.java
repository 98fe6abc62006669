package dev.herald.cli;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.campaign.FollowUp;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.delivery.SendRun;
import dev.herald.delivery.SkipRule;
import dev.herald.interviews.InterviewLog;
import dev.herald.journal.CampaignState;
import dev.herald.journal.CrossCampaign;
import dev.herald.journal.FollowUpLog;
import dev.herald.replies.ReplyLog;
import dev.herald.template.FollowUpHeader;
import dev.herald.template.Template;
import dev.herald.util.Durations;
import dev.herald.util.Similar;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code send}'s options that look across campaigns: pitch spacing ({@code --min-gap}, {@code
 * --ignore-gap}, {@code send.min-gap}) and follow-ups ({@code --follow-up}, or the template's
 * {@code Follow-Up} header). Both read the journal in the pass that reads the run's own state.
 */
public final class AcrossOptions {
  @Option(
      names = "--min-gap",
      paramLabel = "DURATION",
      converter = MinGap.class,
      description =
          "Skip contacts that another campaign's message reached within this time before now"
              + " (7d, 72h, P7D; also send.min-gap). The campaign a follow-up follows does not"
              + " count.")
  Duration minGap;

  @Option(
      names = "--ignore-gap",
      description = "Send regardless of send.min-gap (pitch spacing off for this run).")
  boolean ignoreGap;

  @Option(
      names = "--follow-up",
      paramLabel = "CAMPAIGN",
      description =
          "Send a follow-up of CAMPAIGN: only to its contacts who were sent it and have not"
              + " answered in any way, threaded under their original message (as the template"
              + " header Follow-Up: CAMPAIGN).")
  String followUp;

  /** {@code --min-gap}, read as {@code send.min-gap} is. */
  static final class MinGap extends SettingConverters.Checked<Duration> {
    MinGap() {
      super(v -> Durations.parse(v, "--min-gap"));
    }
  }

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private CrossCampaign cross;
  private FollowUp eligibility;
  private String gapFrom = "";

  /**
   * The journal's state of the run's campaign, read in one pass with what other campaigns did;
   * refuses (exit 2) a follow-up of a campaign that cannot be followed up.
   */
  CampaignState load(HeraldCommand root, Settings settings, LoadedCampaign v, Path journal) {
    String campaign = v.templates().campaign();
    String followed = followed(v.templates().base());
    Duration gap = ignoreGap ? null : minGap != null ? minGap : settings.minGap();
    if (gap != null && gap.isZero()) {
      gap = null;
    }
    gapFrom =
        gap == null
            ? ""
            : (minGap != null ? "--min-gap " : "send.min-gap ") + Durations.compact(gap);
    cross = new CrossCampaign(campaign, gap, root.invocation.clock().instant(), followed);
    CampaignState state = CampaignState.load(journal, campaign, cross);
    if (followed != null) {
      refuse(campaign, followed, journal, v);
      eligibility =
          FollowUp.of(
              cross,
              root.resolve(Path.of(ReplyLog.DEFAULT_PATH)),
              root.resolve(Path.of(InterviewLog.DEFAULT_PATH)));
      boolean subjects = v.templates().all().stream().allMatch(t -> t.header("subject") != null);
      eligibility.requireSubjects(subjects);
      FollowUp f = eligibility;
      // proofs get the subject but not the threading headers (see FollowUp#thread)
      v.renderer().finishWith((r, proof) -> f.thread(r, !proof));
    }
    return state;
  }

  /** The follow-up's eligibility once {@link #load} has run; null for no follow-up. */
  FollowUp eligibility() {
    return eligibility;
  }

  /**
   * {@code run} with the rules of these options, and a follow-up's threading; a real run also
   * records which campaign the follow-up follows.
   */
  SendRun apply(SendRun run, Path journal, HeraldCommand root, boolean dryRun) {
    if (eligibility != null) {
      run.addRule(
          c -> {
            FollowUp.Reason r = eligibility.judge(c.email());
            return r == FollowUp.Reason.ELIGIBLE
                ? null
                : new SkipRule.Skip(
                    SendRun.Decision.NOT_ELIGIBLE, r.label() + " (" + cross.followed() + ")");
          });
      if (!dryRun) {
        FollowUpLog.beside(journal)
            .record(cross.campaign(), cross.followed(), root.invocation.clock().instant());
      }
    }
    if (cross.gap() != null) {
      run.addRule(
          c -> {
            CrossCampaign.Mark m = cross.recent(c.email());
            return m == null
                ? null
                : new SkipRule.Skip(
                    SendRun.Decision.SPACED,
                    "sent "
                        + m.campaign()
                        + " on "
                        + WHEN.format(m.time())
                        + ", within "
                        + gapFrom);
          });
    }
    return run;
  }

  /**
   * For proofs: a follow-up's proofs get its subject, without the threading headers; nothing
   * changes when this is no follow-up.
   */
  void proofs(HeraldCommand root, Settings settings, LoadedCampaign v, Path journal) {
    if (followed(v.templates().base()) != null) {
      load(root, settings, v, journal);
    }
  }

  /**
   * For {@code preview}: a follow-up template's messages as the follow-up sends them ("Re: "
   * subject, threading headers), so that what the reviewer approves is what goes out.
   */
  static void preview(HeraldCommand root, Settings settings, LoadedCampaign v, Path journal) {
    AcrossOptions a = new AcrossOptions();
    a.ignoreGap = true;
    a.proofs(root, settings, v, journal);
  }

  private String followed(Template base) {
    Optional<String> header = FollowUpHeader.campaign(base);
    String option = followUp == null ? null : followUp.strip();
    if (option != null && header.isPresent() && !header.get().equals(option)) {
      throw HeraldException.input(
          "--follow-up "
              + option
              + " and the template's 'Follow-Up: "
              + header.get()
              + "' disagree; give one campaign. Nothing was sent.");
    }
    return option != null ? option : header.orElse(null);
  }

  private void refuse(String campaign, String followed, Path journal, LoadedCampaign v) {
    String where = Display.path(journal);
    if (followed.equals(campaign)) {
      throw HeraldException.input(
          "campaign "
              + campaign
              + " cannot follow itself up: give the follow-up its own campaign id (its file name,"
              + " or a 'Campaign:' header). Nothing was sent.");
    }
    Boolean reached = cross.campaigns().get(followed);
    if (reached == null) {
      Optional<String> near = Similar.closest(followed, cross.campaigns().keySet(), 3);
      throw HeraldException.input(
          "no campaign '"
              + followed
              + "' in "
              + where
              + near.map(n -> "; did you mean '" + n + "'?").orElse("")
              + (cross.campaigns().isEmpty()
                  ? ": nothing has been sent yet"
                  : near.isPresent()
                      ? ""
                      : "; campaigns there: " + String.join(", ", cross.campaigns().keySet()))
              + ". Nothing was sent.");
    }
    if (!reached || cross.originalsSent() == 0) {
      throw HeraldException.input(
          "campaign "
              + followed
              + " has no sent message in "
              + where
              + " (only written to the outbox, or never accepted by a server): there is nothing to"
              + " follow up. Nothing was sent.");
    }
    String itFollows = FollowUpLog.beside(journal).read().get(followed);
    if (itFollows != null && !FollowUpHeader.again(v.templates().base())) {
      throw HeraldException.input(
          "campaign "
              + followed
              + " is itself a follow-up (of "
              + itFollows
              + "): a third message to people who did not answer two is rarely welcome. To send"
              + " one anyway, add 'Follow-Up-Again: yes' to the template. Nothing was sent.");
    }
  }
}
