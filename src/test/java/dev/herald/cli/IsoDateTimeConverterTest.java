package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** {@code --when}: ISO-8601 date-times kept as written, anything else refused with exit 2. */
class IsoDateTimeConverterTest {
  private final IsoDateTimeConverter converter = new IsoDateTimeConverter();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-12-03T14:30+01:00",
        "2026-12-03T14:30:00Z",
        "2026-12-03T14:30:15.250-05:00",
        "2026-12-03T14:30",
        "2026-12-03",
        "2026-12-03T14:30+01:00[Europe/Warsaw]"
      })
  void anIsoDateTimeIsKeptAsWritten(String when) {
    assertEquals(when, converter.convert(when));
    assertEquals(when, converter.convert("  " + when + "\t"));
  }

  @Test
  void anEmptyValueStaysEmptyToClearTheTime() {
    assertEquals("", converter.convert(""));
    assertEquals("", converter.convert("   "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "next Tuesday",
        "03/12/2026 14:30",
        "2026-12-03 14:30",
        "2026-13-01",
        "2026-02-30",
        "2026-12-03T25:00",
        "2026-12-03T14:30+19:00",
        "20261203T1430Z",
        "2026-12-03T14:30+01:00\nX-Injected: 1"
      })
  void anythingElseIsRefusedWithTheFormsItTakes(String when) {
    TypeConversionException e =
        assertThrows(TypeConversionException.class, () -> converter.convert(when));

    assertContains(e.getMessage(), "' is not an ISO-8601 date and time; write it as");
    assertContains(e.getMessage(), "2026-12-03T14:30+01:00 (or 2026-12-03T14:30, or the date");
  }

  @Test
  void controlCharactersInARefusedValueAreShownEscaped() {
    String hostile = "\u001b[2J\u001b]0;pwned\u0007\u202Etomorrow";

    String message =
        assertThrows(TypeConversionException.class, () -> converter.convert(hostile)).getMessage();

    assertContains(message, "--when '\\u001B[2J\\u001B]0;pwned\\u0007\\u202Etomorrow' is not");
    assertFalse(message.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == 0x202E), message);
  }

  @Test
  void onTheCommandLineARefusedTimeIsExit2AndChangesNothing(@TempDir Path dir) {
    Samples.copyTo(dir);
    CliRun.Result r =
        CliRun.in(dir)
            .run(
                "interviews",
                "add",
                "--campaign",
                "spring-launch",
                "--new-campaign",
                "--email",
                "a@b.example",
                "--when",
                "\u001b[31mnext week");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "--when '\\u001B[31mnext week' is not an ISO-8601 date and time");
    assertFalse(r.err().contains("\u001b"), r::toString);
    assertFalse(r.err().contains("Exception"), r::toString);
    assertFalse(Files.exists(dir.resolve("logs/interviews.csv")));
  }
}
