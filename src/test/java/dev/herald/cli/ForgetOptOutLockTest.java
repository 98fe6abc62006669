package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.ExitCodes;
import dev.herald.csv.LockFile;
import dev.herald.testing.CliRun;
import dev.herald.testing.Malformed;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald forget} replaces the opt-out list while {@code optout add} and {@code optout
 * import} append to it: an unsubscribe appended between forget's reading the list and replacing it
 * would be lost, and that person mailed. They share the list's lock: forget refuses at once (exit
 * 4) while an import holds it, and an import waits while forget holds it.
 */
class ForgetOptOutLockTest {
  @TempDir Path dir;

  private static final String LIST = "email,reason,date\nold@news.example,phoned,2026-01-05\n";

  @BeforeEach
  void folder() {
    TestFiles.write(dir, Malformed.TEMPLATE, Malformed.RELEASE);
    TestFiles.write(dir, "contacts/media.csv", Malformed.CONTACTS);
    TestFiles.write(dir, "contacts/optout.csv", LIST);
    TestFiles.write(dir, "web-form.csv", "email\nnew@news.example\n");
  }

  private Path list() {
    return dir.resolve("contacts/optout.csv");
  }

  @Test
  void forgetRefusesWhileTheListIsBeingAddedTo() throws Exception {
    try (LockFile held = LockFile.tryTake(LockFile.beside(list()), "").orElseThrow()) {
      CliRun.Result r = CliRun.in(dir).run("forget", "anna@news.example", "--yes");

      assertEquals(ExitCodes.UNDELIVERABLE, r.exitCode(), r::toString);
      assertContains(r.err(), "contacts/optout.csv is in use by another herald run");
      assertContains(r.err(), "nothing was changed");
    }
    assertEquals(LIST, TestFiles.read(list()));
    assertContains(TestFiles.read(dir.resolve("contacts/media.csv")), "anna@news.example");
  }

  @Test
  void importAndAddWaitWhileForgetHoldsTheList() throws Exception {
    CompletableFuture<CliRun.Result> imported;
    CompletableFuture<CliRun.Result> added;
    try (LockFile held = LockFile.tryTake(LockFile.beside(list()), "").orElseThrow()) {
      imported =
          CompletableFuture.supplyAsync(
              () -> CliRun.in(dir).run("optout", "import", "web-form.csv"));
      added =
          CompletableFuture.supplyAsync(
              () -> CliRun.in(dir).run("optout", "add", "other@news.example"));
      // long enough for either to have read the list and appended to it, had it not waited
      Thread.sleep(3000);
      assertFalse(imported.isDone(), () -> "did not wait: " + imported.join());
      assertFalse(added.isDone(), () -> "did not wait: " + added.join());
      assertEquals(LIST, TestFiles.read(list()));
    }
    CliRun.Result i = imported.get(30, TimeUnit.SECONDS);
    CliRun.Result a = added.get(30, TimeUnit.SECONDS);
    assertEquals(0, i.exitCode(), i::toString);
    assertEquals(0, a.exitCode(), a::toString);
    String after = TestFiles.read(list());
    assertTrue(after.contains("new@news.example") && after.contains("other@news.example"), after);
  }
}
