package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.herald.FolderKey;
import dev.herald.identity.MessageIds;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.PressMailbox;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald interviews fetch}: configuration, the errors a mail server can cause, and the
 * replies that must not be logged twice.
 */
class FetchCommandTest {
  @RegisterExtension final GreenMailExtension mail = PressMailbox.server();

  @TempDir Path dir;

  private static final String CAMPAIGN = Samples.CAMPAIGN;
  private static final String MUELLER = "g.mueller@technik-und-region.example";
  private String releaseId;

  @BeforeEach
  void aReleaseWasSent() {
    Samples.copyTo(dir);
    releaseId =
        MessageIds.of(
            FolderKey.load(PressMailbox.env(), dir), CAMPAIGN, MUELLER, PressMailbox.ADDRESS);
    try (Journal journal = Journal.open(dir.resolve("logs/sends.csv"))) {
      journal.appendDurably(
          new JournalEntry(CliRun.NOW, CAMPAIGN, MUELLER, Outcome.SENT, "250 OK", releaseId));
    }
  }

  private CliRun.Result fetch(Map<String, String> env, String... extra) {
    List<String> args = new ArrayList<>(List.of("interviews", "fetch"));
    args.addAll(PressMailbox.fetchOptions(mail));
    args.addAll(List.of(extra));
    return CliRun.in(dir).env(env).run(args.toArray(String[]::new));
  }

  private CliRun.Result fetch(String... extra) {
    return fetch(PressMailbox.env(), extra);
  }

  private String reply(String messageIdHeader, String body) {
    return """
        From: =?UTF-8?Q?G=C3=BCnther_M=C3=BCller?= <g.mueller@technik-und-region.example>
        To: press@next2met.example
        Subject: AW: Fostering digitalisation in the Podlaskie Region
        Date: Mon, 30 Nov 2026 09:00:00 +0100
        %sIn-Reply-To: %s
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8
        Content-Transfer-Encoding: 8bit

        %s
        """
        .formatted(messageIdHeader, releaseId, body);
  }

  // ----- configuration -----

  @Test
  void readsTheServerFromTheEnvironmentAndTheFolderFromTheSettingsFile() throws Exception {
    mail.getManagers()
        .getImapHostManager()
        .createMailbox(mail.getUserManager().getUser(PressMailbox.LOGIN), "Presse");
    TestFiles.write(dir, "herald.properties", "imap.folder=Presse\n");
    Map<String, String> env = new HashMap<>(PressMailbox.env());
    env.put("HERALD_IMAP_HOST", "127.0.0.1");
    env.put("HERALD_IMAP_PORT", String.valueOf(mail.getImap().getPort()));
    env.put("HERALD_IMAP_SECURITY", "none");
    env.put("HERALD_IMAP_USER", PressMailbox.LOGIN);

    CliRun.Result r = CliRun.in(dir).env(env).run("interviews", "fetch");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(
        r.out(), "Read 0 messages in Presse at 127.0.0.1:" + mail.getImap().getPort() + " (press)");
  }

  @Test
  void withoutAServerItSaysHowToConfigureOne() {
    CliRun.Result r = CliRun.in(dir).env(PressMailbox.env()).run("interviews", "fetch");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(
        r.err(),
        "no IMAP server configured: set --imap-host, HERALD_IMAP_HOST or imap.host in"
            + " herald.properties");
  }

  @Test
  void withoutAUserOrPasswordItSaysWhichIsMissing() {
    CliRun.Result noUser = CliRun.in(dir).run("interviews", "fetch", "--imap-host", "127.0.0.1");
    assertEquals(2, noUser.exitCode(), noUser::toString);
    assertContains(noUser.err(), "no IMAP user: set --imap-user, HERALD_IMAP_USER or imap.user");

    CliRun.Result noPassword = fetch(Map.of());
    assertEquals(2, noPassword.exitCode(), noPassword::toString);
    assertContains(noPassword.err(), "no password for IMAP user 'press': set HERALD_IMAP_PASSWORD");
  }

  // ----- the server fails: exit 4, nothing changed -----

