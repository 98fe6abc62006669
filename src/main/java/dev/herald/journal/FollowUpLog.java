package dev.herald.journal;

import dev.herald.csv.LogFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which campaign follows up which ({@code logs/follow-ups.csv}, beside the journal): written when a
 * follow-up is first sent, read to refuse following up a follow-up and to show a follow-up's
 * figures beside its original's in {@code report}. It holds campaign ids and a date, no address.
 */
public final class FollowUpLog {
  /** The columns: the follow-up, the campaign it follows, when it was first sent. */
  public static final List<String> COLUMNS = List.of("campaign", "follows", "since");

  private static final String WHAT = "a follow-up log";

  private final Path file;

  private FollowUpLog(Path file) {
    this.file = file;
  }

  /** The log beside {@code journal}. */
  public static FollowUpLog beside(Path journal) {
    Path parent = journal.toAbsolutePath().getParent();
    return new FollowUpLog(parent.resolve("follow-ups.csv"));
  }

  public Path file() {
    return file;
  }

  /** Each follow-up campaign and the campaign it follows, in the order recorded. */
  public Map<String, String> read() {
    Map<String, String> follows = new LinkedHashMap<>();
    LogFile.forEach(
        file, COLUMNS, WHAT, row -> follows.putIfAbsent(row.values().get(0), row.values().get(1)));
    return follows;
  }

  /** Records that {@code campaign} follows {@code original}, unless already recorded. */
  public void record(String campaign, String original, Instant now) {
    LogFile.locked(
        file,
        () -> {
          if (!read().containsKey(campaign)) {
            LogFile.append(file, COLUMNS, List.of(List.of(campaign, original, now.toString())));
          }
          return null;
        });
  }
}
