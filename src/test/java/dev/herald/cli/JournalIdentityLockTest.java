package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.ExitCodes;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One journal is one file, however it is reached. A hard link (or a bind mount of the file, which
 * behaves the same) gives the same journal a second path that no symbolic link resolves to, and the
 * lock file beside each path is then a different file: two runs both read "nobody sent yet".
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JournalIdentityLockTest {
  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  @Test
  void aHardLinkedJournalInAnotherFolderSharesTheLock() throws Exception {
    Path office = dir.resolve("office");
    Path ci = dir.resolve("ci");
    Samples.copyTo(office);
    Samples.copyTo(ci);
    Files.createDirectories(office.resolve("logs"));
    Files.createDirectories(ci.resolve("logs"));
    Files.writeString(
        office.resolve("logs/sends.csv"), "time,campaign,recipient,outcome,reply,message_id\n");
    Files.createLink(ci.resolve("logs/sends.csv"), office.resolve("logs/sends.csv"));

    SendLockTest.SlowToAnswer person = new SendLockTest.SlowToAnswer();
    String[] send = Smtp.send(mail.getSmtp().getBindTo(), mail.getSmtp().getPort());
    String[] asking = java.util.Arrays.copyOf(send, send.length - 1); // without --yes
    CompletableFuture<CliRun.Result> first =
        CompletableFuture.supplyAsync(() -> CliRun.in(office).terminal(person).run(asking));
    assertTrue(person.asked.await(60, TimeUnit.SECONDS), "never asked");

    CliRun.Result second = CliRun.in(ci).run(send);
    person.answer.countDown();
    CliRun.Result firstResult = first.get(60, TimeUnit.SECONDS);

    assertEquals(ExitCodes.UNDELIVERABLE, second.exitCode(), second::toString);
    assertTrue(second.err().contains("is in use by another herald run"), second::toString);
    assertEquals(0, firstResult.exitCode(), firstResult::toString);
    Map<String, Integer> copies = new HashMap<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      String to = m.getRecipients(Message.RecipientType.TO)[0].toString();
      copies.merge(to.toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    copies.forEach((rcpt, n) -> assertEquals(1, n, rcpt + ": " + n + " copies"));
    assertEquals(15, mail.getReceivedMessages().length);
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

    assertEquals(ExitCodes.UNDELIVERABLE, second.exitCode(), second::toString);
    assertEquals(0, firstResult.exitCode(), firstResult::toString);
    assertEquals(15, mail.getReceivedMessages().length);
  }
}
