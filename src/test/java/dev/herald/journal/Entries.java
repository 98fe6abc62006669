package dev.herald.journal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Sample entries and a read-everything shortcut for the journal tests. */
final class Entries {
  static final Instant T0 = Instant.parse("2026-11-27T09:51:23.123Z");

  private Entries() {}

  static JournalEntry entry(int n, Outcome outcome) {
    return new JournalEntry(
        T0.plusMillis(n),
        "podlaskie-2021",
        "contact" + n + "@example.org",
        outcome,
        outcome == Outcome.SENT ? "250 2.0.0 Ok: queued as " + n : "",
        "<podlaskie-2021." + n + "@herald.example>");
  }

  static List<JournalEntry> readAll(Path file) {
    List<JournalEntry> entries = new ArrayList<>();
    JournalReader.forEach(file, entries::add);
    return entries;
  }
}
