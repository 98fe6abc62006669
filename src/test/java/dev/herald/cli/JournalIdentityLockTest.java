package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.ExitCodes;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One journal is one file, however it is reached (found by attacking the promise). A hard link
 * gives the same journal a second path that no symbolic link resolves to, and the lock file beside
 * each path would be a different file: such a journal is refused. A lock file deleted during a run
 * no longer lets two runs send.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JournalIdentityLockTest {
  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  @Test
  void aHardLinkedJournalIsRefusedBeforeAnythingIsSent() throws Exception {
    Path office = dir.resolve("office");
    Path ci = dir.resolve("ci");
    Samples.copyTo(office);
    Samples.copyTo(ci);
    Files.createDirectories(office.resolve("logs"));
    Files.createDirectories(ci.resolve("logs"));
    Files.writeString(
        office.resolve("logs/sends.csv"), "time,campaign,recipient,outcome,reply,message_id\n");
    Files.createLink(ci.resolve("logs/sends.csv"), office.resolve("logs/sends.csv"));
    String[] send = Smtp.send(mail.getSmtp().getBindTo(), mail.getSmtp().getPort());

    CliRun.Result fromOffice = CliRun.in(office).run(send);
    CliRun.Result fromCi = CliRun.in(ci).run(send);

    for (CliRun.Result r : new CliRun.Result[] {fromOffice, fromCi}) {
      assertEquals(ExitCodes.INPUT, r.exitCode(), r::toString);
      assertTrue(r.err().contains("has 2 names (hard links)"), r::toString);
    }
    assertEquals(0, mail.getReceivedMessages().length);
  }

  /**
   * The lock file stays after every run, so it looks like a stale lock that is safe to delete (as
   * many tools' lock files are); deleting it while a run holds it lets a second run in.
   */
  @Test
  void deletingTheLeftoverLookingLockFileDuringARunDoesNotLetASecondRunIn() throws Exception {
    Samples.copyTo(dir);
    SendLockTest.SlowToAnswer person = new SendLockTest.SlowToAnswer();
    String[] send = Smtp.send(mail.getSmtp().getBindTo(), mail.getSmtp().getPort());
    String[] asking = java.util.Arrays.copyOf(send, send.length - 1); // without --yes
    CompletableFuture<CliRun.Result> first =
        CompletableFuture.supplyAsync(() -> CliRun.in(dir).terminal(person).run(asking));
    assertTrue(person.asked.await(60, TimeUnit.SECONDS), "never asked");

    Files.delete(dir.resolve("logs/sends.csv.lock"));
    CliRun.Result second = CliRun.in(dir).run(send);
    person.answer.countDown();
    CliRun.Result firstResult = first.get(60, TimeUnit.SECONDS);

    // The second run could not know; the first, on its way past the question, finds its lock
    // file gone and sends nothing: each journalist gets one copy.
    assertEquals(0, second.exitCode(), second::toString);
    assertEquals(ExitCodes.UNDELIVERABLE, firstResult.exitCode(), firstResult::toString);
    assertTrue(
        firstResult.err().contains("during the run, so another run may be sending"),
        firstResult::toString);
    assertEquals(15, mail.getReceivedMessages().length);
    assertTrue(
        Files.readString(dir.resolve("logs/sends.csv.lock")).contains("deleting it while a run"),
        "the lock file says what it is for");
  }
}
