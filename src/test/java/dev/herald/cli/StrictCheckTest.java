package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.herald.testing.CliRun;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A wrong merge caught end to end: an empty salutation that would open a message with a lone "," is
 * a warning in check naming the rows, a problem with {@code --strict} or {@code check.strict}, and
 * with {@code check.strict} a real send refuses it. A fallback section silences it.
 */
class StrictCheckTest {
  @TempDir Path dir;

  private static final String CONTACTS =
      "email,salutation,outlet\n"
          + "a@news.example,Dear Anna,Kurier\n"
          + "b@news.example,,Echo\n"
          + "c@news.example,Dear Cleo,Post\n"
          + "d@news.example,\"  \",Blad\n";

  private void release(String body) {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News for {{outlet}}\nFrom: Press <press@herald.example>\n\n" + body);
    TestFiles.write(dir, "contacts/media.csv", CONTACTS);
  }

  private CliRun.Result run(String... args) {
    return CliRun.in(dir).run(args);
  }

  @Test
  void checkWarnsOncePerColumnNamingTheRowsAndStillPasses() {
    release("{{salutation}},\n\nNews.\n");

    CliRun.Result r = run("check", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Warnings:");
    assertContains(
        r.out(),
        "contacts/media.csv: {{salutation}} is empty on lines 3, 5 (2 contacts); fill them in, or"
            + " give the template a fallback such as"
            + " {{#salutation}}…{{/salutation}}{{^salutation}}…{{/salutation}}");
    assertFalse(r.out().contains("{{outlet}} is empty"), r::out);
    assertContains(r.out(), "No problems found");
  }

  @Test
  void strictMakesThemProblems() {
    release("{{salutation}},\n\nNews.\n");

    CliRun.Result r = run("check", "templates/release.md", "--strict");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.out(), "1 problem:");
    assertContains(r.out(), "contacts/media.csv: {{salutation}} is empty on lines 3, 5");
    assertFalse(r.out().contains("No problems found"), r::out);
    assertContains(r.err(), "herald: check found 1 problem");
  }

  @Test
  void theSettingOrItsVariableMakesCheckStrictAndARealSendRefuse() {
    release("{{salutation}},\n\nNews.\n");
    TestFiles.write(dir, "herald.properties", "check.strict = true\n");

    assertEquals(2, run("check", "templates/release.md").exitCode());

    CliRun.Result send = run("send", "templates/release.md");
    assertEquals(2, send.exitCode(), send::toString);
    assertContains(send.err(), "1 problem found; nothing was sent:");
    assertContains(send.err(), "{{salutation}} is empty on lines 3, 5");
    assertFalse(Files.exists(dir.resolve("outbox")), "nothing written to the outbox");
    assertFalse(Files.exists(dir.resolve("logs/sends.csv")), "nothing journalled");

    CliRun.Result dryRun = run("send", "templates/release.md", "--dry-run");
    assertEquals(0, dryRun.exitCode(), dryRun::toString);
    assertContains(dryRun.err(), "note: check.strict is set: a real send would refuse (exit 2)");

    TestFiles.write(dir, "herald.properties", "");
    CliRun.Result env =
        CliRun.in(dir)
            .env(Map.of("HERALD_CHECK_STRICT", "TRUE"))
            .run("check", "templates/release.md");
    assertEquals(2, env.exitCode(), env::toString);
    assertEquals(0, run("check", "templates/release.md").exitCode());
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"yes", "1", "ture"})
  void aBadCheckStrictIsRefusedByEveryCommand(String value) {
    release("{{salutation}},\n\nNews.\n");
    TestFiles.write(dir, "herald.properties", "check.strict = " + value + "\n");

    for (String command : new String[] {"check", "preview", "send"}) {
      CliRun.Result r = run(command, "templates/release.md");
      assertEquals(2, r.exitCode(), command + ": " + r);
      assertContains(r.err(), "(check.strict): '" + value + "' must be true or false");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{{#salutation}}{{salutation}}{{/salutation}}{{^salutation}}Dear editor{{/salutation}},\n",
        "{{^salutation}}Dear editor{{/salutation}}{{salutation}},\n",
        "{{#salutation}}{{salutation}},{{/salutation}}\n"
      })
  void aSectionOnTheColumnSilencesItsWarning(String opening) {
    release(opening + "\nNews.\n");

    CliRun.Result r = run("check", "templates/release.md", "--strict");

    assertEquals(0, r.exitCode(), r::toString);
    assertFalse(r.out().contains("is empty on"), r::out);
  }

  @Test
  void aColumnUsedOnlyInAHeaderIsCaughtToo() {
    release("Hello.\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,salutation,outlet\na@news.example,x,Kurier\nb@news.example,x,\n");

    CliRun.Result r = run("check", "templates/release.md");

    assertContains(r.out(), "contacts/media.csv: {{outlet}} is empty on line 3 (1 contact)");
  }

  @Test
  void manyRowsAreSummed() {
    release("{{salutation}},\n\nNews.\n");
    StringBuilder csv = new StringBuilder("email,salutation,outlet\n");
    for (int i = 0; i < 25; i++) {
      csv.append("c").append(i).append("@news.example,,Kurier\n");
    }
    TestFiles.write(dir, "contacts/media.csv", csv.toString());

    CliRun.Result r = run("check", "templates/release.md");

    assertContains(
        r.out(),
        "{{salutation}} is empty on lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 … and 15 more (25"
            + " contacts)");
  }
}
