package dev.herald.testing;

import dev.herald.journal.JournalEntry;
import dev.herald.journal.JournalReader;
import dev.herald.journal.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The send journal ({@code logs/sends.csv}) of a working folder, read back for assertions. */
public final class SendJournal {
  /** Where {@code send} keeps its journal, relative to the working folder. */
  public static final String FILE = "logs/sends.csv";

  private SendJournal() {}

  /** Every entry, in file order; none if there is no journal. */
  public static List<JournalEntry> entries(Path workdir) {
    List<JournalEntry> entries = new ArrayList<>();
    JournalReader.forEach(workdir.resolve(FILE), entries::add);
    return entries;
  }

  /** The entries with this outcome, in file order. */
  public static List<JournalEntry> entries(Path workdir, Outcome outcome) {
    return entries(workdir).stream().filter(e -> e.outcome() == outcome).toList();
  }

  /** The recipients (lower-cased) with an entry of this outcome, each with how many. */
  public static Map<String, Integer> count(Path workdir, Outcome outcome) {
    Map<String, Integer> counts = new TreeMap<>();
    for (JournalEntry e : entries(workdir, outcome)) {
      counts.merge(e.recipient().toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    return counts;
  }
}
