package dev.herald.template;

import dev.herald.Problem;
import dev.herald.contacts.Contact;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embargo as each contact reads it, in their {@code timezone} column's zone (else the embargo's
 * own). The texts are the same for every contact of a variant in one zone: they are formatted once
 * for each.
 */
final class EmbargoTexts {
  /**
   * The embargo's texts for one variant and one reader's zone: {@code {{embargo}}}, and the notice
   * and subject prefix, null once the embargo has passed (or, for the prefix, when not asked for).
   */
  record Texts(String date, String notice, String subjectPrefix) {}

  private record For(Template template, ZoneId zone) {}

  private final boolean passed;
  private final Map<For, Texts> formatted = new ConcurrentHashMap<>();

  /** {@code passed}: the embargo is over at the time of the run, so it is no longer announced. */
  EmbargoTexts(boolean passed) {
    this.passed = passed;
  }

  /** The texts for this contact of variant {@code t}, or null when the release has no embargo. */
  Texts of(Contact contact, Template t) {
    Schedule schedule = t.schedule();
    if (schedule.embargo().isEmpty()) {
      return null;
    }
    ZonedDateTime when = schedule.embargo().get();
    String written = contact.value(Embargo.TIMEZONE).strip();
    ZoneId zone;
    try {
      zone = written.isEmpty() ? when.getZone() : Embargo.zone(written);
    } catch (DateTimeException e) {
      throw new RenderException(Problem.at(contact.file(), contact.line(), e.getMessage()));
    }
    return formatted.computeIfAbsent(
        new For(t, zone),
        k ->
            new Texts(
                Embargo.date(when, t.language(), zone),
                passed ? null : Embargo.notice(when, t.language(), zone),
                passed || !schedule.embargoInSubject()
                    ? null
                    : Embargo.subjectPrefix(when, t.language(), zone)));
  }
}
