package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.ExitCodes;
import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.JsonText;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON summary's status says what the exit code says, and the exit code is always there. */
class SendJsonStatusTest {
  @TempDir Path dir;

  private Map<String, Object> json(CliRun.Result r) {
    Map<String, Object> json = JsonText.object(r.out().strip());
    assertEquals((long) r.exitCode(), json.get("exit_code"), r::toString);
    return json;
  }

  @Test
  void aPartlyDeliveredRunSaysSoAndARunThatSentEverythingSaysDone() {
    Samples.copyTo(dir);
    try (FaultySmtpServer server =
        FaultySmtpServer.builder()
            .rejectRecipient("l.wrobel@kurier-podlaski.example", 550, "5.1.1 no such user")
            .start()) {
      CliRun.Result partly =
          CliRun.in(dir).run(Smtp.send(server.host(), server.port(), "--format", "json"));
      assertEquals(ExitCodes.PARTIAL, partly.exitCode(), partly::toString);
      Map<String, Object> m = json(partly);
      assertEquals("partly-delivered", m.get("status"), partly::toString);
      assertEquals(1, ((List<?>) m.get("failed")).size());

      CliRun.Result rest =
          CliRun.in(dir).run(Smtp.send(server.host(), server.port(), "--format", "json"));
      assertEquals(ExitCodes.OK, rest.exitCode(), rest::toString);
      assertEquals("done", json(rest).get("status"));
    }
  }

  @Test
  void anOutboxRunSaysOutbox() {
    Samples.copyTo(dir);
    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE, "--yes", "--format", "json");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertEquals("outbox", json(r).get("status"));
  }

  @Test
  void aDryRunSaysDryRun() {
    Samples.copyTo(dir);
    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE, "--dry-run", "--format", "json");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertEquals("dry-run", json(r).get("status"));
  }
}
