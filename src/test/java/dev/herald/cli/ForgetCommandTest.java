package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.herald.FolderKey;
import dev.herald.InputLimits;
import dev.herald.contacts.OptOutList;
import dev.herald.identity.Forgotten;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalReader;
import dev.herald.journal.Outcome;
import dev.herald.privacy.Grep;
import dev.herald.testing.CliRun;
import dev.herald.testing.FakeTerminal;
import dev.herald.testing.PressMailbox;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import dev.herald.testing.Xlsx;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald forget} and {@code herald export-person} on a folder that has sent the release over
 * SMTP, fetched a journalist's interview request, written a preview and keeps her in two lists and
 * a spreadsheet: afterwards nothing in the folder names her except what forget listed, she stays
 * suppressed, and the report's counts are what they were.
 */
class ForgetCommandTest {
  @RegisterExtension final GreenMailExtension mail = PressMailbox.server();

  @TempDir Path dir;

  private static final String ROSSI = "g.rossi@quotidiano-regioni.example";
  private static final String NAME = "Giulia Rossi";
  private final Map<String, String> sentIds = new HashMap<>();

  @BeforeEach
  void aFolderThatKnowsHer() throws IOException {
    Samples.copyTo(dir);
    CliRun.Result preview = CliRun.in(dir).run("preview", Samples.TEMPLATE);
    assertEquals(0, preview.exitCode(), preview::toString);
    CliRun.Result sent = CliRun.in(dir).run(send());
    assertEquals(0, sent.exitCode(), sent::toString);
    JournalReader.forEach(
        dir.resolve("logs/sends.csv"),
        e -> {
          if (e.outcome() == Outcome.SENT) {
            sentIds.put(e.recipient(), e.messageId());
          }
        });
    PressMailbox.deliver(mail, interviewRequest());
    List<String> fetch = new ArrayList<>(List.of("interviews", "fetch"));
    fetch.addAll(PressMailbox.fetchOptions(mail));
    CliRun.Result fetched =
        CliRun.in(dir).env(PressMailbox.env()).run(fetch.toArray(String[]::new));
    assertEquals(0, fetched.exitCode(), fetched::toString);
    assertContains(fetched.out(), "Interview requests: 1");
    TestFiles.write(
        dir,
        "contacts/press-club.csv",
        "email;first_name;last_name;outlet\n"
            + "G.Rossi@Quotidiano-Regioni.EXAMPLE;Giulia;Rossi;\"Il Quotidiano;\nRegioni\"\n"
            + "m.verdi@gazeta.example;Marco;Verdi;Gazeta\n");
    new Xlsx()
        .sheet(
            "Contacts",
            List.of(
                List.<Object>of("email", "first_name", "last_name"),
                List.<Object>of(ROSSI, "Giulia", "Rossi")))
        .write(dir.resolve("contacts/old-list.xlsx"));
    Files.setPosixFilePermissions(
        dir.resolve("logs/sends.csv"), PosixFilePermissions.fromString("rw-rw----"));
  }

