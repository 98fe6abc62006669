package dev.herald.privacy;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.csv.LockFile;
import dev.herald.journal.Journal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The locks {@code herald forget} holds while it rewrites: the journal's (that of {@code send}),
 * those of the reply and interview logs (that of {@code interviews fetch} and the interview
 * commands) and those of the opt-out lists (that of {@code optout add} and {@code optout import}),
 * taken without waiting before anything is read, so that a run in progress makes forget stop at
 * once with exit 4, having changed nothing.
 */
public final class ForgetLocks implements AutoCloseable {
  private static final String EXPLANATION =
      "herald keeps two runs that change the file beside this one apart with a lock on this file."
          + " It stays after a run.\n";

  private final Journal.Lock journal;
  private final List<LockFile> logs;

  private ForgetLocks(Journal.Lock journal, List<LockFile> logs) {
    this.journal = journal;
    this.logs = logs;
  }

  /**
   * Takes every lock, or none.
   *
   * @throws HeraldException exit 4 if a run holds one of them
   */
  public static ForgetLocks take(Places places) {
    Journal.Lock journal;
    try {
      journal = Journal.lock(places.journal());
    } catch (HeraldException e) {
      if (e.exitCode() != ExitCodes.UNDELIVERABLE) {
        throw e;
      }
      throw new HeraldException(
          ExitCodes.UNDELIVERABLE,
          Display.path(places.journal())
              + " is in use by another herald run (a send?); nothing was changed: run herald"
              + " forget again when it has finished",
          e);
    }
    List<LockFile> logs = new ArrayList<>();
    try {
      for (var log : List.of(places.replyLog(), places.interviewLog())) {
        java.nio.file.Files.createDirectories(log.toAbsolutePath().getParent());
        logs.add(take(log, "interviews fetch?"));
      }
      // optout add and optout import append to these lists under the same lock: an entry they
      // appended between forget's reading a list and replacing it would be lost
      for (var list : places.optOut()) {
        if (!java.nio.file.Files.isDirectory(list.toAbsolutePath().getParent())) {
          continue; // no list there, and nothing to replace
        }
        logs.add(take(list, "optout add or optout import?"));
      }
      return new ForgetLocks(journal, logs);
    } catch (IOException e) {
      close(journal, logs);
      throw HeraldException.input("cannot lock the logs: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close(journal, logs);
      throw e;
    }
  }

  /** The lock beside {@code file}, or exit 4 naming it and what probably holds it ({@code who}). */
  private static LockFile take(java.nio.file.Path file, String who) throws IOException {
    var held = LockFile.tryTake(LockFile.beside(file), EXPLANATION);
    if (held.isEmpty()) {
      throw new HeraldException(
          ExitCodes.UNDELIVERABLE,
          Display.path(file)
              + " is in use by another herald run ("
              + who
              + "); nothing was changed: run herald forget again when it has finished");
    }
    return held.get();
  }

  /** The journal's lock, for {@link dev.herald.journal.JournalRewrite}. */
  public Journal.Lock journal() {
    return journal;
  }

  @Override
  public void close() {
    close(journal, logs);
  }

  private static void close(Journal.Lock journal, List<LockFile> logs) {
    logs.forEach(LockFile::close);
    journal.close();
  }
}
