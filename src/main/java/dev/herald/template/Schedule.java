package dev.herald.template;

import dev.herald.Display;
import dev.herald.Problem;
import dev.herald.util.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a release may go out and what it tells recipients about its embargo: the {@code Send-At},
 * {@code Send-Until}, {@code Embargo} and {@code Embargo-Subject} headers. They belong to the
 * release, not to one language: written once in the default file, they hold for every variant.
 */
public record Schedule(
    Optional<ZonedDateTime> sendAt,
    Optional<ZonedDateTime> sendUntil,
    Optional<ZonedDateTime> embargo,
    Optional<Boolean> embargoSubject) {

  /** The header keys that make up a schedule, in the order they are reported. */
  static final List<String> KEYS = List.of("send-at", "send-until", "embargo", "embargo-subject");

  /** No schedule: send whenever asked, no embargo. */
  public static final Schedule NONE =
      new Schedule(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** This schedule with what it leaves out taken from {@code base} (the release's default file). */
  Schedule orElse(Schedule base) {
    return new Schedule(
        sendAt.or(base::sendAt),
        sendUntil.or(base::sendUntil),
        embargo.or(base::embargo),
        embargoSubject.or(base::embargoSubject));
  }

  /** Whether the subject is to be prefixed "EMBARGOED UNTIL …" (while the embargo holds). */
  public boolean embargoInSubject() {
    return embargoSubject.orElse(false);
  }

  /**
   * Whether the embargo has lifted at {@code now}: from then on the messages carry no embargo
   * notice and no "EMBARGOED UNTIL" subject. False without an embargo.
   */
  public boolean embargoPassed(Instant now) {
    return embargo.isPresent() && !now.isBefore(embargo.get().toInstant());
  }

  /**
   * What check and preview say when the embargo has lifted by {@code now}: the messages no longer
   * announce it; empty while it holds, or without one. {@code file} is the release's default file.
   */
  public Optional<String> embargoPassedWarning(Path file, Instant now) {
    if (!embargoPassed(now)) {
      return Optional.empty();
    }
    return Optional.of(
        Display.path(file)
            + ": the Embargo ("
            + embargo.get()
            + ") passed "
            + Durations.describe(Duration.between(embargo.get().toInstant(), now))
            + " ago: the messages carry no embargo notice"
            + (embargoInSubject() ? " and no \"EMBARGOED UNTIL\" subject" : "")
            + ", and {{embargo}} still gives its date; remove the Embargo header if that date is"
            + " not meant to appear");
  }

  /** The value of one of {@link #KEYS} as written back for messages, or empty. */
  Optional<String> value(String key) {
    return switch (key) {
      case "send-at" -> sendAt.map(ZonedDateTime::toString);
      case "send-until" -> sendUntil.map(ZonedDateTime::toString);
      case "embargo" -> embargo.map(ZonedDateTime::toString);
      case "embargo-subject" -> embargoSubject.map(b -> b.toString().toLowerCase(Locale.ROOT));
      default -> throw new IllegalArgumentException(key);
    };
  }

  /**
   * The problems of a release's own schedule (that of its default file, {@code src}): an order of
   * times that cannot be meant, or an Embargo-Subject with no embargo to put in the subject.
   */
  List<Problem> problems(TemplateFile src) {
    Path file = src.file();
    List<Problem> problems = new ArrayList<>();
    if (sendAt.isPresent() && embargo.isPresent() && !sendAt.get().isBefore(embargo.get())) {
      problems.add(
          at(
              src,
              "send-at",
              "Send-At ("
                  + sendAt.get()
                  + ") is "
                  + (sendAt.get().isEqual(embargo.get()) ? "the same time as" : "after")
                  + " the Embargo ("
                  + embargo.get()
                  + "): the release would reach journalists only once the embargo it announces"
                  + " has lifted; send before the embargo (an earlier Send-At), or move the"
                  + " Embargo later"));
    }
    if (sendAt.isPresent() && sendUntil.isPresent() && !sendUntil.get().isAfter(sendAt.get())) {
      problems.add(
          at(
              src,
              "send-until",
              "Send-Until ("
                  + sendUntil.get()
                  + ") is not after Send-At ("
                  + sendAt.get()
                  + "): no run could ever send; Send-Until is the latest time a send may start"));
    }
    if (embargoInSubject() && embargo.isEmpty()) {
      problems.add(
          at(
              src,
              "embargo-subject",
              "Embargo-Subject: true needs an 'Embargo:' header in "
                  + Display.path(file)
                  + ": the subject would say \"EMBARGOED UNTIL\" with no time"));
    }
    return problems;
  }

  private static Problem at(TemplateFile src, String key, String message) {
    TemplateFile.Header h = src.header(key);
    return h == null
        ? Problem.file(src.file(), message)
        : Problem.at(src.file(), h.line(), message);
  }
}
