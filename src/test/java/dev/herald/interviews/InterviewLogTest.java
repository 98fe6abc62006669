package dev.herald.interviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.HeraldException;
import dev.herald.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterviewLogTest {
  @TempDir Path dir;

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00.123456Z");

  private InterviewLog log() {
    return new InterviewLog(dir.resolve("logs/interviews.csv"));
  }

  private static InterviewLog.Draft draft(String email, String messageId, String note) {
    return new InterviewLog.Draft(
        "podlaskie-digitalisation",
        email,
        "",
        "",
        "",
        Interview.Status.REQUESTED,
        "",
        Interview.Source.REPLY,
        messageId,
        note,
        "",
        "");
  }

  @Test
  void aMissingLogIsEmptyAndTheFirstRowCreatesIt() {
    assertEquals(List.of(), log().read());

    Interview added = log().add(draft("a@b.example", "", ""), NOW);

    assertEquals("I0001", added.id());
    assertEquals(Instant.parse("2026-11-27T10:00:00Z"), added.loggedAt());
    assertEquals(List.of(added), log().read());
  }

  @Test
  void idsCountOnFromTheHighestInUse() {
    TestFiles.write(
        dir,
        "logs/interviews.csv",
        String.join(",", InterviewLog.COLUMNS)
            + "\n"
            + "I0007,2026-11-27T10:00:00Z,c,a@b.example,,,,done,,phone,,,,\n"
            + "by-hand,2026-11-27T10:00:00Z,c,a@b.example,,,,done,,phone,,,,\n");

    assertEquals("I0008", log().add(draft("c@d.example", "", ""), NOW).id());
  }

  @Test
  void everyValueReadsBackAsWritten() {
    List<String> awkward =
        List.of(
            "=1+1",
            "+49 30 1234",
            "-minus",
            "@at",
            "\tTab",
            "\rCR",
            "'apostrophe",
            "''two",
            "comma, and \"quotes\"",
            "line\nbreak",
            "Łódź – Białystok",
            "");
    for (String value : awkward) {
      log().add(draft("a@b.example", "", value), NOW);
    }

    List<String> notes = log().read().stream().map(Interview::note).toList();

    assertEquals(awkward, notes);
  }

  @Test
  void noCellInTheFileStartsLikeAFormula() {
    log().add(draft("a@b.example", "", "=HYPERLINK(\"https://evil.example\")"), NOW);
    log().add(draft("a@b.example", "", "@SUM(A1)"), NOW);

    String text = TestFiles.read(log().file());

    assertTrue(text.contains(",\"'=HYPERLINK(\"\"https://evil.example\"\")\",,\n"), text);
    assertTrue(text.contains(",'@SUM(A1),,\n"), text);
  }

  @Test
  void anUpdateRewritesTheFileAndLeavesNoTemporaryFile() throws IOException {
    log().add(draft("a@b.example", "", "first"), NOW);
    log().add(draft("c@d.example", "", "second"), NOW);

    Interview changed = log().update("i0002", Interview.Status.SCHEDULED, "2026-12-01", null, NOW);

    assertEquals("I0002", changed.id());
    assertEquals(Interview.Status.SCHEDULED, changed.status());
    assertEquals("2026-12-01", changed.when());
    assertEquals("second", changed.note());
    assertEquals(List.of("first", "second"), log().read().stream().map(Interview::note).toList());
    try (Stream<Path> files = Files.list(dir.resolve("logs"))) {
      assertEquals(
          List.of("interviews.csv", "interviews.csv.lock", "interviews.last-id"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void anUnknownIdChangesNothing() {
    log().add(draft("a@b.example", "", ""), NOW);
    String before = TestFiles.read(log().file());

    HeraldException e =
        assertThrows(
            HeraldException.class,
            () -> log().update("I0009", Interview.Status.DONE, null, null, NOW));

    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().startsWith("no interview I0009 in "), e.getMessage());
    assertEquals(before, TestFiles.read(log().file()));
  }

  @Test
  void fetchedRequestsAreAddedOncePerReplyAndOncePerOpenRequest() {
    List<InterviewLog.Added> first =
        log()
            .addRequests(
                List.of(draft("a@b.example", "<1@x>", ""), draft("c@d.example", "<2@x>", "")), NOW);
    List<InterviewLog.Added> again =
        log()
            .addRequests(
                List.of(
                    draft("a@b.example", "<1@x>", ""), // the same reply: a re-run
                    draft("C@D.example", "<3@x>", "")), // a follow-up while one is open
                NOW);
    log().update("I0001", Interview.Status.DONE, null, null, NOW);
    List<InterviewLog.Added> later =
        log().addRequests(List.of(draft("a@b.example", "<4@x>", "")), NOW);

    assertEquals(List.of(true, true), first.stream().map(InterviewLog.Added::isNew).toList());
    assertEquals(List.of(false, false), again.stream().map(InterviewLog.Added::isNew).toList());
    assertEquals("I0001", again.get(0).interview().id());
    assertEquals("I0002", again.get(1).interview().id());
    assertTrue(later.get(0).isNew(), "the earlier interview is done: this is a new request");
    assertEquals("I0003", later.get(0).interview().id());
    assertEquals(3, log().read().size());
  }

  @Test
  void concurrentAddsLoseNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Interview>> futures = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String email = "j" + i + "@x.example";
        futures.add(pool.submit(() -> log().add(draft(email, "", ""), NOW)));
      }
      for (Future<Interview> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    List<Interview> rows = log().read();
    assertEquals(20, rows.size());
    assertEquals(20, rows.stream().map(Interview::id).distinct().count());
  }

  @Test
  void aFileThatIsNotAnInterviewLogIsRefused() {
    TestFiles.write(dir, "logs/interviews.csv", "email,name\na@b.example,A\n");

    HeraldException e = assertThrows(HeraldException.class, () -> log().read());

    assertEquals(2, e.exitCode());
    assertTrue(
        e.getMessage()
            .endsWith(
                ":1: not an interview log: its first line should be "
                    + String.join(",", InterviewLog.COLUMNS)
                    + "; move the file away or repair its header"),
        e.getMessage());
  }

  @Test
  void aRowWithTooFewValuesIsNamedByLine() {
    TestFiles.write(
        dir,
        "logs/interviews.csv",
        String.join(",", InterviewLog.COLUMNS)
            + "\n"
            + "I0001,2026-11-27T10:00:00Z,c,a@b.example,,,,done,,phone,,,,\n"
            + "I0002,2026-11-27T10:00:00Z,c\n");

    HeraldException e = assertThrows(HeraldException.class, () -> log().read());

    assertTrue(e.getMessage().contains("interviews.csv:3: expected 14 values"), e.getMessage());
  }

  @Test
  void aByteOrderMarkAndAnExcelStyleHeaderAreAccepted() {
    TestFiles.write(
        dir,
        "logs/interviews.csv",
        "\uFEFF"
            + String.join(",", InterviewLog.COLUMNS).toUpperCase(java.util.Locale.ROOT)
            + "\r\n"
            + "I0001,2026-11-27T10:00:00Z,c,a@b.example,,,,Scheduled,,Phone,,,,\r\n");

    List<Interview> rows = log().read();

    assertEquals(1, rows.size());
    assertEquals(Interview.Status.SCHEDULED, rows.get(0).status());
    assertEquals(Interview.Source.PHONE, rows.get(0).source());
  }

  @Test
  void whenAcceptsIsoDateTimesAndDates() {
    for (String ok :
        List.of(
            "2026-12-03T14:30+01:00",
            "2026-12-03T14:30:00Z",
            "2026-12-03T14:30+01:00[Europe/Brussels]",
            "2026-12-03T14:30",
            "2026-12-03")) {
      assertTrue(Interview.isIsoDateTime(ok), ok);
    }
    for (String bad : List.of("", "tomorrow", "2026-12-03 14:30", "03.12.2026", "2026-02-30")) {
      assertFalse(Interview.isIsoDateTime(bad), bad);
    }
  }

  @Test
  void aLogWrittenBeforeTheSenderColumnsReadsAndIsUpgradedOnTheNextChange() {
    TestFiles.write(
        dir,
        "logs/interviews.csv",
        "id,logged_at,campaign,email,name,outlet,topic,status,when,source,message_id,note\n"
            + "I0001,2026-11-27T10:00:00Z,c,a@b.example,,,,requested,,reply,<1@x>,\n");
    assertEquals("", log().read().get(0).replyFrom());
    assertEquals("", log().read().get(0).forwardedBy());

    log()
        .addRequests(
            List.of(
                new InterviewLog.Draft(
                    "c",
                    "m.verdi@b.example",
                    "",
                    "",
                    "",
                    Interview.Status.REQUESTED,
                    "",
                    Interview.Source.REPLY,
                    "<2@x>",
                    "",
                    "m.verdi@b.example",
                    "a@b.example")),
            NOW);

    String text = TestFiles.read(dir.resolve("logs/interviews.csv"));
    assertTrue(text.startsWith(String.join(",", InterviewLog.COLUMNS) + "\n"), text);
    assertTrue(text.contains(",<1@x>,,,\n"), text);
    assertTrue(text.contains(",<2@x>,,m.verdi@b.example,a@b.example\n"), text);
    assertEquals("a@b.example", log().read().get(1).forwardedBy());
  }
}
