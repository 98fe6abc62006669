package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.ExitCodes;
import dev.herald.testing.ChildHerald;
import dev.herald.testing.CliRun;
import dev.herald.testing.FakeTerminal;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Received;
import dev.herald.testing.Samples;
import dev.herald.testing.Slow;
import dev.herald.testing.Smtp;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs of one campaign at once: the journal's lock is held from before its state is read until
 * the last outcome, through the confirmation prompt, so the second run is refused at once and every
 * journalist gets one copy. The other run is a real child process where it can be.
 */
@Slow
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SendLockTest {
  static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  /** A person at the terminal who takes their time: answers "yes" once released. */
  static final class SlowToAnswer implements Invocation.Terminal {
    final CountDownLatch asked = new CountDownLatch(1);
    final CountDownLatch answer = new CountDownLatch(1);

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public String readLine(String prompt) {
      asked.countDown();
      try {
        return answer.await(WAIT.toSeconds(), TimeUnit.SECONDS) ? "yes" : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    @Override
    public char[] readPassword(String prompt) {
      return null;
    }
  }

  /** {@code send} of the sample release to GreenMail, without --yes: it asks first. */
  private String[] askingSend() {
    return new String[] {
      "send",
      Samples.TEMPLATE,
      "--smtp-host",
      mail.getSmtp().getBindTo(),
      "--smtp-port",
      String.valueOf(mail.getSmtp().getPort()),
      "--smtp-security",
      "none"
    };
  }

  /** Starts a run in this JVM that stops at "Type yes", and waits until it is there. */
  private CompletableFuture<CliRun.Result> waitingAtThePrompt(Path folder, SlowToAnswer person)
      throws InterruptedException {
    CompletableFuture<CliRun.Result> run =
        CompletableFuture.supplyAsync(() -> CliRun.in(folder).terminal(person).run(askingSend()));
    assertTrue(person.asked.await(WAIT.toSeconds(), TimeUnit.SECONDS), "never asked");
    return run;
  }

  private Map<String, Integer> copiesPerRecipient() throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      String to = m.getRecipients(Message.RecipientType.TO)[0].toString();
      counts.merge(to.toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    return counts;
  }

  private void assertOneCopyEach(CliRun.Result first) throws Exception {
    assertEquals(0, first.exitCode(), first::toString);
    assertEquals(15, mail.getReceivedMessages().length, first::toString);
    copiesPerRecipient().forEach((rcpt, n) -> assertEquals(1, n, rcpt + ": " + n + " copies"));
  }

  @Test
  void aRunWaitingAtThePromptKeepsAScheduledRunInAnotherProcessOut() throws Exception {
    Samples.copyTo(dir);
    SlowToAnswer person = new SlowToAnswer();
    CompletableFuture<CliRun.Result> first = waitingAtThePrompt(dir, person);

    ChildHerald other = ChildHerald.in(dir);
    Process p = other.start(Smtp.send(mail.getSmtp().getBindTo(), mail.getSmtp().getPort()));
    assertTrue(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the second run waited");
    assertEquals(ExitCodes.UNDELIVERABLE, p.exitValue(), other.output());
    assertTrue(
        other.err().contains("logs/sends.csv is in use by another herald run; nothing was sent"),
        other.output());
    assertEquals(0, mail.getReceivedMessages().length);

    person.answer.countDown();
    assertOneCopyEach(first.get(WAIT.toSeconds(), TimeUnit.SECONDS));
  }

  @Test
  void aRunStartedWhileAnotherProcessSendsIsRefusedBeforeItAsks() throws Exception {
    Samples.copyTo(dir);
    ChildHerald.contacts(dir, 40);
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofMillis(100)).start()) {
      ChildHerald other = ChildHerald.in(dir);
      Process p = other.start(Smtp.send(server.host(), server.port(), "--connections", "1"));
      server.awaitAccepted(2, WAIT);

      FakeTerminal person = FakeTerminal.answering("yes");
      String[] asking = Smtp.send(server.host(), server.port());
      CliRun.Result second =
          CliRun.in(dir)
              .terminal(person)
              .run(List.of(asking).subList(0, asking.length - 1).toArray(String[]::new));
      assertEquals(ExitCodes.UNDELIVERABLE, second.exitCode(), second::toString);
      assertTrue(second.err().contains("is in use by another herald run"), second::toString);
      assertEquals(List.of(), person.prompts(), "refused before asking anything");

      assertTrue(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), other.output());
      assertEquals(0, p.exitValue(), other.output());
      Map<String, Integer> counts = new HashMap<>();
      for (Received r : server.received()) {
        r.recipients()
            .forEach(rcpt -> counts.merge(rcpt.toLowerCase(Locale.ROOT), 1, Integer::sum));
      }
      assertEquals(40, counts.size());
      counts.forEach((rcpt, n) -> assertEquals(1, n, rcpt));
    }
  }

  @Test
  void aJournalReachedThroughALinkSharesTheLockOfTheRealFile() throws Exception {
    Path real = dir.resolve("campaign");
    Path linked = dir.resolve("elsewhere");
    Samples.copyTo(real);
    Samples.copyTo(linked);
    Files.createDirectories(real.resolve("logs"));
    Files.createDirectories(linked.resolve("logs"));
    // the journal does not exist yet: the link points at where it will be
    Files.createSymbolicLink(
        linked.resolve("logs/sends.csv"), real.resolve("logs/sends.csv").toAbsolutePath());

    SlowToAnswer person = new SlowToAnswer();
    CompletableFuture<CliRun.Result> first = waitingAtThePrompt(real, person);
    CliRun.Result second =
        CliRun.in(linked).run(Smtp.send(mail.getSmtp().getBindTo(), mail.getSmtp().getPort()));
    assertEquals(ExitCodes.UNDELIVERABLE, second.exitCode(), second::toString);
    assertTrue(second.err().contains("is in use by another herald run"), second::toString);
    assertEquals(0, mail.getReceivedMessages().length);
    person.answer.countDown();
    assertOneCopyEach(first.get(WAIT.toSeconds(), TimeUnit.SECONDS));

    // and once the journal exists, the other way round
    Files.delete(real.resolve("logs/sends.csv"));
    Files.writeString(
        real.resolve("logs/sends.csv"), "time,campaign,recipient,outcome,reply,message_id\n");
    mail.purgeEmailFromAllMailboxes();
    SlowToAnswer again = new SlowToAnswer();
    CompletableFuture<CliRun.Result> viaLink = waitingAtThePrompt(linked, again);
    CliRun.Result direct =
        CliRun.in(real).run(Smtp.send(mail.getSmtp().getBindTo(), mail.getSmtp().getPort()));
    assertEquals(ExitCodes.UNDELIVERABLE, direct.exitCode(), direct::toString);
    again.answer.countDown();
    assertOneCopyEach(viaLink.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertTrue(Files.isSymbolicLink(linked.resolve("logs/sends.csv")), "the link stays a link");
  }
}
