package dev.herald.campaign;

import dev.herald.Display;
import dev.herald.template.Schedule;
import dev.herald.template.Template;
import dev.herald.util.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Whether a send started now is too late for the release: a CI job that failed for days must not
 * send a stale release the moment it is fixed. The latest start is the template's {@code
 * Send-Until}, else {@code Send-At} plus the allowed lateness ({@code --max-late}, {@code
 * send.max-late}, 24 hours by default). An explicit {@code --max-late} wins over {@code
 * Send-Until}, so that a person can send anyway without editing the reviewed template. Without
 * either header there is no lateness.
 *
 * @param maxLate how late a send may start after Send-At
 * @param from where {@code maxLate} came from, for messages: {@code --max-late}, {@code
 *     HERALD_SEND_MAX_LATE}, {@code send.max-late in herald.properties} or {@code the default}
 * @param overridesUntil whether {@code maxLate} was given on the command line, which overrides
 *     Send-Until
 */
public record Lateness(Duration maxLate, String from, boolean overridesUntil) {
  /** How late a send may start after Send-At when nothing says otherwise. */
  public static final Duration DEFAULT = Duration.ofHours(24);

  /**
   * Why a send of {@code release} started at {@code now} is too late, with how late and how to send
   * anyway; empty when it is not.
   */
  public Optional<String> refusal(Template release, Instant now) {
    Schedule s = release.schedule();
    // With no Send-At, a --max-late that overrides Send-Until counts from Send-Until: the margin
    // moves the deadline, it never lifts it.
    Optional<ZonedDateTime> sendAt = s.sendAt().isPresent() ? s.sendAt() : s.sendUntil();
    boolean byUntil = s.sendUntil().isPresent() && !overridesUntil;
    Instant deadline;
    if (byUntil) {
      deadline = s.sendUntil().get().toInstant();
    } else if (sendAt.isPresent()) {
      deadline = sendAt.get().toInstant().plus(maxLate);
    } else {
      return Optional.empty();
    }
    if (!now.isAfter(deadline)) {
      return Optional.empty();
    }
    String file = Display.path(release.file());
    String campaign = "campaign " + release.campaign() + " is ";
    String stale =
        ": a release this late is not sent unless asked for. To send it anyway, run again";
    if (byUntil) {
      String anyway =
          " with --max-late "
              + suggestion(sendAt.get(), now)
              + (s.sendAt().isPresent()
                  ? " (it overrides Send-Until)"
                  : " (with no Send-At, it counts from Send-Until)");
      return Optional.of(
          campaign
              + Durations.describe(Duration.between(deadline, now))
              + " after its Send-Until ("
              + s.sendUntil().get()
              + ")"
              + stale
              + anyway
              + ", or move Send-Until later in "
              + file
              + " (or remove it).");
    }
    return Optional.of(
        campaign
            + Durations.describe(Duration.between(sendAt.get().toInstant(), now))
            + (s.sendAt().isPresent() ? " after its Send-At (" : " after its Send-Until (")
            + sendAt.get()
            + "), more than the "
            + Durations.describe(maxLate)
            + " a send may start late ("
            + from
            + ")"
            + stale
            + " with --max-late "
            + suggestion(sendAt.get(), now)
            + (s.sendAt().isPresent() ? ", or move Send-At in " : ", or move Send-Until in ")
            + file
            + " (or remove it).");
  }

  /** A --max-late that lets a run at {@code now} send: the lateness in whole days, rounded up. */
  private static String suggestion(ZonedDateTime sendAt, Instant now) {
    Duration late = Duration.between(sendAt.toInstant(), now);
    return Durations.compact(Duration.ofDays(late.toDays() + 1));
  }
}
