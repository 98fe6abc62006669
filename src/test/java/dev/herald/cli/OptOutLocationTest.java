package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.Malformed;
import dev.herald.testing.TestFiles;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The working folder's opt-out list applies to every command, wherever {@code --contacts} points; a
 * legacy list beside the contact file applies as well, and {@code check} names each one.
 */
class OptOutLocationTest {
  @TempDir Path dir;

  private static final String EXPORT =
      Malformed.HEADER
          + "anna@news.example,Anna,Nowak,Kurier,pl\n"
          + "ben@news.example,Ben,Smit,Bode,en\n"
          + "cleo@news.example,Cleo,Marx,Echo,en\n";

  @BeforeEach
  void folder() {
    TestFiles.write(dir, Malformed.TEMPLATE, Malformed.RELEASE);
    TestFiles.write(dir, "exports/media.csv", EXPORT);
    TestFiles.write(dir, "contacts/optout.csv", "email,reason,date\nANNA@news.example,asked,\n");
  }

  private List<String> outbox() throws Exception {
    List<String> to = new ArrayList<>();
    for (Path eml : Eml.files(dir.resolve("outbox/release"))) {
      to.add(
          ((InternetAddress) Eml.parse(eml).getRecipients(Message.RecipientType.TO)[0])
              .getAddress());
    }
    to.sort(null);
    return to;
  }

  @Test
  void theWorkingFoldersListAppliesToAContactFileElsewhere() throws Exception {
    CliRun.Result check =
        CliRun.in(dir).run("check", Malformed.TEMPLATE, "--contacts", "exports/media.csv");
    assertEquals(0, check.exitCode(), check::toString);
    assertContains(check.out(), "3 rows: 2 to send, 1 suppressed");
    assertContains(check.out(), "Opt-out:  ");
    assertContains(check.out(), "contacts/optout.csv: 1 address");

    CliRun.Result dry =
        CliRun.in(dir)
            .run("send", Malformed.TEMPLATE, "--contacts", "exports/media.csv", "--dry-run");
    assertEquals(0, dry.exitCode(), dry::toString);
    assertContains(dry.all(), "anna@news.example                        suppressed (opt-out)");
    assertContains(dry.all(), "would send 2 of campaign release");

    CliRun.Result preview =
        CliRun.in(dir).run("preview", Malformed.TEMPLATE, "--contacts", "exports/media.csv");
    assertEquals(0, preview.exitCode(), preview::toString);
    try (var files = Files.walk(dir.resolve("preview"))) {
      assertTrue(files.noneMatch(f -> f.toString().contains("anna")), "no preview for anna");
    }

    CliRun.Result send =
        CliRun.in(dir).run("send", Malformed.TEMPLATE, "--contacts", "exports/media.csv");
    assertEquals(0, send.exitCode(), send::toString);
    assertEquals(List.of("ben@news.example", "cleo@news.example"), outbox());
  }

  @Test
  void aLegacyListBesideTheContactFileAppliesTooAndIsNamed() throws Exception {
    TestFiles.write(dir, "exports/optout.csv", "email,reason,date\nben@news.example,asked,\n");

    CliRun.Result check =
        CliRun.in(dir).run("check", Malformed.TEMPLATE, "--contacts", "exports/media.csv");

    assertEquals(0, check.exitCode(), check::toString);
    assertContains(check.out(), "3 rows: 1 to send, 2 suppressed");
    assertContains(check.out(), "contacts/optout.csv: 1 address");
    assertContains(check.out(), "exports/optout.csv: 1 address (beside the contact file");
    assertContains(check.out(), "exports/optout.csv beside the contact file is applied as well");

    CliRun.Result send =
        CliRun.in(dir).run("send", Malformed.TEMPLATE, "--contacts", "exports/media.csv");
    assertEquals(0, send.exitCode(), send::toString);
    assertContains(send.all(), "exports/optout.csv beside the contact file is applied as well");
    assertEquals(List.of("cleo@news.example"), outbox());
  }

  @Test
  void aMalformedLegacyListStopsTheRunNamingIt() {
    TestFiles.write(dir, "exports/optout.csv", "email,reason\n\"ben@news.example,asked\n");

    CliRun.Result r =
        CliRun.in(dir).run("send", Malformed.TEMPLATE, "--contacts", "exports/media.csv");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.all(), "exports/optout.csv:2: a quoted field is never closed");
    assertFalse(Files.exists(dir.resolve("outbox")));
  }

  @Test
  void theOptOutFileSettingNamesTheList() throws Exception {
    TestFiles.write(dir, "lists/suppress.csv", "email,reason,date\ncleo@news.example,asked,\n");
    TestFiles.write(dir, "herald.properties", "optout.file=lists/suppress.csv\n");

    CliRun.Result check =
        CliRun.in(dir).run("check", Malformed.TEMPLATE, "--contacts", "exports/media.csv");

    assertEquals(0, check.exitCode(), check::toString);
    assertContains(check.out(), "lists/suppress.csv: 1 address");
    assertFalse(check.out().contains("contacts/optout.csv"), check::toString);
    CliRun.Result send =
        CliRun.in(dir).run("send", Malformed.TEMPLATE, "--contacts", "exports/media.csv");
    assertEquals(0, send.exitCode(), send::toString);
    assertEquals(List.of("anna@news.example", "ben@news.example"), outbox());
  }

  @Test
  void theEnvironmentNamesTheListToo() {
    TestFiles.write(dir, "lists/suppress.csv", "email,reason,date\nben@news.example,asked,\n");
    TestFiles.write(dir, "herald.properties", "optout.file=contacts/optout.csv\n");

    CliRun.Result check =
        CliRun.in(dir)
            .env(Map.of("HERALD_OPTOUT_FILE", "lists/suppress.csv"))
            .run("check", Malformed.TEMPLATE, "--contacts", "exports/media.csv");

    assertEquals(0, check.exitCode(), check::toString);
    assertContains(check.out(), "3 rows: 2 to send, 1 suppressed");
    assertContains(check.out(), "lists/suppress.csv: 1 address");
  }

  @Test
  void checkSaysWhenTheDefaultListDoesNotExistYet() throws Exception {
    java.nio.file.Files.deleteIfExists(dir.resolve("contacts/optout.csv"));
    CliRun.Result check =
        CliRun.in(dir).run("check", Malformed.TEMPLATE, "--contacts", "exports/media.csv");

    assertEquals(0, check.exitCode(), check::toString);
    assertContains(check.out(), "contacts/optout.csv: no file yet, no entries");
  }

  @Test
  void aListNamedBySettingThatDoesNotExistIsAnErrorNotAnEmptyList() {
    CliRun.Result check =
        CliRun.in(dir)
            .env(Map.of("HERALD_OPTOUT_FILE", "lists/none.csv"))
            .run("check", Malformed.TEMPLATE, "--contacts", "exports/media.csv");

    assertEquals(2, check.exitCode(), check::toString);
    assertContains(check.err(), "HERALD_OPTOUT_FILE names ");
    assertContains(check.err(), "lists/none.csv, which does not exist");
  }
}
