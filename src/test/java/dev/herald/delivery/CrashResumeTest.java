package dev.herald.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.PipeliningSmtpServer;
import dev.herald.testing.Received;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Slow;
import dev.herald.testing.Smtp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills herald mid-send (a child JVM, killed as a CI timeout or the OOM killer would) and runs it
 * again: nobody is missed, and only the messages in flight at the kill, at most one per connection,
 * can arrive twice; the re-run names them.
 */
@Slow
class CrashResumeTest {
  static final int CONTACTS = 300;
  static final int CONNECTIONS = 2;
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static String address(int n) {
    return String.format(Locale.ROOT, "editor%03d@newsroom%d.example", n, n % 7);
  }

  private void contacts() throws Exception {
    Samples.copyTo(dir);
    StringBuilder csv =
        new StringBuilder("email,first_name,last_name,salutation,outlet,language\n");
    for (int n = 0; n < CONTACTS; n++) {
      csv.append(address(n))
          .append(",Anna,Nowak-")
          .append(n)
          .append(",Dear Editor,Regional Daily ")
          .append(n)
          .append(n % 3 == 0 ? ",pl\n" : ",en\n");
    }
    Files.writeString(dir.resolve("contacts/media.csv"), csv.toString(), UTF_8);
  }

  /** What the test needs of a server: where it is and what it took. */
  private interface Sink {
    String host();

    int port();

    boolean awaitAccepted(int n) throws InterruptedException;

    int acceptedCount();

    int inFlightCount();

    /** The envelope recipients of every message accepted. */
    List<List<String>> recipients();
  }

  private static Sink of(FaultySmtpServer server) {
    return new Sink() {
      public String host() {
        return server.host();
      }

      public int port() {
        return server.port();
      }

      public boolean awaitAccepted(int n) throws InterruptedException {
        server.awaitAccepted(n, WAIT);
        return true;
      }

      public int acceptedCount() {
        return server.acceptedCount();
      }

      public int inFlightCount() {
        return server.inFlightCount();
      }

      public List<List<String>> recipients() {
        return server.received().stream().map(Received::recipients).toList();
      }
    };
  }

  private static Sink of(PipeliningSmtpServer server) {
    return new Sink() {
      public String host() {
        return server.host();
      }

      public int port() {
        return server.port();
      }

      public boolean awaitAccepted(int n) throws InterruptedException {
        return server.awaitReceived(n, WAIT.toSeconds());
      }

      public int acceptedCount() {
        return server.received().size();
      }

      public int inFlightCount() {
        return server.inFlightCount();
      }

      public List<List<String>> recipients() {
        return server.received().stream().map(PipeliningSmtpServer.Message::recipients).toList();
      }
    };
  }

