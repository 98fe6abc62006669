package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Received;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Smtp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two releases that share a campaign id (the same file name in two folders, or a {@code Campaign:}
 * header copied from last month) are told apart by the template the journal records: the second is
 * refused with both named, unless {@code --same-campaign} says the change is intended.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SameCampaignTest {
  static final String NOVEMBER = "templates/2026-11/podlaskie-digitalisation.md";
  static final String DECEMBER = "templates/2026-12/podlaskie-digitalisation.md";

  @TempDir Path dir;
  FaultySmtpServer server;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private CliRun.Result send(String template, String... more) {
    List<String> args = new ArrayList<>(List.of(Smtp.send(server.host(), server.port(), more)));
    args.set(1, template);
    return CliRun.in(dir).env(Smtp.FAST_RETRIES).run(args.toArray(String[]::new));
  }

  /** Copies the sample release (both languages, and its attachments) into {@code folder}. */
  private void release(String folder, String subjectEnd) throws IOException {
    Path to = dir.resolve(folder);
    Files.createDirectories(to.resolve("attachments"));
    Path from = dir.resolve("templates");
    try (Stream<Path> files = Files.list(from.resolve("attachments"))) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve("attachments").resolve(f.getFileName()));
      }
    }
    for (String name : List.of("podlaskie-digitalisation.md", "podlaskie-digitalisation.pl.md")) {
      String text = Files.readString(from.resolve(name), UTF_8);
      Files.writeString(
          to.resolve(name), text.replaceFirst("(Subject: [^\n]*)", "$1" + subjectEnd));
    }
  }

  private static Set<String> messageIds(List<Received> received) {
    Set<String> ids = new HashSet<>();
    for (Received r : received) {
      String text = new String(r.data(), UTF_8);
      int at = text.indexOf("Message-ID: ");
      ids.add(text.substring(at, text.indexOf("\r\n", at)));
    }
    return ids;
  }

  @Test
  void theSameFileNameInAnotherFolderIsRefusedNamingBoth() throws IOException {
    release("templates/2026-11", " (November)");
    release("templates/2026-12", " (December)");
    try (FaultySmtpServer s = FaultySmtpServer.builder().start()) {
      server = s;
      CliRun.Result november = send(NOVEMBER);
      assertEquals(0, november.exitCode(), november::toString);
      assertEquals(15, s.acceptedCount());

      CliRun.Result december = send(DECEMBER);
      assertEquals(2, december.exitCode(), december::toString);
      assertContains(
          december.err(),
          "campaign 'podlaskie-digitalisation' was sent from " + NOVEMBER + " (as ");
      assertContains(december.err(), "logs/sends.csv records), and ");
      assertContains(december.err(), DECEMBER + " is another file with another header block");
      assertContains(december.err(), "'Campaign: podlaskie-digitalisation-2026-12'");
      assertContains(december.err(), "--same-campaign");
      assertEquals(15, s.acceptedCount(), "nothing more was sent");

      CliRun.Result dryRun = send(DECEMBER, "--dry-run");
      assertEquals(2, dryRun.exitCode(), "a dry run says what a real run would do");
      assertContains(dryRun.err(), DECEMBER + " is another file");

      // the fix the message suggests: an id of its own, and new Message-IDs with it
      for (String name : List.of("podlaskie-digitalisation.md", "podlaskie-digitalisation.pl.md")) {
        Path t = dir.resolve("templates/2026-12").resolve(name);
        Files.writeString(
            t,
            Files.readString(t)
                .replace(
                    "Campaign: podlaskie-digitalisation",
                    "Campaign: podlaskie-digitalisation-2026-12"));
      }
      CliRun.Result renamed = send(DECEMBER);
      assertEquals(0, renamed.exitCode(), renamed::toString);
      assertContains(renamed.out(), "15 sent");
      assertEquals(30, s.acceptedCount());
      Set<String> first = messageIds(s.received().subList(0, 15));
      Set<String> second = messageIds(s.received().subList(15, 30));
      assertEquals(15, first.size());
      assertTrue(first.stream().noneMatch(second::contains), "the releases share no Message-ID");
    }
    for (JournalEntry e : SendJournal.entries(dir, Outcome.SENT)) {
      assertEquals(
          e.campaign().endsWith("2026-12") ? DECEMBER : NOVEMBER, e.template(), e.toString());
      assertTrue(e.templateHash().matches("[0-9a-f]{16}"), e.toString());
    }
  }

  @Test
  void lastMonthsCampaignHeaderCopiedIntoANewReleaseIsRefused() throws IOException {
    // the sample's own header says Campaign: podlaskie-digitalisation; the new release copies it
    Path next = dir.resolve("templates/next2met-followup.md");
    Files.writeString(
        next,
        Files.readString(dir.resolve(Samples.TEMPLATE))
            .replace("Subject: Fostering", "Subject: Follow-up: fostering")
            .replace("{{salutation}},", "{{salutation}}, a follow-up:"));
    try (FaultySmtpServer s = FaultySmtpServer.builder().start()) {
      server = s;
      assertEquals(0, send(Samples.TEMPLATE).exitCode());
      CliRun.Result followUp = send("templates/next2met-followup.md");
      assertEquals(2, followUp.exitCode(), followUp::toString);
      assertContains(followUp.err(), "was sent from " + Samples.TEMPLATE);
      assertContains(followUp.err(), "templates/next2met-followup.md is another file");
      assertEquals(15, s.acceptedCount());
    }
  }

  @Test
  void aChangedFileIsRefusedUnlessSameCampaignSaysTheChangeIsIntended() throws IOException {
    Path release = dir.resolve(Samples.TEMPLATE);
    try (FaultySmtpServer s = FaultySmtpServer.builder().start()) {
      server = s;
      assertEquals(0, send(Samples.TEMPLATE, "--limit", "5").exitCode());
      String hashBefore = SendJournal.entries(dir, Outcome.SENT).get(0).templateHash();

      // a typo corrected after the first five went out
      Files.writeString(
          release, Files.readString(release).replace("came together", "came together,"));
      CliRun.Result refused = send(Samples.TEMPLATE);
      assertEquals(2, refused.exitCode(), refused::toString);
      assertContains(
          refused.err(),
          Samples.TEMPLATE
              + " has changed since campaign 'podlaskie-digitalisation' was sent from it");
      assertEquals(5, s.acceptedCount());

      CliRun.Result corrected = send(Samples.TEMPLATE, "--same-campaign");
      assertEquals(0, corrected.exitCode(), corrected::toString);
      assertContains(corrected.out(), "10 sent");
      assertContains(corrected.out(), "5 already sent");
      assertEquals(15, s.acceptedCount(), "nobody got it twice");

      // the journal now records the corrected version: the next run needs no flag
      List<JournalEntry> sent = SendJournal.entries(dir, Outcome.SENT);
      assertNotEquals(hashBefore, sent.get(sent.size() - 1).templateHash());
      CliRun.Result again = send(Samples.TEMPLATE);
      assertEquals(0, again.exitCode(), again::toString);
      assertContains(again.out(), "0 sent");
    }
  }

  @Test
  void aVariantChangedCountsAsAChangedRelease() throws IOException {
    try (FaultySmtpServer s = FaultySmtpServer.builder().start()) {
      server = s;
      assertEquals(0, send(Samples.TEMPLATE, "--limit", "2").exitCode());
      Path polish = dir.resolve("templates/podlaskie-digitalisation.pl.md");
      Files.writeString(polish, Files.readString(polish) + "\nPS.\n");
      CliRun.Result refused = send(Samples.TEMPLATE, "--dry-run");
      assertEquals(2, refused.exitCode(), refused::toString);
      assertContains(refused.err(), "has changed since");
    }
  }

  @Test
  void aJournalFromBeforeTheTemplateColumnsStillReadsAndIsNotRefused() throws IOException {
    // Five sent by a herald that did not record templates.
    List<String> lines = new ArrayList<>();
    lines.add("time,campaign,recipient,outcome,reply,message_id");
    List<String> contacts = Files.readAllLines(dir.resolve("contacts/media.csv"));
    for (int i = 1; i <= 5; i++) {
      String email = contacts.get(i).substring(0, contacts.get(i).indexOf(','));
      lines.add(
          "2026-11-20T10:00:0"
              + i
              + ".000Z,podlaskie-digitalisation,"
              + email
              + ",sent,250 ok,<old."
              + i
              + "@herald.example>");
    }
    Path journal = dir.resolve("logs/sends.csv");
    Files.createDirectories(journal.getParent());
    Files.writeString(journal, String.join("\n", lines) + "\n");
    try (FaultySmtpServer s = FaultySmtpServer.builder().start()) {
      server = s;
      CliRun.Result dryRun = send(Samples.TEMPLATE, "--dry-run");
      assertEquals(0, dryRun.exitCode(), dryRun::toString);
      assertContains(dryRun.out(), "would send 10");
      assertContains(dryRun.err(), "before herald noted which template a campaign is sent from");
      assertEquals(String.join("\n", lines) + "\n", Files.readString(journal), "a dry run writes");

      CliRun.Result r = send(Samples.TEMPLATE);
      assertEquals(0, r.exitCode(), r::toString);
      assertContains(r.out(), "10 sent");
      assertContains(r.out(), "5 already sent");
      assertEquals(1, r.err().split("before herald noted", -1).length - 1, "said once: " + r.err());
      assertEquals(10, s.acceptedCount());
    }
    List<String> after = Files.readAllLines(journal);
    assertEquals(
        "time,campaign,recipient,outcome,reply,message_id,template,template_hash,subject,source,"
            + "legal_basis",
        after.get(0));
    assertEquals(lines.subList(1, 6), after.subList(1, 6), "the old lines are kept as they were");
    List<JournalEntry> entries = SendJournal.entries(dir);
    assertEquals("", entries.get(0).template());
    JournalEntry last = entries.get(entries.size() - 1);
    assertEquals(Samples.TEMPLATE, last.template());
    assertFalse(Files.exists(dir.resolve("logs/sends.csv.upgrading")));

    // from now on the journal has something to compare with
    Path release = dir.resolve(Samples.TEMPLATE);
    Files.writeString(release, Files.readString(release).replace("came together", "met"));
    try (FaultySmtpServer s = FaultySmtpServer.builder().start()) {
      server = s;
      CliRun.Result changed = send(Samples.TEMPLATE, "--dry-run");
      assertEquals(2, changed.exitCode(), changed::toString);
      assertContains(changed.err(), "has changed since");
    }
  }
}
