package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help, version, usage errors, and what an internal error looks like. */
class HelpAndErrorsTest {
  @TempDir Path dir;

  /** A clock that fails: the simplest way to make a command hit an unexpected exception. */
  /** A clock that throws what {@code failure} makes, standing in for anything deep in a run. */
  private static final class BrokenClock extends Clock {
    private final java.util.function.Supplier<? extends Throwable> failure;

    BrokenClock() {
      this(() -> new IllegalStateException("the clock is broken"));
    }

    BrokenClock(java.util.function.Supplier<? extends Throwable> failure) {
      this.failure = failure;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      Throwable t = failure.get();
      if (t instanceof Error e) {
        throw e;
      }
      throw (RuntimeException) t;
    }
  }

  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    CliRun.Result r = CliRun.in(dir).run("--help");

    assertEquals(0, r.exitCode(), r::toString);
    String out = r.out();
    assertContains(out, "Usage: herald");
    assertContains(out, "check");
    assertContains(out, "preview");
    assertContains(out, "Exit codes:");
    for (String code : new String[] {"0  done", "1  unexpected internal error", "2  usage error"}) {
      assertContains(out, code);
    }
    assertContains(out, "3  partly delivered");
    assertContains(out, "4  could not deliver at all");
    assertContains(out, "Examples:");
  }

  @Test
  void noArgumentsShowsTheHelp() {
    CliRun.Result r = CliRun.in(dir).run();

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Exit codes:");
  }

  @Test
  void commandHelpListsItsOptions() {
    CliRun.Result r = CliRun.in(dir).run("help", "preview");

    assertEquals(0, r.exitCode(), r::toString);
    for (String option : new String[] {"--out", "--limit", "--only", "--skip-invalid"}) {
      assertContains(r.out(), option);
    }
  }

  @Test
  void versionNamesHerald() {
    CliRun.Result r = CliRun.in(dir).run("--version");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("herald "), r.out());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Samples.copyTo(dir);

    CliRun.Result r = CliRun.in(dir).run("check", Samples.TEMPLATE, "--bogus");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "Unknown option: '--bogus'");
    assertContains(r.err(), "Usage: herald check");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    CliRun.Result r = CliRun.in(dir).run("chekc");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "chekc");
  }

  @Test
  void aMissingTemplateIsNamed() {
    Samples.copyTo(dir);

    CliRun.Result check = CliRun.in(dir).run("check", "templates/no-such-release.md");
    CliRun.Result preview = CliRun.in(dir).run("preview", "templates/no-such-release.md");

    assertEquals(2, check.exitCode(), check::toString);
    assertContains(check.all(), "templates/no-such-release.md: no such template");
    assertEquals(2, preview.exitCode(), preview::toString);
    assertContains(preview.err(), "templates/no-such-release.md: no such template");
  }

  @Test
  void aTemplateThatIsNotMarkdownIsRefused() {
    Samples.copyTo(dir);

    CliRun.Result r = CliRun.in(dir).run("check", "contacts/media.csv");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.all(), "a template is a Markdown file ending in .md");
  }

  @Test
  void aMalformedWhereIsAUsageError() {
    Samples.copyTo(dir);

    CliRun.Result r = CliRun.in(dir).run("check", Samples.TEMPLATE, "--where", "language");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "--where takes COLUMN=VALUE");
  }

  @Test
  void anInternalErrorSaysItIsABugWithoutAStackTrace() {
    Samples.copyTo(dir);

    CliRun.Result r = CliRun.in(dir).clock(new BrokenClock()).run("preview", Samples.TEMPLATE);

    assertEquals(1, r.exitCode(), r::toString);
    assertContains(r.err(), "herald: internal error: IllegalStateException: the clock is broken");
    assertContains(r.err(), "This is a bug in herald");
    assertContains(r.err(), "--stacktrace");
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(r.all().contains("null"), r::toString);
  }

  @Test
  void runningOutOfMemorySaysHowToGiveMoreWithoutAStackTrace() {
    Samples.copyTo(dir);

    CliRun.Result r =
        CliRun.in(dir)
            .clock(new BrokenClock(() -> new OutOfMemoryError("Java heap space")))
            .run("preview", Samples.TEMPLATE);

    assertEquals(1, r.exitCode(), r::toString);
    assertContains(r.err(), "herald: out of memory (Java heap space)");
    assertContains(r.err(), "HERALD_JAVA_OPTS=-Xmx2g");
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(r.all().contains("OutOfMemoryError"), r::toString);
  }

  @Test
  void anyOtherErrorIsReportedAsABugWithoutAStackTrace() {
    Samples.copyTo(dir);

    CliRun.Result r =
        CliRun.in(dir)
            .clock(new BrokenClock(StackOverflowError::new))
            .run("preview", Samples.TEMPLATE);

    assertEquals(1, r.exitCode(), r::toString);
    assertContains(r.err(), "herald: internal error: StackOverflowError");
    assertContains(r.err(), "This is a bug in herald");
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(r.all().contains("null"), r::toString);
  }

  @Test
  void stacktraceShowsTheStackTrace() {
    Samples.copyTo(dir);

    CliRun.Result r =
        CliRun.in(dir).clock(new BrokenClock()).run("preview", Samples.TEMPLATE, "--stacktrace");

    assertEquals(1, r.exitCode(), r::toString);
    assertContains(r.err(), "herald: internal error");
    assertContains(r.err(), "\tat ");
  }

  @Test
  void inputErrorsNeverShowAStackTrace() {
    Samples.copyTo(dir);
    dev.herald.testing.TestFiles.write(dir, "contacts/media.csv", "email\nnot-an-address\n");

    CliRun.Result r = CliRun.in(dir).run("preview", Samples.TEMPLATE);

    assertEquals(2, r.exitCode(), r::toString);
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