  private String[] send(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "send",
                Samples.TEMPLATE,
                "--smtp-host",
                "127.0.0.1",
                "--smtp-port",
                String.valueOf(mail.getSmtp().getPort()),
                "--smtp-security",
                "none",
                "--yes"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private String interviewRequest() {
    return """
        From: Giulia Rossi <g.rossi@quotidiano-regioni.example>
        To: Next2Met Press Office <press@next2met.example>
        Subject: Re: Fostering digitalisation - interview for Giulia Rossi
        Date: Mon, 30 Nov 2026 09:12:00 +0100
        Message-ID: <reply.g.rossi@quotidiano-regioni.example>
        In-Reply-To: %1$s
        References: %1$s
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8

        Dear Marta, I would like to request an interview about e-Health Podlaskie.

        Giulia Rossi
        """
        .formatted(sentIds.get(ROSSI));
  }

  private String counts() {
    String report = CliRun.in(dir).run("report").out();
    return report.substring(0, report.indexOf("OUTLET"));
  }

  @Test
  void afterForgetNothingNamesHerButWhatItListsAndCountsAreKept() throws IOException {
    String before = counts();
    assertContains(before, "Interview requests        1");

    CliRun.Result r = CliRun.in(dir).run("forget", "g.rossi@QUOTIDIANO-regioni.example", "--yes");

    assertEquals(0, r.exitCode(), r::toString);
    String out = r.out().replace(dir + "/", "");
    assertContains(out, "add its pseudonym forgotten:");
    assertContains(out, "1 reply pseudonymised in logs/replies.csv");
    assertContains(out, "1 interview pseudonymised in logs/interviews.csv");
    assertContains(out, "contacts/media.csv: 1 row of the address removed");
    assertContains(out, "contacts/press-club.csv: 1 row of the address removed");
    assertContains(out, "deleted preview/00010-g.rossi-at-quotidiano-regioni.example.eml");
    assertContains(out, "Still holding the address or the name (edit or delete these yourself):");
    assertContains(out, "  contacts/old-list.xlsx\n");
    List<Path> still = Grep.files(dir, ROSSI, NAME, "g.rossi-at-quotidiano-regioni.example");
    for (Path f : still) {
      assertContains(out, "  " + dir.relativize(f) + "\n");
    }
    assertEquals(
        List.of("preview/approval.json", "preview/index.html"),
        still.stream().map(f -> dir.relativize(f).toString()).toList());
    assertEquals(before, counts(), "the report counts what it counted before");
    assertEquals(
        "rw-rw----",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("logs/sends.csv"))));
    // the other rows of the lists are kept byte for byte
    assertEquals(
        "email;first_name;last_name;outlet\nm.verdi@gazeta.example;Marco;Verdi;Gazeta\n",
        TestFiles.read(dir.resolve("contacts/press-club.csv")));
    FolderKey key = FolderKey.load(Map.of(), dir);
    String token = Forgotten.token(key, ROSSI);
    assertContains(TestFiles.read(dir.resolve("logs/sends.csv")), "," + token + ",sent,");
    assertContains(TestFiles.read(dir.resolve("logs/interviews.csv")), token);
    assertTrue(
        OptOutList.load(List.of(dir.resolve("contacts/optout.csv")), InputLimits.DEFAULT, key)
            .contains("G.Rossi@quotidiano-regioni.example"));
  }

  @Test
  void aListThatStillHoldsHerSkipsHerAsSuppressed() throws Exception {
    assertEquals(0, CliRun.in(dir).run("forget", ROSSI, "--yes").exitCode());
    Files.writeString(
        dir.resolve("contacts/media.csv"),
        "email,first_name,last_name,salutation,outlet,language\n"
            + "G.ROSSI@quotidiano-regioni.example,Giulia,Rossi,Dear Ms Rossi,Il Quotidiano,en\n"
            + "new.contact@radio.example,Nowy,Kontakt,Dear editor,Radio,en\n");
    int before = mail.getReceivedMessages().length;

    CliRun.Result r = CliRun.in(dir).run(send());

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "1 sent");
    assertContains(r.out(), "1 suppressed");
    MimeMessage[] all = mail.getReceivedMessages();
    assertEquals(before + 1, all.length);
    assertEquals(
        "new.contact@radio.example",
        ((InternetAddress) all[all.length - 1].getRecipients(Message.RecipientType.TO)[0])
            .getAddress());
  }

  @Test
  void exportShowsEverythingBeforeAndOnlyThePseudonymAfter() {
    CliRun.Result before = CliRun.in(dir).run("export-person", ROSSI, "--format", "json");
    assertEquals(0, before.exitCode(), before::toString);
    before = new CliRun.Result(0, before.out().replace(dir + "/", ""), before.err());
    assertContains(before.out(), "\"file\": \"contacts/media.csv\"");
    assertContains(before.out(), "\"file\": \"contacts/old-list.xlsx\"");
    assertContains(before.out(), "\"outcome\": \"sent\"");
    assertContains(before.out(), "\"kind\": \"interview_request\"");
    assertContains(before.out(), "\"status\": \"requested\"");
    assertContains(before.out(), "preview/00010-g.rossi-at-quotidiano-regioni.example.eml");

    assertEquals(0, CliRun.in(dir).run("forget", ROSSI, "--yes").exitCode());
    TestFiles.write(dir, "contacts/old-list.xlsx", new byte[0]); // the user edits it
    CliRun.Result after = CliRun.in(dir).run("export-person", ROSSI);

    assertEquals(0, after.exitCode(), after::toString);
    assertContains(after.out(), "Contact rows: none\nSends (journal): none\nReplies: none\n");
    assertContains(after.out(), "Interviews: none\nSuppression: 1\n");
    assertContains(after.out(), "(the pseudonym herald forget left)");
    assertContains(after.out(), "Copies of messages (outbox, preview): none");
    CliRun.Result nobody = CliRun.in(dir).run("export-person", "nobody@nowhere.example");
    assertEquals(0, nobody.exitCode(), nobody::toString);
    assertContains(nobody.out(), "herald holds nothing about nobody@nowhere.example.");
  }

  @Test
  void aSendInProgressStopsForgetWithExit4AndNothingChanged() throws IOException {
    Map<String, byte[]> before = snapshot();
    try (Journal.Lock held = Journal.lock(dir.resolve("logs/sends.csv"))) {
      CliRun.Result r = CliRun.in(dir).run("forget", ROSSI, "--yes");
      assertEquals(4, r.exitCode(), r::toString);
      assertContains(r.err(), "is in use by another herald run (a send?); nothing was changed");
    }
    assertSame(before, snapshot());
  }

  @Test
  void withoutATerminalOrYesItRefusesAndANoChangesNothing() throws IOException {
    Map<String, byte[]> before = snapshot();
    CliRun.Result refused = CliRun.in(dir).run("forget", ROSSI);
    assertEquals(2, refused.exitCode(), refused::toString);
    assertContains(refused.out(), "pseudonymise 2 lines of the journal");
    assertContains(refused.err(), "without confirmation: there is no terminal to ask on");
    CliRun.Result no = CliRun.in(dir).terminal(FakeTerminal.answering("no")).run("forget", ROSSI);
    assertEquals(0, no.exitCode(), no::toString);
    assertContains(no.out(), "Nothing was changed.");
    assertSame(before, snapshot());

    CliRun.Result yes =
        CliRun.in(dir).terminal(FakeTerminal.answering("y")).run("forget", ROSSI, "--backup");
    assertEquals(0, yes.exitCode(), yes::toString);
    yes = new CliRun.Result(0, yes.out().replace(dir + "/", ""), yes.err());
    assertContains(yes.out(), "Backup of every file changed: .herald/forget-backups/");
    assertContains(yes.out(), "(it holds the address: delete it once you no longer need it)");
  }

  private void assertSame(Map<String, byte[]> before, Map<String, byte[]> after) {
    assertEquals(before.keySet(), after.keySet());
    before.forEach((k, v) -> assertTrue(java.util.Arrays.equals(v, after.get(k)), k + " changed"));
  }

  /** Every file of the folder but the lock files, which locking creates. */
  private Map<String, byte[]> snapshot() throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (var all = Files.walk(dir)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        if (!f.toString().endsWith(".lock") && !f.startsWith(dir.resolve(".herald"))) {
          files.put(dir.relativize(f).toString(), Files.readAllBytes(f));
        }
      }
    }
    assertFalse(files.isEmpty());
    return files;
  }
}
