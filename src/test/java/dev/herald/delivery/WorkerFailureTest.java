package dev.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.ExitCodes;
import dev.herald.contacts.Contact;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.JournalReader;
import dev.herald.journal.Outcome;
import dev.herald.mailserver.Failure;
import dev.herald.mailserver.MailSessions;
import dev.herald.mailserver.Security;
import dev.herald.mailserver.ServerConfig;
import dev.herald.message.MessageBuilder;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection that meets an error nobody planned for (its journal gone, Jakarta Mail's own state
 * checks) stops the run with the reason or retries; it never vanishes and leaves its share of the
 * queue unexplained or the feeder blocked.
 */
class WorkerFailureTest {
  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  private ServerConfig server() {
    return new ServerConfig(
        mail.getSmtp().getBindTo(),
        mail.getSmtp().getPort(),
        Security.NONE,
        null,
        null,
        null,
        Duration.ofSeconds(5),
        ServerConfig.DATA_TIMEOUT,
        false,
        null);
  }

  private static Contact contact(int i) {
    return new Contact(
        Path.of("contacts/media.csv"), i + 1L, "j" + i + "@example.org", Map.of("email", "j" + i));
  }

  /**
   * A small message; one that {@code breaks} has no envelope sender, which the transport does not
   * expect and fails on with an unchecked exception, as a bug in it would.
   */
  private static MessageBuilder.Built message(Session session, Contact c, boolean breaks) {
    try {
      byte[] wire =
          ("From: press@example.org\r\nTo: "
                  + c.email()
                  + "\r\nSubject: Release\r\nMessage-ID: <"
                  + c.email()
                  + "@herald>\r\n\r\nHello\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      return new MessageBuilder.Built(
          List.of(wire),
          0,
          new byte[0],
          "<" + c.email() + "@herald>",
          breaks ? null : new InternetAddress("press@example.org"),
          List.of(new InternetAddress(c.email())),
          session);
    } catch (AddressException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Run(
      AtomicReference<Failure> fatal, Tally tally, BlockingQueue<SmtpWorker.Ready> queue) {}

  private Run run(Journal journal, Function<Contact, MessageBuilder.Built> render, int jobs)
      throws Exception {
    return run(journal, render, jobs, Clock.systemUTC());
  }

  private Run run(
      Journal journal, Function<Contact, MessageBuilder.Built> render, int jobs, Clock clock)
      throws Exception {
    return run(journal, render, jobs, clock, new AtomicReference<>(), e -> {});
  }

  private Run run(
      Journal journal,
      Function<Contact, MessageBuilder.Built> render,
      int jobs,
      Clock clock,
      AtomicReference<Failure> fatal,
      java.util.function.Consumer<JournalEntry> onDone)
      throws Exception {
    ServerConfig server = server();
    Session session = MailSessions.smtp(server);
    BlockingQueue<SmtpWorker.Ready> queue = new ArrayBlockingQueue<>(jobs + 1);
    for (int i = 0; i < jobs; i++) {
      Contact c = contact(i);
      queue.put(new SmtpWorker.Ready(new Job(c, false), render.apply(c)));
    }
    queue.put(SmtpWorker.END);
    Tally tally = new Tally();
    SmtpWorker w =
        new SmtpWorker(
            server,
            session,
            PipeliningTransport.connect(session, server),
            queue,
            journal,
            "c",
            new RateLimiter(0),
            new Retry(2, Duration.ofMillis(1)),
            tally,
            fatal,
            clock,
            onDone);
    Thread t = new Thread(w, "worker-under-test");
    t.start();
    t.join(20_000);
    assertTrue(!t.isAlive(), "the connection's thread ended");
    return new Run(fatal, tally, queue);
  }

  @Test
  void aJournalThatCannotBeWrittenStopsTheRunWithTheReasonAndDrainsTheQueue() throws Exception {
    Journal journal = Journal.open(dir.resolve("logs/sends.csv"));
    journal.close();
    Session session = MailSessions.smtp(server());
    Run r = run(journal, c -> message(session, c, false), 5);

    Failure f = r.fatal().get();
    assertNotNull(f, "the run is stopped");
    assertEquals(Failure.Kind.LOCAL, f.kind());
    assertEquals(ExitCodes.INTERNAL, f.code());
    assertTrue(f.reply().contains("closed"), f.reply());
    assertEquals(0, mail.getReceivedMessages().length, "nothing sent without its journal entry");
    assertTrue(r.queue().isEmpty(), "the queue was drained, so the feeder cannot block on it");
    assertEquals(0, r.tally().done());
  }

  @Test
  void anUnexpectedErrorWhileSendingIsRetriedOnAFreshConnectionThenDeferred() throws Exception {
    Path file = dir.resolve("logs/sends.csv");
    Session session = MailSessions.smtp(server());
    Run r;
    try (Journal journal = Journal.open(file)) {
      r = run(journal, c -> message(session, c, c.email().startsWith("j0@")), 2);
    }
    assertEquals(null, r.fatal().get(), "one broken message does not stop the run");
    assertEquals(1, r.tally().sentCount());
    assertEquals(1, r.tally().deferred().size());
    assertTrue(
        r.tally().deferred().get(0).reply().contains("NullPointerException"),
        r.tally().deferred().get(0).reply());
    assertEquals(1, mail.getReceivedMessages().length);
    List<JournalEntry> entries = new java.util.ArrayList<>();
    JournalReader.forEach(file, entries::add);
    assertTrue(
        entries.stream()
            .anyMatch(e -> e.outcome() == Outcome.DEFERRED && e.recipient().startsWith("j0@")),
        entries.toString());
  }

  /**
   * A stop that comes just after a message's outcome went to disk together with the next message's
   * attempt (one sync for both): the next message is not sent, and its attempt gets an outcome that
   * says so, or a re-run would report it as sent again and the report as in flight.
   */
  @Test
  void aStopJustAfterTheNextAttemptWasRecordedLeavesThatAttemptAnOutcome() throws Exception {
    Path file = dir.resolve("logs/sends.csv");
    Session session = MailSessions.smtp(server());
    AtomicReference<Failure> fatal = new AtomicReference<>();
    Failure stop = new Failure(Failure.Kind.LOCAL, ExitCodes.STOPPED, "interrupted by SIGTERM.");
    try (Journal journal = Journal.open(file)) {
      run(
          journal,
          c -> message(session, c, false),
          3,
          Clock.systemUTC(),
          fatal,
          e -> fatal.compareAndSet(null, stop)); // the signal, right after the first outcome
    }
    assertEquals(1, mail.getReceivedMessages().length);
    List<JournalEntry> entries = new java.util.ArrayList<>();
    JournalReader.forEach(file, entries::add);
    List<String> lines =
        entries.stream()
            .map(e -> e.recipient() + " " + e.outcome().csv() + " " + e.reply())
            .toList();
    assertEquals("j0@example.org sent", lines.get(1).substring(0, "j0@example.org sent".length()));
    assertEquals(
        List.of("j1@example.org attempt ", "j1@example.org deferred not sent: the run stopped"),
        lines.subList(2, lines.size()),
        lines.toString());
  }

  /**
   * The journal fails on the last outcome, after the connection has already taken its end of the
   * queue: it stops the run and ends, rather than wait forever for another end.
   */
  @Test
  @org.junit.jupiter.api.Timeout(30)
  void aJournalFailingOnTheLastOutcomeStillLetsTheConnectionEnd() throws Exception {
    Journal journal = Journal.open(dir.resolve("logs/sends.csv"));
    Session session = MailSessions.smtp(server());
    java.util.concurrent.atomic.AtomicInteger stamps =
        new java.util.concurrent.atomic.AtomicInteger();
    Clock closingOnTheSecondEntry =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public java.time.Instant instant() {
            if (stamps.incrementAndGet() == 2) {
              journal.close(); // the outcome of the only message: the disk is gone
            }
            return java.time.Instant.now();
          }
        };
    Run r = run(journal, c -> message(session, c, false), 1, closingOnTheSecondEntry);

    Failure f = r.fatal().get();
    assertNotNull(f, "the run is stopped");
    assertEquals(Failure.Kind.LOCAL, f.kind());
    assertTrue(f.reply().contains("closed"), f.reply());
    assertEquals(1, mail.getReceivedMessages().length, "it was sent; its attempt is on record");
  }
}