  @Test
  void anUnknownImapHostIsSaidInPlainWords() {
    CliRun.Result r =
        CliRun.in(dir)
            .env(PressMailbox.env())
            .run(
                "interviews",
                "fetch",
                "--imap-host",
                "no-such-host.invalid",
                "--imap-user",
                "press");

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "no such host: no-such-host.invalid");
    assertFalse(r.err().contains("UnknownHostException"), r::toString);
  }

  @Test
  void theImapPasswordIsNotSentInTheClearToAnotherMachine() {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): refused before any connection is tried
    CliRun.Result r =
        CliRun.in(dir)
            .env(PressMailbox.env())
            .run(
                "interviews",
                "fetch",
                "--imap-host",
                "192.0.2.1",
                "--imap-security",
                "none",
                "--imap-user",
                "press");

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "refusing to send the IMAP password for 'press' to 192.0.2.1:143");
    assertContains(r.err(), "imap.plaintext-auth = allow");
  }

  @Test
  void anUnreachableServerIsExit4WithHostAndPort() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }

    CliRun.Result r =
        CliRun.in(dir)
            .env(PressMailbox.env())
            .run(
                "interviews",
                "fetch",
                "--imap-host",
                "127.0.0.1",
                "--imap-port",
                String.valueOf(port),
                "--imap-security",
                "none",
                "--imap-user",
                "press");

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "herald: cannot reach the IMAP server 127.0.0.1:" + port + " (none): ");
    assertContains(
        r.err(),
        "Check --imap-host and --imap-port, and that the server is up. Nothing was changed;"
            + " a re-run continues.");
    assertNothingWritten();
  }

  @Test
  void aWrongPasswordIsExit4AndNeverPrinted() {
    String wrong = "not-the-password-8150";

    CliRun.Result r = fetch(Map.of("HERALD_IMAP_PASSWORD", wrong), "--stacktrace");

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(
        r.err(),
        "herald: the IMAP server 127.0.0.1:"
            + mail.getImap().getPort()
            + " (none) refused the login for user 'press': ");
    assertContains(r.err(), "Check --imap-user and HERALD_IMAP_PASSWORD.");
    assertFalse(r.all().contains(wrong), r::toString);
    assertNothingWritten();
  }

  @Test
  void tlsToAPlainServerIsExit4SayingTls() {
    for (String security : List.of("ssl", "starttls")) {
      CliRun.Result r =
          CliRun.in(dir)
              .env(PressMailbox.env())
              .run(
                  "interviews",
                  "fetch",
                  "--imap-host",
                  "127.0.0.1",
                  "--imap-port",
                  String.valueOf(mail.getImap().getPort()),
                  "--imap-security",
                  security,
                  "--imap-user",
                  "press");

      assertEquals(4, r.exitCode(), r::toString);
      assertContains(
          r.err(),
          "herald: TLS with the IMAP server 127.0.0.1:"
              + mail.getImap().getPort()
              + " ("
              + security
              + ") failed: ");
      assertContains(r.err(), "--imap-ca FILE");
      assertFalse(r.all().contains(PressMailbox.PASSWORD), r::toString);
    }
  }

  @Test
  void aMissingFolderIsExit2NamingIt() {
    CliRun.Result r = fetch("--folder", "Interviews");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(
        r.err(),
        "herald: there is no folder 'Interviews' in the mailbox of press at 127.0.0.1:"
            + mail.getImap().getPort()
            + " (it has: INBOX). Check --folder (default INBOX).");
    assertNothingWritten();
  }

  private void assertNothingWritten() {
    assertFalse(Files.exists(dir.resolve("logs/replies.csv")));
    assertFalse(Files.exists(dir.resolve("logs/interviews.csv")));
  }

  // ----- replies that must be counted once -----

  @Test
  void aReplyWithoutAMessageIdIsKeyedByItsHeadersAndLoggedOnce() {
    PressMailbox.deliver(
        mail, reply("", "Guten Tag, ich würde gerne ein Interview mit Ihnen führen."));

    CliRun.Result first = fetch();
    CliRun.Result second = fetch();

    assertEquals(0, first.exitCode(), first::toString);
    assertContains(first.out(), "Interview requests: 1");
    assertContains(second.out(), "nothing new. 1 fetched before, 0 not about a campaign.");
    String replies = TestFiles.read(dir.resolve("logs/replies.csv"));
    assertEquals(2, replies.lines().count(), replies);
    assertTrue(replies.contains(",interview_request,no-id:"), replies);
    assertEquals(2, TestFiles.read(dir.resolve("logs/interviews.csv")).lines().count());
  }

  @Test
  void anUnsubscribeGoesToTheWorkingFoldersListWhereverTheContactsLie() throws Exception {
    Files.createDirectories(dir.resolve("exports"));
    Files.copy(dir.resolve("contacts/media.csv"), dir.resolve("exports/media.csv"));
    PressMailbox.deliver(
        mail,
        reply(
            "Message-ID: <unsub@technik-und-region.example>\n",
            "Please unsubscribe me and remove me from your mailing list."));

    CliRun.Result r = fetch("--contacts", "exports/media.csv");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Unsubscribe requests: 1");
    assertContains(r.out(), "contacts/optout.csv");
    assertTrue(
        TestFiles.read(dir.resolve("contacts/optout.csv")).contains(MUELLER + ","),
        "added to the working folder's list");
    assertFalse(Files.exists(dir.resolve("exports/optout.csv")));
  }

  @Test
  void aSecondRequestFromTheSameContactAddsNoRow() {
    PressMailbox.deliver(
        mail,
        reply(
            "Message-ID: <first@technik-und-region.example>\n",
            "Guten Tag, ich würde gerne ein Interview mit Ihnen führen."));
    assertEquals(0, fetch().exitCode());
    PressMailbox.deliver(
        mail,
        reply(
            "Message-ID: <second@technik-und-region.example>\n",
            "Guten Tag, gibt es schon einen Termin für das Interview? Ich würde gerne ein"
                + " Interview führen."));

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(
        r.out(),
        "  I0001  Günther Müller <"
            + MUELLER
            + ">, Technik & Region ("
            + CAMPAIGN
            + ", by reply) [already in the log]");
    assertEquals(2, TestFiles.read(dir.resolve("logs/interviews.csv")).lines().count());
    assertEquals(3, TestFiles.read(dir.resolve("logs/replies.csv")).lines().count());
  }

  @Test
  void aReplyLargerThanTheLimitIsSkippedAndNamed() {
    TestFiles.write(dir, "herald.properties", "limits.reply-bytes=4000\n");
    PressMailbox.deliver(
        mail,
        reply(
            "Message-ID: <big@technik-und-region.example>\n",
            "Ich möchte ein Interview.\n" + "x".repeat(80).concat("\n").repeat(100)));

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "nothing new. 0 fetched before, 0 not about a campaign, 1 too large.");
    assertContains(
        r.out(),
        "Skipped, larger than limits.reply-bytes: "
            + MUELLER
            + " \"AW: Fostering digitalisation in the Podlaskie Region\"");
    assertNothingWritten();
  }

  @Test
  void aReplyToAMessageThatWasOnlyWrittenToTheOutboxIsNotAboutACampaign() throws Exception {
    Files.delete(dir.resolve("logs/sends.csv"));
    try (Journal journal = Journal.open(dir.resolve("logs/sends.csv"))) {
      journal.appendDurably(
          new JournalEntry(
              CliRun.NOW, CAMPAIGN, MUELLER, Outcome.OUTBOX, "outbox/x.eml", releaseId));
    }
    PressMailbox.deliver(
        mail,
        reply(
            "Message-ID: <m@technik-und-region.example>\n",
            "Guten Tag, ich würde gerne ein Interview mit Ihnen führen."));

    CliRun.Result r = fetch();

    assertContains(r.out(), "nothing new. 0 fetched before, 1 not about a campaign.");
  }

  @Test
  void withoutAJournalItSaysWhyNothingMatched() throws Exception {
    Files.delete(dir.resolve("logs/sends.csv"));
    PressMailbox.deliver(
        mail,
        reply(
            "Message-ID: <m@technik-und-region.example>\n",
            "Guten Tag, ich würde gerne ein Interview mit Ihnen führen."));

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "nothing new. 0 fetched before, 1 not about a campaign.");
    assertContains(
        r.out(),
        "There is no send journal at "
            + dir.resolve("logs/sends.csv")
            + ", so no reply can be tied to a campaign");
  }

  @Test
  void aLongFetchShowsProgressLinesInALogThatIsNotATerminal() {
    for (int i = 0; i < 250; i++) {
      PressMailbox.deliver(
          mail,
          """
          From: reader%d@example.org
          To: press@next2met.example
          Subject: Newsletter %d
          Message-ID: <n.%d@example.org>

          Not about any release.
          """
              .formatted(i, i, i));
    }

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.err(), "read 100/250 messages\n");
    assertContains(r.err(), "read 200/250 messages\n");
    assertContains(r.out(), "250 not about a campaign");
  }
}
