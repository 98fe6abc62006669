package dev.herald.journal;

import static dev.herald.journal.Entries.T0;
import static dev.herald.journal.Entries.entry;
import static dev.herald.journal.Entries.readAll;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  @Test
  void openCreatesFoldersAndTheHeaderOnce() throws Exception {
    Path file = dir.resolve("press/logs/sends.csv");
    Journal.open(file).close();
    assertEquals(JournalCsv.HEADER + "\n", Files.readString(file));
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(entry(1, Outcome.SENT));
    }
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(entry(2, Outcome.SENT));
    }
    assertEquals(3, Files.readAllLines(file).size());
    assertEquals(List.of(entry(1, Outcome.SENT), entry(2, Outcome.SENT)), readAll(file));
  }

  @Test
  void openAddsTheHeaderToAnEmptyFile() throws Exception {
    Path file = dir.resolve("sends.csv");
    Files.createFile(file);
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(entry(1, Outcome.ATTEMPT));
    }
    assertEquals(List.of(entry(1, Outcome.ATTEMPT)), readAll(file));
  }

  @Test
  void concurrentAppendsAreAllWrittenWholeAndOnlyAcknowledgedOnceForced() throws Exception {
    int threads = 8;
    int perThread = 2_000;
    Path file = dir.resolve("sends.csv");
    // durable size seen by each thread right after its append completed, by thread and index
    long[][] durableAtAck = new long[threads][perThread];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (Journal journal = Journal.open(file)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    journal.appendDurably(threadEntry(thread, i));
                    durableAtAck[thread][i] = journal.durableSize();
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    List<JournalEntry> entries = readAll(file);
    assertEquals(threads * perThread, entries.size());
    assertEquals(threads * perThread, new HashSet<>(entries).size());
    int[] next = new int[threads];
    long offset = (JournalCsv.HEADER + "\n").length();
    for (JournalEntry entry : entries) {
      int thread = Integer.parseInt(entry.campaign().substring("thread-".length()));
      int index = next[thread]++;
      assertEquals(threadEntry(thread, index), entry, "each thread's entries in its own order");
      offset += JournalCsv.line(entry).getBytes(UTF_8).length;
      assertTrue(
          durableAtAck[thread][index] >= offset,
          "entry " + index + " of thread " + thread + " acknowledged before it was forced");
    }
    assertEquals(Files.size(file), offset);
  }

  private static JournalEntry threadEntry(int thread, int index) {
    return new JournalEntry(
        T0.plusMillis(index),
        "thread-" + thread,
        "contact" + index + "@example.org",
        index % 2 == 0 ? Outcome.ATTEMPT : Outcome.SENT,
        index % 3 == 0 ? "250 2.0.0 Ok, queued as \"" + index + "\"" : "",
        "<" + thread + "." + index + "@herald.example>");
  }

  @Test
  void closeWritesEverythingStillQueued() {
    Path file = dir.resolve("sends.csv");
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    List<JournalEntry> written = new ArrayList<>();
    try (Journal journal = Journal.open(file)) {
      for (int i = 0; i < 5_000; i++) {
        written.add(entry(i, Outcome.SENT));
        futures.add(journal.append(written.get(i)));
      }
    }
    assertTrue(futures.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()));
    assertEquals(written, readAll(file));
  }

  @Test
  void appendAfterCloseIsABug() {
    Journal journal = Journal.open(dir.resolve("sends.csv"));
    journal.close();
    journal.close(); // twice is fine
    assertThrows(IllegalStateException.class, () -> journal.append(entry(1, Outcome.SENT)));
  }

  @Test
  void aJournalInUseIsRefused() {
    Path file = dir.resolve("logs/sends.csv");
    try (Journal journal = Journal.open(file)) {
      HeraldException e = assertThrows(HeraldException.class, () -> Journal.open(file));
      assertEquals(ExitCodes.UNDELIVERABLE, e.exitCode());
      assertTrue(e.getMessage().contains("sends.csv is in use by another herald run"));
      journal.appendDurably(entry(1, Outcome.SENT));
    }
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(entry(2, Outcome.SENT));
    }
    assertEquals(2, readAll(file).size());
  }

  @Test
  void aJournalThatCannotBeCreatedIsAnInputError() throws Exception {
    Files.writeString(dir.resolve("logs"), "a file where the folder should be");
    HeraldException e =
        assertThrows(HeraldException.class, () -> Journal.open(dir.resolve("logs/sends.csv")));
    assertEquals(ExitCodes.INPUT, e.exitCode());
    assertTrue(e.getMessage().startsWith("cannot open journal "), e.getMessage());
    assertTrue(!e.getMessage().contains("null"), e.getMessage());
  }

  @Test
  void anotherCsvFileIsNotTakenForAJournal() throws Exception {
    Path file = dir.resolve("media.csv");
    Files.writeString(file, "email,first_name\nanna@example.pl,Anna\n");
    HeraldException e = assertThrows(HeraldException.class, () -> Journal.open(file));
    assertEquals(ExitCodes.INPUT, e.exitCode());
    assertTrue(e.getMessage().contains("media.csv:1: not a herald send journal"), e.getMessage());
    assertEquals("email,first_name\nanna@example.pl,Anna\n", Files.readString(file));
  }
}
