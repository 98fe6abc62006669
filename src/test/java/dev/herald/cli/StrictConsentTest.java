package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.herald.testing.CliRun;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --strict-consent} and {@code check.strict-consent}: a contact without a {@code
 * legal_basis} is a problem naming its line, a list without the column one problem saying so, and
 * with the setting a real send refuses while a dry run says it would.
 */
class StrictConsentTest {
  @TempDir Path dir;

  @BeforeEach
  void release() {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\n\nNews for {{email}}.\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,source,legal_basis\n"
            + "a@news.example,public editorial address,legitimate interest\n"
            + "b@news.example,met at the fair,\n"
            + "c@news.example,web form,consent 2026-03-02\n"
            + "d@news.example,,\"\u00a0 \"\n"
            + "e@news.example,,\n");
    TestFiles.write(dir, "contacts/optout.csv", "email\ne@news.example\n");
  }

  @Test
  void withoutTheFlagMissingBasesAreFine() {
    CliRun.Result r = CliRun.in(dir).run("check", "templates/release.md");
    assertEquals(0, r.exitCode(), r::toString);
  }

  @Test
  void strictConsentNamesEveryContactWithoutALegalBasis() {
    CliRun.Result r = CliRun.in(dir).run("check", "templates/release.md", "--strict-consent");

    assertEquals(2, r.exitCode(), r::toString);
    String out = r.out().replace(dir + "/", "");
    assertContains(out, "contacts/media.csv:3: b@news.example has no legal_basis");
    assertContains(out, "contacts/media.csv:5: d@news.example has no legal_basis");
    assertFalse(out.contains("a@news.example has no"), out);
    assertFalse(out.contains("e@news.example"), "a suppressed contact is not mailed anyway");
    assertContains(r.err(), "check found 2 problems");
  }

  @Test
  void aListWithoutTheColumnGetsOneClearMessage() {
    TestFiles.write(dir, "contacts/media.csv", "email\na@news.example\nb@news.example\n");

    CliRun.Result r = CliRun.in(dir).run("check", "templates/release.md", "--strict-consent");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.out().replace(dir + "/", ""), "contacts/media.csv: has no legal_basis column");
    assertContains(r.err(), "check found 1 problem");
  }

  @Test
  void theSettingMakesARealSendRefuseAndADryRunSaySo() {
    TestFiles.write(dir, "herald.properties", "check.strict-consent = true\n");

    CliRun.Result check = CliRun.in(dir).run("check", "templates/release.md");
    assertEquals(2, check.exitCode(), check::toString);

    CliRun.Result dry = CliRun.in(dir).run("send", "templates/release.md", "--dry-run");
    assertEquals(0, dry.exitCode(), dry::toString);
    assertContains(dry.err(), "check.strict-consent is set: a real send would refuse (exit 2)");

    CliRun.Result send = CliRun.in(dir).run("send", "templates/release.md", "--yes");
    assertEquals(2, send.exitCode(), send::toString);
    assertContains(send.err(), "b@news.example has no legal_basis");
    assertFalse(Files.exists(dir.resolve("outbox")), "nothing was written");
  }

  @Test
  void aBadValueOfTheSettingIsRefusedNamingTheKey() {
    CliRun.Result r =
        CliRun.in(dir)
            .env(Map.of("HERALD_CHECK_STRICT_CONSENT", "yes please"))
            .run("check", "templates/release.md");
    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "HERALD_CHECK_STRICT_CONSENT: 'yes please' must be true or false");
  }
}
