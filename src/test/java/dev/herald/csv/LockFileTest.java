package dev.herald.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The lock and the identity checks of the CSV module. */
class LockFileTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aLockHeldByAnotherProcessIsRefusedUntilThatProcessEnds() throws Exception {
    Path lockFile = dir.resolve("sends.csv.lock");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                lockFile.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader out = child.inputReader(UTF_8)) {
      assertEquals("held", out.readLine());
      assertTrue(LockFile.tryTake(lockFile, "x\n").isEmpty());
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    try (LockFile lock = LockFile.tryTake(lockFile, "x\n").orElseThrow()) {
      assertEquals("test\n", Files.readString(lockFile, UTF_8)); // the first holder explained it
    }
  }

  @Test
  void aLockHeldThroughAnotherChannelIsRefused() throws Exception {
    Path lockFile = dir.resolve("log.csv.lock");
    try (FileChannel other =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = other.lock()) {
      assertTrue(LockFile.tryTake(lockFile, "x\n").isEmpty());
    }
    Optional<LockFile> free = LockFile.tryTake(lockFile, "x\n");
    assertTrue(free.isPresent());
    free.get().close();
  }

  @Test
  void aDeletedOrReplacedLockFileIsNoticed() throws Exception {
    Path lockFile = dir.resolve("sends.csv.lock");
    try (LockFile lock = LockFile.tryTake(lockFile, "why\n").orElseThrow()) {
      assertTrue(lock.identity().known());
      assertEquals(Optional.empty(), lock.identity().change());
      Files.delete(lockFile);
      assertEquals(Optional.of(FileIdentity.Change.DELETED), lock.identity().change());
      Files.writeString(lockFile, "another\n", UTF_8);
      assertEquals(Optional.of(FileIdentity.Change.REPLACED), lock.identity().change());
    }
  }

  @Test
  void aSecondNameForAFileIsCounted() throws Exception {
    Path file = Files.writeString(dir.resolve("sends.csv"), "x\n", UTF_8);
    assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("unix"));
    assertEquals(1, FileIdentity.names(file));
    assertEquals(1, FileIdentity.names(dir.resolve("missing.csv")));
    Files.createLink(dir.resolve("other.csv"), file);
    assertEquals(2, FileIdentity.names(file));
  }

  @Test
  void theRealPathFollowsALinkToAFileNotYetCreated() throws Exception {
    Path real = dir.resolve("real/sends.csv");
    Files.createDirectories(real.getParent());
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real);
    assertEquals(real.getParent().toRealPath().resolve("sends.csv"), FileIdentity.realPath(link));
    assertFalse(Files.exists(real));
  }

  @Test
  void waitingForTheLockRunsTheWorkOnceItIsFree() throws Exception {
    Path file = dir.resolve("logs/interviews.csv");
    assertEquals("done", LockFile.whileHolding(file, () -> "done"));
    assertTrue(Files.exists(dir.resolve("logs/interviews.csv.lock")));
  }
}
