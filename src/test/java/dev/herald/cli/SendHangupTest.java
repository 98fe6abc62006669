package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.ExitCodes;
import dev.herald.journal.Outcome;
import dev.herald.testing.ChildHerald;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Received;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Slow;
import dev.herald.testing.Smtp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the terminal window (or losing the ssh session) a send runs in sends SIGHUP. herald
 * handles SIGTERM and SIGINT with an orderly stop, but SIGHUP ends the JVM at once: no summary, and
 * the replies the server was about to give are lost, so the re-run mails those recipients again,
 * exactly what the orderly stop exists to avoid.
 */
@Slow
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SendHangupTest {
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aHangupStopsInOrderLikeSigterm() throws Exception {
    Samples.copyTo(dir);
    ChildHerald.contacts(dir, 60);
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().delayPerMessage(Duration.ofMillis(500)).start()) {
      ChildHerald child = ChildHerald.in(dir).env(Smtp.FAST_RETRIES);
      Process p = child.start(Smtp.send(server.host(), server.port(), "--connections", "2"));
      server.awaitAccepted(2, WAIT);
      server.awaitInFlight(1, WAIT);
      Process hup = new ProcessBuilder("kill", "-HUP", String.valueOf(p.pid())).start();
      assertEquals(0, hup.waitFor());
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (server.inFlightCount() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }

      Set<String> accepted = new HashSet<>();
      for (Received r : server.received()) {
        r.recipients().forEach(a -> accepted.add(a.toLowerCase(Locale.ROOT)));
      }
      assertEquals(
          accepted,
          SendJournal.count(dir, Outcome.SENT).keySet(),
          "messages the server accepted are not journalled as sent\n" + child.output());
      assertEquals(ExitCodes.STOPPED, p.exitValue(), child.output());
    }
  }
}
