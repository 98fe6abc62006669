package dev.herald.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A row after which the file cannot be read (an unbalanced quote) cannot be skipped: the contacts
 * after it are unknown, and sending to the ones before would report success while missing the rest.
 */
class UnreadableRestTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"check", "preview", "send"})
  void anUnbalancedQuoteStopsTheRunEvenWithSkipInvalid(String command) throws Exception {
    Samples.copyTo(dir);
    Files.writeString(
        dir.resolve("contacts/media.csv"),
        "email,first_name,last_name\n"
            + "a@one.example,Anna,Nowak\n"
            + "\"b@two.example,Bruno,Rossi\n"
            + "c@three.example,Chloé,Lambert\n");
    Files.writeString(
        dir.resolve(Samples.TEMPLATE), "Subject: Hi\nFrom: p@x.example\n\nHello {{name}}\n");
    Files.deleteIfExists(dir.resolve("templates/podlaskie-digitalisation.pl.md"));
    CliRun.Result r = CliRun.in(dir).run(command, Samples.TEMPLATE, "--skip-invalid");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.all().contains("media.csv:3"), r.toString());
    assertTrue(r.all().contains("not read further"), r.toString());
    assertFalse(Files.exists(dir.resolve("outbox")), "nothing was written to the outbox");
    assertFalse(Files.exists(dir.resolve("preview/index.html")), "no preview was written");
  }
}
