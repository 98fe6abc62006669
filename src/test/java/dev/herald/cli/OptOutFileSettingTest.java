package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A typo in the {@code optout.file} setting names a file that does not exist. herald reads that as
 * an empty list and drops the working folder's {@code contacts/optout.csv}, so everyone who opted
 * out is mailed (the legacy list beside the contact file hides it only while the contacts lie in
 * {@code contacts/}). PRODUCT.md's settings decision: "a typo cannot silently switch a safeguard
 * off".
 */
class OptOutFileSettingTest {
  static final String OPTED_OUT = "w.desmet@kempische-koerier.example";

  @TempDir Path dir;

  @Test
  void aMistypedOptOutFileSettingDoesNotSwitchTheListOff() throws Exception {
    Samples.copyTo(dir);
    TestFiles.write(dir, "herald.properties", "optout.file = contacts/opt-out.csv\n");
    Files.createDirectories(dir.resolve("exports"));
    Files.copy(dir.resolve("contacts/media.csv"), dir.resolve("exports/media.csv"));

    try (FaultySmtpServer server = FaultySmtpServer.builder().start()) {
      CliRun.Result r =
          CliRun.in(dir)
              .run(Smtp.send(server.host(), server.port(), "--contacts", "exports/media.csv"));

      assertEquals(
          0,
          server.messagesTo(OPTED_OUT).size(),
          OPTED_OUT + " is on contacts/optout.csv and was mailed: " + r);
      assertNotEquals(0, r.exitCode(), "a missing opt-out list named by a setting is an error");
    }
  }
}
