package dev.herald.journal;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Run in a child JVM by {@link JournalCrashTest}: appends entries durably, one after another, and
 * after each prints how many have been acknowledged, until it is killed.
 */
public final class JournalCrashChild {
  private JournalCrashChild() {}

  public static void main(String[] args) {
    Journal journal = Journal.open(Path.of(args[0]));
    for (long n = 0; ; n++) {
      journal.appendDurably(
          new JournalEntry(
              Instant.now(),
              "crash-test",
              "contact" + n + "@example.org",
              n % 2 == 0 ? Outcome.ATTEMPT : Outcome.SENT,
              n % 3 == 0 ? "250 2.0.0 Ok, queued as \"" + n + "\"" : "250 ok",
              "<crash-test." + n + "@herald.example>"));
      System.out.println(n + 1);
      System.out.flush();
    }
  }
}
