package dev.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.contacts.Contact;
import dev.herald.mailserver.Failure;
import dev.herald.message.MessageBuilder;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The render threads between the contact feed and the connections. */
class RenderStageTest {
  private static final Session SESSION = Session.getInstance(new Properties());

  private static Contact contact(int i) {
    return new Contact(
        Path.of("contacts/media.csv"), i + 2L, "j" + i + "@example.org", Map.of("email", "j" + i));
  }

  private static MessageBuilder.Built built(Contact c) {
    try {
      return new MessageBuilder.Built(
          List.of(new byte[] {'x'}),
          0,
          new byte[0],
          "<" + c.email() + ">",
          new InternetAddress("press@example.org"),
          List.of(new InternetAddress(c.email())),
          SESSION);
    } catch (AddressException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Feeds {@code count} contacts through three render threads; returns what came out. */
  private static List<SmtpWorker.Ready> run(
      int count, Function<Contact, MessageBuilder.Built> render, AtomicReference<Failure> fatal)
      throws InterruptedException {
    BlockingQueue<Job> feed = new ArrayBlockingQueue<>(4);
    BlockingQueue<SmtpWorker.Ready> ready = new ArrayBlockingQueue<>(count + 1);
    RenderStage stage = new RenderStage(3, feed, ready, render, fatal);
    stage.start();
    for (int i = 0; i < count; i++) {
      feed.put(new Job(contact(i), false)); // a small feed: the stage must keep taking
    }
    for (int i = 0; i < stage.size(); i++) {
      feed.put(RenderStage.END);
    }
    stage.join();
    assertTrue(feed.isEmpty(), "every job and end was taken");
    return new ArrayList<>(ready);
  }

  @Test
  void everyContactComesOutRenderedOnce() throws Exception {
    AtomicReference<Failure> fatal = new AtomicReference<>();
    List<SmtpWorker.Ready> out = run(500, RenderStageTest::built, fatal);

    assertNull(fatal.get());
    assertEquals(500, out.size());
    Set<String> seen = new HashSet<>();
    for (SmtpWorker.Ready r : out) {
      assertEquals(r.job().contact().email(), r.message().recipients().get(0).getAddress());
      assertTrue(seen.add(r.job().contact().email()), "rendered twice: " + r.job());
    }
  }

  @Test
  void aContactThatNoLongerRendersStopsTheRunNamingItsLine() throws Exception {
    AtomicReference<Failure> fatal = new AtomicReference<>();
    AtomicInteger startedAfterStop = new AtomicInteger();
    List<SmtpWorker.Ready> out =
        run(
            300,
            c -> {
              if (fatal.get() != null) {
                startedAfterStop.incrementAndGet();
              }
              if (c.email().equals("j100@example.org")) {
                throw new IllegalArgumentException("'outlet' is missing");
              }
              return built(c);
            },
            fatal);

    Failure f = fatal.get();
    assertNotNull(f);
    assertEquals(Failure.Kind.INPUT, f.kind());
    assertTrue(f.reply().contains("contacts/media.csv:102"), f.reply());
    assertTrue(f.reply().contains("'outlet' is missing"), f.reply());
    assertTrue(out.stream().noneMatch(r -> r.job().contact().email().equals("j100@example.org")));
    // Once the run is stopping, the rest of the feed is taken without being rendered: only a
    // render another thread had already begun may still start.
    assertTrue(startedAfterStop.get() <= 2, "renders after the stop: " + startedAfterStop.get());
  }

  /** Out of memory in a render thread stops the run with advice, and nothing waits forever. */
  @Test
  @org.junit.jupiter.api.Timeout(30)
  void runningOutOfMemoryStopsTheRunAndTheFeedStillDrains() throws Exception {
    AtomicReference<Failure> fatal = new AtomicReference<>();
    List<SmtpWorker.Ready> out =
        run(
            300,
            c -> {
              if (c.email().equals("j7@example.org")) {
                throw new OutOfMemoryError("Java heap space");
              }
              return built(c);
            },
            fatal);

    Failure f = fatal.get();
    assertNotNull(f);
    assertEquals(Failure.Kind.LOCAL, f.kind());
    assertEquals(dev.herald.ExitCodes.INTERNAL, f.code());
    assertTrue(f.reply().contains("out of memory (Java heap space): give herald more"), f.reply());
    assertTrue(f.reply().contains("HERALD_JAVA_OPTS=-Xmx"), f.reply());
    assertTrue(out.size() < 300);
  }
}
