package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** {@code --status}, {@code --source} and {@code interviews list --format}, in any case. */
class InterviewsConvertersTest {
  @TempDir Path dir;

  @Test
  void everyStatusIsReadInAnyCaseWithSpacesAround() {
    InterviewsConverters.Status status = new InterviewsConverters.Status();
    for (Interview.Status s : Interview.Status.values()) {
      assertEquals(s, status.convert(s.csv()));
      assertEquals(s, status.convert(s.name()));
      assertEquals(
          s,
          status.convert(" " + s.csv().substring(0, 1).toUpperCase() + s.csv().substring(1) + " "));
    }
  }

  @Test
  void everySourceIsReadInAnyCase() {
    InterviewsConverters.Source source = new InterviewsConverters.Source();
    for (Interview.Source s : Interview.Source.values()) {
      assertEquals(s, source.convert(s.csv()));
      assertEquals(s, source.convert(s.name()));
    }
  }

  @Test
  void everyListFormatIsReadInAnyCase() {
    InterviewsConverters.ListFormat format = new InterviewsConverters.ListFormat();
    for (InterviewsListView.Format f : InterviewsListView.Format.values()) {
      assertEquals(f, format.convert(f.name()));
      assertEquals(f, format.convert(" " + f.name().toLowerCase() + " "));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "confirmed", "request", "requested,done", "REQUESTED\u0000"})
  void anotherStatusIsRefusedNamingTheValidOnes(String value) {
    String message =
        assertThrows(
                TypeConversionException.class,
                () -> new InterviewsConverters.Status().convert(value))
            .getMessage();

    assertTrue(message.startsWith("--status '"), message);
    assertTrue(message.endsWith("' is not one of requested, scheduled, done, declined"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "fax", "e-mail", "phone call"})
  void anotherSourceIsRefusedNamingTheValidOnes(String value) {
    String message =
        assertThrows(
                TypeConversionException.class,
                () -> new InterviewsConverters.Source().convert(value))
            .getMessage();

    assertEquals("--source '" + value + "' is not one of reply, link, phone, manual", message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "xml", "tsv", "table,csv"})
  void anotherFormatIsRefusedNamingTheValidOnes(String value) {
    String message =
        assertThrows(
                TypeConversionException.class,
                () -> new InterviewsConverters.ListFormat().convert(value))
            .getMessage();

    assertEquals("--format takes table, csv or json, not '" + value + "'", message);
  }

  @Test
  void aHostileValueIsShownEscapedInTheRefusal() {
    String message =
        assertThrows(
                TypeConversionException.class,
                () -> new InterviewsConverters.Status().convert("done\u001b[1A\u001b[2K\u202Eok"))
            .getMessage();

    assertContains(message, "'done\\u001B[1A\\u001B[2K\\u202Eok'");
    assertFalse(message.chars().anyMatch(c -> c == 0x1b || c == 0x202E), message);
  }

  @Test
  void onTheCommandLineTheChoicesTakeAnyCase() {
    Samples.copyTo(dir);
    CliRun herald = CliRun.in(dir);

    CliRun.Result added =
        herald.run(
            "interviews",
            "add",
            "--campaign",
            "spring-launch",
            "--new-campaign",
            "--email",
            "a@b.example",
            "--status",
            "Scheduled",
            "--source",
            "MANUAL");
    assertEquals(0, added.exitCode(), added::toString);
    assertContains(added.out(), "(scheduled, by manual)");

    CliRun.Result updated = herald.run("interviews", "update", "I0001", "--status", " DONE ");
    assertEquals(0, updated.exitCode(), updated::toString);
    assertEquals(
        Interview.Status.DONE,
        new InterviewLog(dir.resolve("logs/interviews.csv")).read().get(0).status());

    CliRun.Result json = herald.run("interviews", "list", "--format", "JSON");
    assertEquals(0, json.exitCode(), json::toString);
    assertTrue(json.out().startsWith("[\n  {\n"), json::toString);
    assertEquals(
        TestFiles.read(dir.resolve("logs/interviews.csv")),
        herald.run("interviews", "list", "--format", "Csv").out());
  }

  @Test
  void onTheCommandLineAnotherChoiceIsExit2AndChangesNothing() {
    Samples.copyTo(dir);
    CliRun herald = CliRun.in(dir);
    herald.run("interviews", "add", "--campaign", "c", "--new-campaign", "--email", "a@b.example");
    String log = TestFiles.read(dir.resolve("logs/interviews.csv"));

    CliRun.Result r = herald.run("interviews", "update", "I0001", "--status", "\u001b[2Jdone");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(
        r.err(), "--status '\\u001B[2Jdone' is not one of requested, scheduled, done, declined");
    assertFalse(r.err().contains("\u001b"), r::toString);
    assertFalse(r.err().contains("Exception"), r::toString);
    assertEquals(log, TestFiles.read(dir.resolve("logs/interviews.csv")));
  }
}
