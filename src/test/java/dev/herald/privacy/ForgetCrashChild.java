package dev.herald.privacy;

import dev.herald.FolderKey;
import dev.herald.InputLimits;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Run in a child JVM by {@link ForgetCrashTest}: forgets an address and, after the given number of
 * files, says so and waits to be killed, as a crash between two files would stop it.
 */
public final class ForgetCrashChild {
  private ForgetCrashChild() {}

  public static void main(String[] args) throws InterruptedException {
    Path dir = Path.of(args[0]);
    int stopAfter = Integer.parseInt(args[2]);
    Places places =
        new Places(
            dir,
            dir.resolve("contacts"),
            dir.resolve("logs/sends.csv"),
            dir.resolve("logs/replies.csv"),
            dir.resolve("logs/interviews.csv"),
            List.of(dir.resolve("contacts/optout.csv")),
            List.of(dir.resolve("outbox"), dir.resolve("preview")));
    FolderKey key = FolderKey.load(System.getenv(), dir);
    int[] done = {0};
    try (ForgetLocks locks = ForgetLocks.take(places)) {
      Person person = new Person(args[1]);
      Holdings held = PersonSearch.find(places, person, key, InputLimits.DEFAULT);
      new Erasure(places, person, key, held, null)
          .run(
              LocalDate.EPOCH,
              locks.journal(),
              step -> {
                System.out.println(step);
                if (++done[0] == stopAfter) {
                  System.out.println("PAUSED");
                  System.out.flush();
                  try {
                    Thread.sleep(Long.MAX_VALUE);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              });
    }
    System.out.println("DONE");
  }
}
