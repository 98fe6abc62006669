package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static dev.herald.testing.TestFiles.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.herald.testing.CliRun;
import dev.herald.testing.Malformed;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** herald.properties in the working folder: limits, and never a password. */
class SettingsFileTest {
  @TempDir Path dir;

  @BeforeEach
  void release() {
    TestFiles.write(dir, Malformed.TEMPLATE, Malformed.RELEASE);
    TestFiles.write(dir, "contacts/media.csv", Malformed.CONTACTS);
  }

  @Test
  void aPasswordInTheFileIsRefusedWithoutPrintingIt() {
    TestFiles.write(dir, "herald.properties", "smtp.host=mail.example\nsmtp.password=hunter2\n");

    CliRun.Result r = CliRun.in(dir).env(Map.of()).run("check", Malformed.TEMPLATE);

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "passwords never go in a file");
    assertContains(r.err(), "HERALD_SMTP_PASSWORD");
    assertFalse(r.all().contains("hunter2"), r::toString);
  }

  @Test
  void aLowerFieldLimitApplies() {
    TestFiles.write(dir, "herald.properties", "limits.field-chars=5\n");

    CliRun.Result r = CliRun.in(dir).run("check", Malformed.TEMPLATE);

    assertEquals(2, r.exitCode(), r::toString);
    assertNames(r.out(), "contacts/media.csv:2:1");
    assertContains(r.out(), "the limit is 5 (limits.field-chars in herald.properties)");
  }

  @Test
  void aLimitThatIsNotANumberIsAnInputError() {
    TestFiles.write(dir, "herald.properties", "limits.columns=lots\n");

    CliRun.Result r = CliRun.in(dir).run("check", Malformed.TEMPLATE);

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "limits.columns must be a positive whole number, not 'lots'");
  }

  @Test
  void theEnvironmentDoesNotChangeWhatCheckReports() {
    CliRun.Result plain = CliRun.in(dir).run("check", Malformed.TEMPLATE);
    CliRun.Result withEnv =
        CliRun.in(dir)
            .env(Map.of("HERALD_SMTP_HOST", "mail.example", "HERALD_SMTP_PASSWORD", "secret"))
            .run("check", Malformed.TEMPLATE);

    assertEquals(0, withEnv.exitCode(), withEnv::toString);
    assertEquals(plain.out(), withEnv.out());
    assertFalse(withEnv.all().contains("secret"));
  }
}
