package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.testing.CliRun;
import dev.herald.testing.FakeTerminal;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** -q, -v, colour and wrapping, on the real commands. */
class OutputOptionsTest {
  @RegisterExtension
  final GreenMailExtension mail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("press", "S3cr3t-pa55"));

  @TempDir Path dir;

  private static final String ESC = "\u001B[";
  private static final String GREEN = ESC + "1m" + ESC + "32m";
  private static final String RED = ESC + "1m" + ESC + "31m";
  private static final Map<String, String> TERM = Map.of("TERM", "xterm-256color");

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private CliRun herald() {
    return CliRun.in(dir);
  }

  /** A person at a colour terminal, with {@code more} in the environment. */
  private CliRun atTerminal(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(TERM);
    env.putAll(more);
    return CliRun.in(dir).env(env).terminal(FakeTerminal.answering());
  }

  private String[] send(String... more) {
    return Smtp.send("127.0.0.1", mail.getSmtp().getPort(), more);
  }

  private static void has(String text, String part) {
    assertTrue(text.contains(part), () -> "expected " + part + " in:\n" + text);
  }

  private static void hasNot(String text, String part) {
    assertFalse(text.contains(part), () -> "did not expect " + part + " in:\n" + text);
  }

  private static String lineStarting(String text, String start) {
    return text.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow();
  }

  @Test
  void quietCheckSaysOnlyTheSummaryLine() {
    CliRun.Result usual = herald().run("check", Samples.TEMPLATE);
    CliRun.Result quiet = herald().run("check", Samples.TEMPLATE, "-q");
    assertEquals(0, usual.exitCode(), usual::toString);
    has(usual.out(), "Campaign: ");
    assertEquals(0, quiet.exitCode(), quiet::toString);
    assertEquals("No problems found: ready to preview and send.\n", quiet.out());
    assertEquals("", quiet.err());
  }

  @Test
  void quietCheckKeepsTheProblems() throws Exception {
    Path csv = dir.resolve("contacts/media.csv");
    String header = Files.readString(csv).lines().findFirst().orElseThrow();
    String[] columns = header.split(",");
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < columns.length; i++) {
      row.append(i == 0 ? "" : ",").append(columns[i].equals("email") ? "not-an-address" : "x");
    }
    Files.writeString(csv, Files.readString(csv) + row + "\n");
    CliRun.Result quiet = herald().run("--quiet", "check", Samples.TEMPLATE);
    assertEquals(2, quiet.exitCode(), quiet::toString);
    assertTrue(quiet.out().startsWith("1 problem:"), quiet::toString);
    has(quiet.out(), "not-an-address");
    hasNot(quiet.out(), "Campaign: ");
  }

  @Test
  void verboseSaysWhereEachSettingCameFrom() throws Exception {
    Files.writeString(dir.resolve("herald.properties"), "smtp.port=2525\n");
    CliRun.Result r =
        herald()
            .env(Map.of("HERALD_SMTP_HOST", "smtp.example.org"))
            .run("check", Samples.TEMPLATE, "-v");
    has(r.err(), "smtp.host = smtp.example.org (environment, HERALD_SMTP_HOST)");
    has(r.err(), "smtp.port = 2525 (file, herald.properties)");
    has(r.err(), "other settings: their defaults");
    hasNot(herald().run("check", Samples.TEMPLATE).err(), "smtp.port = ");
  }

  @Test
  void quietAndVerboseTogetherAreRefused() {
    CliRun.Result r = herald().run("-q", "check", Samples.TEMPLATE, "--verbose");
    assertEquals(2, r.exitCode(), r::toString);
    has(r.err(), "-q/--quiet");
    has(r.err(), "-v/--verbose");
    assertEquals("", r.out());
    CliRun.Result colours = herald().run("check", Samples.TEMPLATE, "--color", "--no-color");
    assertEquals(2, colours.exitCode(), colours::toString);
    has(colours.err(), "--color and --no-color");
  }

  @Test
  void quietDryRunPrintsTheCountsOnly() {
    CliRun.Result usual = herald().run("send", Samples.TEMPLATE, "--dry-run");
    CliRun.Result quiet = herald().run("send", Samples.TEMPLATE, "--dry-run", "-q");
    has(usual.out(), "would send ");
    assertEquals(0, quiet.exitCode(), quiet::toString);
    assertEquals(1, quiet.out().lines().count(), quiet::toString);
    assertTrue(quiet.out().startsWith("Dry run: would send "), quiet::toString);
  }

  @Test
  void quietSendPrintsTheSummaryLineAndSendsEverything() {
    CliRun.Result usual = herald().run(send("--dry-run"));
    CliRun.Result quiet = herald().run(send("-q"));
    assertEquals(0, quiet.exitCode(), quiet::toString);
    assertEquals(1, quiet.out().lines().count(), quiet::toString);
    assertTrue(quiet.out().startsWith("Campaign " + Samples.CAMPAIGN + " via "), quiet::toString);
    assertEquals("", quiet.err());
    long due = usual.out().lines().filter(l -> l.startsWith("would send")).count();
    assertTrue(due > 0);
    assertEquals(due, mail.getReceivedMessages().length);
  }

  @Test
  void verboseSendSaysWhatBecameOfEachMessage() {
    CliRun.Result usual = herald().run(send("--dry-run"));
    List<String> due =
        usual
            .out()
            .lines()
            .filter(l -> l.startsWith("would send"))
            .map(
                l ->
                    java.util.Arrays.stream(l.split("\\s+"))
                        .filter(w -> w.contains("@"))
                        .findFirst()
                        .orElseThrow())
            .toList();
    assertFalse(due.isEmpty(), usual::toString);
    CliRun.Result verbose = herald().run(send("-v"));
    assertEquals(0, verbose.exitCode(), verbose::toString);
    for (String address : due) {
      // GreenMail's reply to the final dot
      has(verbose.err(), "sent " + address + ": 250 OK");
    }
    TestFiles.write(dir, "logs/sends.csv", "");
    CliRun.Result plain = herald().run(send("--only", due.get(0)));
    assertEquals(0, plain.exitCode(), plain::toString);
    hasNot(plain.all(), "sent " + due.get(0) + ":");
  }

  @Test
  void verboseOutboxRunNamesEachFileWritten() {
    CliRun.Result verbose = herald().run("send", Samples.TEMPLATE, "--yes", "-v");
    assertEquals(0, verbose.exitCode(), verbose::toString);
    String line = lineStarting(verbose.err(), "written ");
    assertTrue(line.matches("written \\S+@\\S+: .*outbox.*\\.eml"), line);
  }

  @Test
  void jsonIsTheSameUnderQuietAndNeverColoured() {
    CliRun.Result usual = herald().run("send", Samples.TEMPLATE, "--dry-run", "--format", "json");
    CliRun.Result quiet =
        atTerminal(Map.of())
            .run("send", Samples.TEMPLATE, "--dry-run", "--format", "json", "-q", "--color");
    assertEquals(usual.out(), quiet.out());
    hasNot(quiet.out(), ESC);
  }

  @Test
  void aTerminalGetsColour() {
    has(atTerminal(Map.of()).run("check", Samples.TEMPLATE).out(), GREEN + "No problems found");
    CliRun.Result failed = atTerminal(Map.of()).run("check", "templates/none.md");
    assertTrue(failed.err().startsWith(RED + "herald: "), failed::toString);
  }

  @Test
  void noColourUnderNoColorTheOptionADumbTerminalOrAPipe() {
    hasNot(atTerminal(Map.of("NO_COLOR", "1")).run("check", Samples.TEMPLATE).all(), ESC);
    hasNot(atTerminal(Map.of()).run("check", Samples.TEMPLATE, "--no-color").all(), ESC);
    hasNot(atTerminal(Map.of("TERM", "dumb")).run("check", Samples.TEMPLATE).all(), ESC);
    hasNot(herald().env(TERM).run("check", Samples.TEMPLATE).all(), ESC);
    // NO_COLOR counts only when it is not empty (no-color.org)
    has(atTerminal(Map.of("NO_COLOR", "")).run("check", Samples.TEMPLATE).out(), ESC);
  }

  @Test
  void colorForcesColourIntoAPipe() {
    has(herald().run("check", Samples.TEMPLATE, "--color").out(), GREEN + "No problems found");
    CliRun.Result failed = herald().run("--color", "check", "templates/none.md");
    assertTrue(failed.err().startsWith(RED + "herald: "), failed::toString);
  }

  @Test
  void proseIsWrappedAtColumnsOnATerminalOnly() {
    CliRun.Result narrow =
        atTerminal(Map.of("COLUMNS", "50", "NO_COLOR", "1"))
            .run("send", Samples.TEMPLATE, "--dry-run");
    assertTrue(lineStarting(narrow.out(), "Dry run").length() <= 50, narrow::toString);
    // the per-contact table keeps its long lines whole, for copying addresses out of it
    assertTrue(lineStarting(narrow.out(), "would send").length() > 50, narrow::toString);
    CliRun.Result piped =
        herald().env(Map.of("COLUMNS", "50")).run("send", Samples.TEMPLATE, "--dry-run");
    assertTrue(lineStarting(piped.out(), "Dry run").length() > 50, piped::toString);
  }

  @Test
  void wrapsOnlyAtSpacesAndIndentsContinuations() {
    assertEquals(List.of("aaa bbb", "ccc ddd"), OutputWriter.wrap("aaa bbb ccc ddd", 8));
    assertEquals(List.of("  aaa", "    bbb", "    ccc"), OutputWriter.wrap("  aaa bbb ccc", 8));
    assertEquals(
        List.of("a-very-long-address@example.org", "x"),
        OutputWriter.wrap("a-very-long-address@example.org x", 10));
    assertEquals(List.of("col1    col2    col3"), OutputWriter.wrap("col1    col2    col3", 8));
    assertEquals(List.of("short words"), OutputWriter.wrap("short words", 0));
    // an error or a warning is prose, even where a server's reply in it holds two spaces
    assertEquals(
        List.of("535 5.7.8", "Authentication", "failed"),
        OutputWriter.wrap("535 5.7.8  Authentication failed", 14, true));
    assertEquals(List.of("aa  bb"), OutputWriter.wrap("aa  bb", 6, true));
  }

  @Test
  void aCommandLineRefusedBeforeTheRunIsStillAnErrorInRedAndWrapped() {
    CliRun.Result both =
        atTerminal(Map.of("COLUMNS", "50")).run("check", Samples.TEMPLATE, "-q", "-v");
    assertEquals(2, both.exitCode(), both::toString);
    assertTrue(both.err().startsWith(RED + "herald: -q/--quiet and -v/--verbose"), both::toString);
    assertTrue(
        both.err().lines().allMatch(l -> l.replaceAll("\u001B\\[[0-9;]*m", "").length() <= 50),
        both::toString);
    CliRun.Result port = atTerminal(Map.of()).run("send", Samples.TEMPLATE, "--smtp-port", "abc");
    assertEquals(2, port.exitCode(), port::toString);
    assertTrue(port.err().startsWith(RED + "herald: --smtp-port: 'abc'"), port::toString);
    hasNot(
        atTerminal(Map.of())
            .run("--no-color", "send", Samples.TEMPLATE, "--smtp-port", "abc")
            .err(),
        ESC);
    // piped, as before: plain and whole
    assertEquals(
        "herald: --smtp-port: 'abc' is not a port number\n",
        herald().run("send", Samples.TEMPLATE, "--smtp-port", "abc").err());
  }

  @Test
  void anErrorQuotingAServerReplyWithTwoSpacesIsWrappedNotCutMidWord() {
    // GreenMail refuses a wrong password with "535 5.7.8  Authentication credentials invalid"
    CliRun.Result r =
        atTerminal(Map.of("COLUMNS", "60", "NO_COLOR", "1", "HERALD_SMTP_PASSWORD", "wrong"))
            .run(send("--smtp-user", "press"));
    assertEquals(4, r.exitCode(), r::toString);
    String error = r.err().substring(r.err().indexOf("herald: "));
    assertTrue(error.lines().allMatch(l -> l.length() <= 60), r::toString);
    has(error.replace('\n', ' '), "refused the login for user 'press': 535 5.7.8");
    has(error.replace('\n', ' '), "Authentication credentials invalid");
  }
}
