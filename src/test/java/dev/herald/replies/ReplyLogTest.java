package dev.herald.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplyLogTest {
  @TempDir Path dir;

  @Test
  void theKeyIsTheMessageIdOrAHashOfFromDateAndSubject() {
    assertEquals("<a@b>", ReplyLog.key("<a@b>", "x@y", "Mon", "Hi"));
    String k = ReplyLog.key("", "x@y.example", "Mon, 30 Nov 2026 09:00:00 +0100", "Interview?");
    assertTrue(k.matches("no-id:[a-z2-7]{20}"), k);
    assertEquals(
        k, ReplyLog.key(null, "x@y.example", "Mon, 30 Nov 2026 09:00:00 +0100", "Interview?"));
    assertNotEquals(
        k, ReplyLog.key(null, "x@y.example", "Tue, 1 Dec 2026 09:00:00 +0100", "Interview?"));
  }

  @Test
  void appendedEntriesReadBackAndGiveTheirKeys() {
    ReplyLog log = new ReplyLog(dir.resolve("logs/replies.csv"));
    Instant t = Instant.parse("2026-11-30T08:00:00Z");
    log.append(
        List.of(
            new ReplyLog.Entry(
                t, "c", "a@b.example", ReplyKind.BOUNCE, "<1@x>", "=Undelivered", "", ""),
            new ReplyLog.Entry(
                t, "c", "d@e.example", ReplyKind.OTHER, "no-id:abc", "Re:\r\nthanks", "", "")));
    log.append(
        List.of(
            new ReplyLog.Entry(t, "c", "f@g.example", ReplyKind.AUTO_REPLY, "<2@x>", "", "", "")));

    List<ReplyLog.Entry> read = new ArrayList<>();
    log.forEach(read::add);

    assertEquals(Set.of("<1@x>", "no-id:abc", "<2@x>"), log.keys());
    assertEquals("=Undelivered", read.get(0).subject());
    assertEquals("Re: thanks", read.get(1).subject());
    assertEquals(ReplyKind.AUTO_REPLY, read.get(2).kind());
    assertEquals(
        "received,campaign,email,kind,message_id,subject,review,from\n"
            + "2026-11-30T08:00:00Z,c,a@b.example,bounce,<1@x>,'=Undelivered,,\n"
            + "2026-11-30T08:00:00Z,c,d@e.example,other,no-id:abc,Re: thanks,,\n"
            + "2026-11-30T08:00:00Z,c,f@g.example,auto_reply,<2@x>,,,\n",
        TestFiles.read(log.file()));
  }

  @Test
  void aLastLineWithoutANewlineIsEndedBeforeTheNextAppend() {
    TestFiles.write(
        dir,
        "logs/replies.csv",
        "received,campaign,email,kind,message_id,subject\n"
            + "2026-11-30T08:00:00Z,c,a@b.example,other,<1@x>,Hi");
    ReplyLog log = new ReplyLog(dir.resolve("logs/replies.csv"));

    log.append(
        List.of(
            new ReplyLog.Entry(
                Instant.parse("2026-11-30T09:00:00Z"),
                "c",
                "b@c.example",
                ReplyKind.OTHER,
                "<2@x>",
                "",
                "",
                "")));

    assertEquals(Set.of("<1@x>", "<2@x>"), log.keys());
  }

  @Test
  void aLogWrittenBeforeTheReviewAndFromColumnsReadsAndIsUpgradedOnAppend() {
    TestFiles.write(
        dir,
        "logs/replies.csv",
        "received,campaign,email,kind,message_id,subject\n"
            + "2026-11-30T08:00:00Z,c,a@b.example,other,<1@x>,Hi\n");
    ReplyLog log = new ReplyLog(dir.resolve("logs/replies.csv"));
    assertEquals("", log.find("<1@x>").orElseThrow().review());

    log.append(
        List.of(
            new ReplyLog.Entry(
                Instant.parse("2026-11-30T09:00:00Z"),
                "c",
                "b@c.example",
                ReplyKind.UNSUBSCRIBE,
                "<2@x>",
                "stop",
                "sent from x@evil.example",
                "x@evil.example")));

    assertEquals(
        "received,campaign,email,kind,message_id,subject,review,from\n"
            + "2026-11-30T08:00:00Z,c,a@b.example,other,<1@x>,Hi,,\n"
            + "2026-11-30T09:00:00Z,c,b@c.example,unsubscribe,<2@x>,stop,sent from x@evil.example,"
            + "x@evil.example\n",
        TestFiles.read(log.file()));
    assertTrue(log.find("<2@x>").orElseThrow().needsLook());
    assertEquals("x@evil.example", log.find("<2@x>").orElseThrow().from());
    assertEquals("", log.find("<1@x>").orElseThrow().from());
  }

  @Test
  void aLogWithTheReviewColumnButNoSenderStillReads() {
    TestFiles.write(
        dir,
        "logs/replies.csv",
        "received,campaign,email,kind,message_id,subject,review\n"
            + "2026-11-30T08:00:00Z,c,a@b.example,interview_request,<1@x>,Hi,why\n");

    ReplyLog.Entry e = new ReplyLog(dir.resolve("logs/replies.csv")).find("<1@x>").orElseThrow();

    assertEquals("why", e.review());
    assertEquals("", e.from());
  }
}
