package dev.herald.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.imap.ImapServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.identity.MessageIds;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.mailserver.Security;
import dev.herald.mailserver.ServerConfig;
import dev.herald.testing.PressMailbox;
import dev.herald.testing.Samples;
import dev.herald.testing.Slow;
import dev.herald.util.Progress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 12: fetch records what it has read in batches, so a connection that breaks
 * part-way through a large mailbox loses nothing, and the next run continues where it stopped. Real
 * GreenMail IMAP; the connection is broken by stopping the server mid-fetch.
 */
@Slow
class FetchInBatchesTest {
  @RegisterExtension final GreenMailExtension mail = PressMailbox.server();

  @TempDir Path dir;

  private static final String CAMPAIGN = Samples.CAMPAIGN;
  private static final int REPLIES = 210;
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final InputLimits LIMITS =
      new InputLimits(65_536, 1_000, 20L << 20, 64 * 1024, 20);

  private FolderKey key;

  private static String recipient(int i) {
    return "journalist" + i + "@outlet" + i + ".example";
  }

  @BeforeEach
  void aCampaignWasSentAndManyReplied() {
    Samples.copyTo(dir);
    key = FolderKey.load(PressMailbox.env(), dir);
    // one reply far over limits.reply-bytes, first in the folder
    try (Journal journal = Journal.open(dir.resolve("logs/sends.csv"))) {
      for (int i = 0; i < REPLIES; i++) {
        journal.appendDurably(
            new JournalEntry(NOW, CAMPAIGN, recipient(i), Outcome.SENT, "250 OK", id(i)));
      }
    }
    PressMailbox.deliver(mail, reply(0, "<huge@outlet0.example>", "x".repeat(200_000)));
    for (int i = 0; i < REPLIES; i++) {
      String words = i % 3 == 0 ? "I would like an interview next week." : "Thanks, received.";
      PressMailbox.deliver(mail, reply(i, "<reply." + i + "@outlet" + i + ".example>", words));
    }
  }

  private String id(int i) {
    return MessageIds.of(key, CAMPAIGN, recipient(i), PressMailbox.ADDRESS);
  }

  private String reply(int i, String messageId, String body) {
    return """
        From: %s
        To: press@next2met.example
        Subject: Re: Fostering digitalisation
        Date: Mon, 30 Nov 2026 10:05:00 +0100
        Message-ID: %s
        In-Reply-To: %s

        %s
        """
        .formatted(recipient(i), messageId, id(i), body);
  }

  private ReplyFetch fetch() {
    return new ReplyFetch(
        new ReplyFetch.Files(
            dir.resolve("logs/sends.csv"),
            dir.resolve("contacts/media.csv"),
            dir.resolve("logs/interviews.csv"),
            dir.resolve("logs/replies.csv"),
            List.of(dir.resolve("contacts/optout.csv"))),
        LIMITS,
        Clock.fixed(NOW, ZoneOffset.UTC),
        key);
  }

  private static ReplyMailbox open(int port) {
    return ReplyMailbox.open(
        new ServerConfig(
            "127.0.0.1",
            port,
            Security.NONE,
            PressMailbox.LOGIN,
            PressMailbox.PASSWORD.toCharArray(),
            null,
            Duration.ofSeconds(3),
            ServerConfig.DATA_TIMEOUT,
            false,
            null),
        "INBOX");
  }

  private List<ReplyLog.Entry> replyLog() {
    List<ReplyLog.Entry> entries = new ArrayList<>();
    new ReplyLog(dir.resolve("logs/replies.csv")).forEach(entries::add);
    return entries;
  }

  /** Steps like a progress display, and stops the IMAP server after {@code at} messages. */
  private Progress dropAfter(int at) {
    return new Progress() {
      private int steps;

      @Override
      public void step() {
        if (++steps == at) {
          mail.getImap().stopService();
        }
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void aConnectionDroppedPartWayKeepsWhatWasReadAndTheNextRunContinues() throws Exception {
    int stopAt = 120;

    HeraldException broken;
    try (ReplyMailbox mailbox = open(mail.getImap().getPort())) {
      broken = assertThrows(HeraldException.class, () -> fetch().run(mailbox, dropAfter(stopAt)));
    }

    assertEquals(4, broken.exitCode(), broken.getMessage());
    int kept = replyLog().size();
    // everything read before the break is recorded: whole batches and the one being read
    assertEquals(stopAt - 1, kept, broken.getMessage());
    assertTrue(
        broken.getMessage().contains(kept + " replies about a campaign were recorded in "),
        broken.getMessage());
    int interviewsKept = new InterviewLog(dir.resolve("logs/interviews.csv")).read().size();
    assertEquals((kept + 2) / 3, interviewsKept);

    // the server comes back; the next run reads only the rest
    ImapServer again = new ImapServer(new ServerSetup(0, "127.0.0.1", "imap"), mail.getManagers());
    again.startService();
    try {
      assertTrue(again.waitTillRunning(10_000));
      ReplyFetch.Summary rest;
      try (ReplyMailbox mailbox = open(again.getPort())) {
        rest = fetch().run(mailbox, Progress.none());
      }
      assertEquals(kept, rest.alreadyFetched());
      assertEquals(REPLIES - kept, rest.found().size());
      assertEquals(1, rest.tooLarge().size(), rest.tooLarge()::toString);
      assertTrue(rest.tooLarge().get(0).size() > LIMITS.maxReplyBytes());

      List<ReplyLog.Entry> all = replyLog();
      assertEquals(REPLIES, all.size());
      assertEquals(
          REPLIES, new HashSet<>(all.stream().map(ReplyLog.Entry::messageId).toList()).size());
      List<Interview> interviews = new InterviewLog(dir.resolve("logs/interviews.csv")).read();
      assertEquals(REPLIES / 3, interviews.size());
      assertEquals(
          REPLIES / 3,
          new HashSet<>(interviews.stream().map(Interview::messageId).toList()).size());
      assertEquals(
          REPLIES / 3, new HashSet<>(interviews.stream().map(Interview::id).toList()).size());
    } finally {
      again.stopService();
    }
  }
}
