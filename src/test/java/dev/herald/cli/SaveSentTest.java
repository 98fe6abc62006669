package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.herald.ExitCodes;
import dev.herald.journal.CampaignState;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.JournalReader;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.JsonText;
import dev.herald.testing.PressMailbox;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import jakarta.mail.Flags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send --save-sent}: a copy of each message the SMTP server accepted goes to the mailbox's
 * Sent folder over IMAP, flagged {@code \Seen}, journalled, never twice; a failing APPEND is
 * reported and counted and leaves the send as it was.
 */
class SaveSentTest {
  @RegisterExtension final GreenMailExtension mail = PressMailbox.server();

  @TempDir Path dir;

  @BeforeEach
  void setUp() throws IOException {
    Samples.copyTo(dir);
    // the IMAP mailbox of interviews fetch, from the settings file
    Files.writeString(
        dir.resolve("herald.properties"),
        String.join(
            "\n",
            "imap.host=127.0.0.1",
            "imap.port=" + mail.getImap().getPort(),
            "imap.security=none",
            "imap.user=" + PressMailbox.LOGIN,
            ""),
        StandardCharsets.UTF_8);
  }

  private CliRun.Result send(String... more) {
    return CliRun.in(dir)
        .env(PressMailbox.env())
        .run(Smtp.send("127.0.0.1", mail.getSmtp().getPort(), more));
  }

  private GreenMailUser user() {
    return mail.getUserManager().getUserByEmail(PressMailbox.ADDRESS);
  }

  private void createFolder(String name) throws Exception {
    mail.getManagers().getImapHostManager().createMailbox(user(), name);
  }

  private List<StoredMessage> folder(String name) {
    MailFolder f = mail.getManagers().getImapHostManager().getFolder(user(), name);
    return f == null ? List.of() : f.getMessages();
  }

  private List<JournalEntry> journal(Outcome outcome) {
    List<JournalEntry> lines = new ArrayList<>();
    JournalReader.forEach(
        dir.resolve("logs/sends.csv"),
        e -> {
          if (e.outcome() == outcome) {
            lines.add(e);
          }
        });
    return lines;
  }

