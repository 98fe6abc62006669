package dev.herald;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.testing.Slow;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several herald processes started at once in a folder without a key: exactly one key is created,
 * and every process keys its references with it.
 */
@Slow
class FolderKeyRaceTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void processesCreatingTheKeyAtOnceAllUseOneKey() throws Exception {
    Path start = dir.resolve("start");
    Path folder = dir.resolve("work");
    Files.createDirectories(folder);
    List<Process> children = new ArrayList<>();
    List<BufferedReader> outs = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        Process child =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    FolderKeyChild.class.getName(),
                    folder.toString(),
                    start.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        children.add(child);
        outs.add(child.inputReader(UTF_8));
      }
      for (BufferedReader out : outs) {
        assertEquals("ready", out.readLine());
      }
      Files.createFile(start);
      Set<String> refs = new HashSet<>();
      for (BufferedReader out : outs) {
        refs.add(out.readLine());
      }
      for (Process child : children) {
        assertEquals(0, child.waitFor());
      }
      assertEquals(1, refs.size(), refs::toString);
      try (var files = Files.list(folder.resolve(".herald"))) {
        assertEquals(
            Set.of(folder.resolve(FolderKey.FILE), folder.resolve(".herald/.gitignore")),
            Set.copyOf(files.toList()));
      }
    } finally {
      for (Process child : children) {
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