  private Process startChild(Sink server) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.herald.Main"));
    command.addAll(List.of("-C", dir.toString()));
    command.addAll(List.of(Smtp.send(server.host(), server.port())));
    command.addAll(List.of("--connections", String.valueOf(CONNECTIONS)));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("child-out.txt").toFile())
            .redirectError(dir.resolve("child-err.txt").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("HERALD_"));
    builder.environment().putAll(Smtp.FAST_RETRIES);
    return builder.start();
  }

  private String childOutput() throws Exception {
    return "child stdout:\n"
        + Files.readString(dir.resolve("child-out.txt"))
        + "\nchild stderr:\n"
        + Files.readString(dir.resolve("child-err.txt"));
  }

  /** The recipients whose last entry in the journal is an attempt: in flight when the run died. */
  private Set<String> inFlight() {
    Map<String, Outcome> last = new HashMap<>();
    for (JournalEntry e : SendJournal.entries(dir)) {
      last.put(e.recipient().toLowerCase(Locale.ROOT), e.outcome());
    }
    Set<String> attempts = new TreeSet<>();
    last.forEach(
        (rcpt, outcome) -> {
          if (outcome == Outcome.ATTEMPT) {
            attempts.add(rcpt);
          }
        });
    return attempts;
  }

  /** Waits until the server holds no message, so that what it accepted no longer changes. */
  private static void awaitSettled(Sink server) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (server.inFlightCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, server.inFlightCount(), "the server still holds messages");
  }

  @Test
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aRunKilledMidSendIsResumedWithAtMostOneDuplicatePerConnection() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofMillis(20)).start()) {
      killAndResume(of(server));
    }
  }

  @Test
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void withPipeliningAcrossMessagesStillAtMostOneDuplicatePerConnection() throws Exception {
    // The next envelope goes out behind each ".": a kill then leaves an envelope at the server as
    // well as a message, and the envelope delivers nothing.
    try (PipeliningSmtpServer server =
        PipeliningSmtpServer.start(PipeliningSmtpServer.Script.none())
            .delayPerMessage(Duration.ofMillis(20))) {
      killAndResume(of(server));
      assertTrue(server.earlyEnvelopes() > 0, "no envelope went out early");
    }
  }

  private void killAndResume(Sink server) throws Exception {
    contacts();
    Process child = startChild(server);
    try {
      assertTrue(server.awaitAccepted(50), "50 messages not accepted in time");
      assertTrue(child.isAlive(), "the child ended before it was killed");
    } catch (AssertionError e) {
      child.destroyForcibly().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
      throw new AssertionError(e.getMessage() + "\n" + childOutput(), e);
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the child did not die");
    }
    awaitSettled(server);
    int acceptedBeforeRerun = server.acceptedCount();
    assertTrue(acceptedBeforeRerun < CONTACTS, "the child finished before it was killed");
    Set<String> inFlight = inFlight();
    assertTrue(inFlight.size() <= CONNECTIONS, "in flight at the kill: " + inFlight);

    CliRun.Result rerun =
        CliRun.in(dir)
            .env(Smtp.FAST_RETRIES)
            .run(Smtp.send(server.host(), server.port(), "--connections", "4"));

    assertEquals(0, rerun.exitCode(), rerun + "\n" + childOutput());
    Map<String, Integer> counts = new HashMap<>();
    for (List<String> r : server.recipients()) {
      for (String rcpt : r) {
        counts.merge(rcpt.toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    }
    Set<String> twice = new TreeSet<>();
    for (int n = 0; n < CONTACTS; n++) {
      int got = counts.getOrDefault(address(n), 0);
      assertTrue(got >= 1, address(n) + " never got the release");
      assertTrue(got <= 2, address(n) + " got it " + got + " times");
      if (got == 2) {
        twice.add(address(n));
      }
    }
    assertEquals(CONTACTS, counts.size());
    assertTrue(
        twice.size() <= CONNECTIONS,
        twice.size() + " got it twice, with " + CONNECTIONS + " connections: " + twice);
    // only a message in flight at the kill can arrive twice
    assertTrue(inFlight.containsAll(twice), "twice: " + twice + ", in flight: " + inFlight);
    // the re-run sent everyone else once, and named whom it sent again
    assertEquals(
        CONTACTS - acceptedBeforeRerun + twice.size(),
        server.acceptedCount() - acceptedBeforeRerun);
    if (inFlight.isEmpty()) {
      assertFalse(rerun.out().contains("Sent again"), rerun::toString);
    } else {
      assertTrue(rerun.out().contains("Sent again, because they were being sent"), rerun::toString);
      List<String> named =
          rerun.out().lines().filter(l -> l.startsWith("  editor")).map(String::strip).toList();
      assertEquals(inFlight, new TreeSet<>(named), rerun::toString);
    }
    Map<String, Integer> sent = SendJournal.count(dir, Outcome.SENT);
    assertEquals(CONTACTS, sent.size());
    sent.forEach((rcpt, n) -> assertEquals(1, n, rcpt + " recorded as sent " + n + " times"));
  }
}
