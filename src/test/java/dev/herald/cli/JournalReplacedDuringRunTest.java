package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal replaced while a run writes it — {@code git pull} bringing in the CI job's committed
 * journal, a spreadsheet or editor saving it by writing a new file and renaming it over the old —
 * keeps receiving the run's outcomes in the old, unlinked file. They are lost, the run still ends
 * with exit 0, and the next run mails again everyone this one reached.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JournalReplacedDuringRunTest {
  // Found by attacking the promise: the run kept writing to the replaced (unlinked) file and the
  // re-run mailed everyone whose outcome went there. Now the run stops and says so.
  @TempDir Path dir;

  @Test
  void outcomesWrittenAfterTheJournalWasReplacedAreNotLost() throws Exception {
    Samples.copyTo(dir);
    Path journal = dir.resolve("logs/sends.csv");
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofMillis(300)).start()) {
      CompletableFuture<CliRun.Result> run =
          CompletableFuture.supplyAsync(
              () ->
                  CliRun.in(dir)
                      .run(Smtp.send(server.host(), server.port(), "--connections", "1")));
      server.awaitAccepted(2, Duration.ofSeconds(60));

      // as an editor or git does: a new file with what the journal held, renamed over it
      Path copy = dir.resolve("logs/sends.csv.new");
      Files.copy(journal, copy);
      Files.move(
          copy, journal, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

      CliRun.Result first = run.get(60, TimeUnit.SECONDS);
      int delivered = server.acceptedCount();
      // The run notices before its next write and stops, as with a full disk: at most the one
      // message in flight on its one connection was accepted without being recorded.
      assertEquals(5, first.exitCode(), first::toString);
      assertTrue(first.out().contains("the journal was replaced during the run"), first::toString);
      assertTrue(delivered < 15, first::toString);

      CliRun.Result second = CliRun.in(dir).run(Smtp.send(server.host(), server.port()));
      assertEquals(0, second.exitCode(), second::toString);
      int duplicates = server.acceptedCount() - 15;
      assertTrue(
          duplicates >= 0 && duplicates <= 1,
          "everyone once, at most one twice (one connection): " + first + "\n" + second);
    }
  }
}
