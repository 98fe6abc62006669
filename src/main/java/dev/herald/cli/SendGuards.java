package dev.herald.cli;

import dev.herald.HeraldException;
import dev.herald.campaign.Lateness;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.delivery.SendRun;
import dev.herald.util.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What {@code herald send} refuses once the journal says who is still due: a release sent too long
 * after its Send-At ({@code --max-late}, {@code Send-Until}), and, with {@code check.strict}, a
 * release with empty placeholders. A dry run refuses nothing; it says what the real run would do.
 */
public final class SendGuards {
  @Option(
      names = "--max-late",
      paramLabel = "DURATION",
      converter = MaxLate.class,
      description =
          "How late after the template's Send-At a send may start (90m, 24h, 3d, PT24H; also"
              + " send.max-late). Later, send refuses (exit 2) while anyone is still due. Given"
              + " here, it also overrides the template's Send-Until. Default: 24h.")
  Duration maxLate;

  /** {@code --max-late}, read as {@code send.max-late} is. */
  static final class MaxLate extends SettingConverters.Checked<Duration> {
    MaxLate() {
      super(v -> Durations.parse(v, "--max-late"));
    }
  }

  /** The lateness in force: {@code option} if given, else {@code send.max-late}, else 24 hours. */
  static Lateness lateness(Settings settings, Duration option) {
    if (option != null) {
      return new Lateness(option, "--max-late", true);
    }
    String from =
        settings.get(null, "send.max-late") == null
            ? "by default; see --max-late"
            : settings.source(null, "send.max-late");
    return new Lateness(settings.maxLate(), from, false);
  }

  /**
   * Refuses (exit 2, nothing sent) a real send that is too late while anyone is still due, or that
   * {@code check.strict} stops for empty placeholders; returns {@code run} otherwise. A dry run
   * prints to {@code err} that the real run would refuse, and goes on.
   */
  SendRun check(
      Settings settings,
      LoadedCampaign v,
      SendRun run,
      Instant now,
      boolean dryRun,
      PrintWriter err) {
    if (settings.checkStrict() && !v.emptyPlaceholders().isEmpty()) {
      if (dryRun) {
        err.println(
            "note: check.strict is set: a real send would refuse (exit 2) because of the empty"
                + " placeholders above");
      } else {
        v.strict();
        v.requireOk(true);
      }
    }
    if (settings.checkStrictConsent() && !v.missingConsent(!dryRun).isEmpty()) {
      if (dryRun) {
        err.println(
            "note: check.strict-consent is set: a real send would refuse (exit 2): some contacts"
                + " have no legal_basis (herald check names them)");
      } else {
        v.requireOk(true);
      }
    }
    Optional<String> late = lateness(settings, maxLate).refusal(v.templates().base(), now);
    // --max-late refuses only what is still due: a job that has sent everything stays green
    if (late.isPresent() && run.plan((e, d) -> {}).due() > 0) {
      if (!dryRun) {
        throw HeraldException.input(late.get() + " Nothing was sent.");
      }
      err.println("note: a real send now would refuse (exit 2): " + late.get());
    }
    err.flush();
    return run;
  }
}
