package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code -C DIR} before the command or after it, with the same meaning. */
class DirectoryOptionTest {
  @TempDir Path dir;
  Path folder;

  @BeforeEach
  void sample() throws Exception {
    folder = Files.createDirectories(dir.resolve("release"));
    Samples.copyTo(folder);
  }

  private Invocation invocation() {
    return new Invocation(
        Map.of(), Clock.fixed(CliRun.NOW, ZoneOffset.UTC), dir, Invocation.noTerminal());
  }

  /** herald started in {@code dir} (which is not the working folder) with {@code args}. */
  private CliRun.Result run(String... args) {
    return CliRun.execute(Cli.create(invocation(), args), args);
  }

  @Test
  void afterTheCommandItMeansWhatItMeansBefore() {
    CliRun.Result before = run("-C", "release", "send", Samples.TEMPLATE, "--dry-run");
    CliRun.Result after = run("send", "-C", "release", Samples.TEMPLATE, "--dry-run");
    CliRun.Result atTheEnd = run("send", Samples.TEMPLATE, "--dry-run", "--directory", "release");

    assertEquals(0, before.exitCode(), before::toString);
    assertEquals(0, after.exitCode(), after::toString);
    assertEquals(before.out(), after.out());
    assertEquals(before.out(), atTheEnd.out());
    assertContains(after.out(), Samples.CAMPAIGN);
  }

  @Test
  void aSubcommandOfASubcommandTakesItToo() {
    CliRun.Result r = run("interviews", "list", "-C", "release");

    assertEquals(0, r.exitCode(), r::toString);
  }

  @Test
  void theFolderGivenAfterTheCommandChoosesTheSettingsFile() throws Exception {
    TestFiles.write(folder, "herald.properties", "smtp.port = 2828\n");
    TestFiles.write(dir, "herald.properties", "smtp.port = 2525\n");

    CommandLine.ParseResult r =
        Cli.create(invocation()).parseArgs("send", "-C", "release", Samples.TEMPLATE);

    assertEquals(2828, ((SendCommand) r.subcommand().commandSpec().userObject()).smtp.port);
  }

  @Test
  void theSameFolderTwiceIsFine() {
    CliRun.Result r =
        run("-C", "release", "send", "-C", "./release/", Samples.TEMPLATE, "--dry-run");

    assertEquals(0, r.exitCode(), r::toString);
  }

  @Test
  void twoDifferentFoldersAreRefusedNamingBoth() {
    CliRun.Result r = run("-C", "release", "send", "-C", ".", Samples.TEMPLATE, "--dry-run");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "-C release and -C .");
    assertContains(r.err(), "different working folders");
  }
}