  private static String messageId(StoredMessage m) {
    try {
      return m.getMimeMessage().getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void eachAcceptedMessageIsInSentOnceFlaggedSeenAndARerunAppendsNothing() throws Exception {
    createFolder("Sent");
    CliRun.Result r = send("--save-sent");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    List<JournalEntry> sent = journal(Outcome.SENT);
    assertTrue(sent.size() > 1, r::toString);
    List<StoredMessage> copies = folder("Sent");
    assertEquals(sent.size(), copies.size(), r::toString);
    assertTrue(copies.stream().allMatch(m -> m.isSet(Flags.Flag.SEEN)), "every copy is \\Seen");
    assertEquals(
        new TreeSet<>(sent.stream().map(JournalEntry::messageId).toList()),
        new TreeSet<>(copies.stream().map(SaveSentTest::messageId).toList()),
        "one copy of each accepted message");
    List<JournalEntry> saved = journal(Outcome.SAVED);
    assertEquals(sent.size(), saved.size());
    assertTrue(saved.stream().allMatch(e -> e.reply().equals("Sent")), saved::toString);
    assertTrue(r.out().contains("Sent folder Sent: " + sent.size() + " copies kept."), r::toString);

    // saved lines do not change whom the campaign still has to send to
    CampaignState state = CampaignState.load(dir.resolve("logs/sends.csv"), Samples.CAMPAIGN);
    assertEquals(sent.size(), state.count(CampaignState.Status.SENT));

    CliRun.Result again = send("--save-sent");
    assertEquals(ExitCodes.OK, again.exitCode(), again::toString);
    assertEquals(sent.size(), folder("Sent").size(), "a re-run appends nothing twice");
    assertEquals(sent.size(), journal(Outcome.SAVED).size());
    assertEquals(sent.size(), journal(Outcome.SENT).size(), "nothing sent twice");
  }

  @Test
  void theFolderComesFromTheOptionOrTheSetting() throws Exception {
    createFolder("Ausgang");
    createFolder("Archiv");
    Files.writeString(
        dir.resolve("herald.properties"),
        "imap.sent-folder=Ausgang\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    CliRun.Result r = send("--save-sent", "--limit", "1");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertEquals(1, folder("Ausgang").size(), r::toString);

    CliRun.Result named = send("--save-sent=Archiv", "--limit", "1");
    assertEquals(ExitCodes.OK, named.exitCode(), named::toString);
    assertEquals(1, folder("Archiv").size(), named::toString);
    assertEquals(1, folder("Ausgang").size());
  }

  @Test
  void theReportCountsASavedCopyAsNothingAboutTheRecipient() throws Exception {
    Path journal = dir.resolve("logs/sends.csv");
    Files.createDirectories(journal.getParent());
    Files.writeString(
        journal,
        "time,campaign,recipient,outcome,reply,message_id\n"
            + "2026-11-20T10:00:00.000Z,"
            + Samples.CAMPAIGN
            + ",l.wrobel@kurier-podlaski.example,sent,250 ok,<a@herald.example>\n"
            + "2026-11-20T10:00:01.000Z,"
            + Samples.CAMPAIGN
            + ",l.wrobel@kurier-podlaski.example,saved,Sent,<a@herald.example>\n"
            + "2026-11-20T10:00:02.000Z,"
            + Samples.CAMPAIGN
            + ",z.kowalczyk@gazeta-bialostocka.example,saved,Sent,<b@herald.example>\n",
        StandardCharsets.UTF_8);
    CliRun.Result r = CliRun.in(dir).run("report", Samples.CAMPAIGN);
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertTrue(r.out().matches("(?s).*Contacts targeted +1\\n.*"), r::toString);
    assertTrue(r.out().matches("(?s).*Sent +1\\n.*"), r::toString);
  }

  @Test
  void withoutTheFlagNothingIsAppended() throws Exception {
    createFolder("Sent");
    CliRun.Result r = send();
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertEquals(0, folder("Sent").size());
    assertEquals(0, journal(Outcome.SAVED).size());
    assertTrue(!r.out().contains("Sent folder"), r::toString);
  }

  @Test
  void aFailingAppendIsReportedAndCountedAndTheSendStillSucceeds() {
    // no Sent folder in the mailbox: APPEND has nowhere to go, and herald does not create one
    CliRun.Result r = send("--save-sent", "--format", "json");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    int sent = journal(Outcome.SENT).size();
    assertTrue(sent > 1, r::toString);
    Map<String, Object> json = JsonText.object(r.out().strip());
    assertEquals((long) sent, json.get("sent"), r::toString);
    assertEquals(0L, json.get("saved_sent"), r::toString);
    List<?> failed = (List<?>) json.get("save_sent_failed");
    assertEquals(sent, failed.size(), r::toString);
    assertTrue(failed.get(0).toString().contains("no folder 'Sent'"), failed::toString);
    assertEquals(0, journal(Outcome.SAVED).size());

    CliRun.Result table = send("--save-sent");
    assertEquals(ExitCodes.OK, table.exitCode(), table::toString);
    assertEquals(sent, journal(Outcome.SENT).size(), "a re-run sends nothing again");
  }

  @Test
  void aFolderNameWithTerminalEscapesIsShownEscaped() {
    CliRun.Result r = send("--save-sent=Sent\u001b[2J\u202e", "--limit", "1");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertTrue(!r.out().contains("\u001b") && !r.out().contains("\u202e"), r::toString);
    assertTrue(r.out().contains("1 could not be saved"), r::toString);
  }

  @Test
  void aFailureIsNamedInTheSummaryWithEachRecipient() {
    CliRun.Result r = send("--save-sent", "--limit", "2");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertTrue(
        r.out().contains("Sent folder Sent: 0 copies kept, 2 could not be saved."), r::toString);
    for (JournalEntry e : journal(Outcome.SENT)) {
      assertTrue(r.out().contains("  " + e.recipient() + ": "), r::toString);
    }
  }

  @Test
  void theFlagWithoutAnImapMailboxIsRefusedBeforeAnythingIsSent() throws IOException {
    Files.delete(dir.resolve("herald.properties"));
    CliRun.Result r = send("--save-sent");
    assertEquals(ExitCodes.INPUT, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--save-sent needs the IMAP mailbox"), r::toString);
    assertEquals(0, journal(Outcome.SENT).size());
  }

  @Test
  void aWrongImapPasswordIsOneFailureForEveryMessageNotOneLoginEach() {
    CliRun.Result r =
        CliRun.in(dir)
            .env(Map.of("HERALD_IMAP_PASSWORD", "not-the-imap-pass-9931"))
            .run(
                Smtp.send(
                    "127.0.0.1", mail.getSmtp().getPort(), "--save-sent", "--format", "json"));
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    int sent = journal(Outcome.SENT).size();
    List<?> failed = (List<?>) JsonText.object(r.out().strip()).get("save_sent_failed");
    assertEquals(sent, failed.size(), r::toString);
    assertTrue(!r.out().contains("9931") && !r.err().contains("9931"), r::toString);
  }
}
