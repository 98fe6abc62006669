package dev.herald.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The durable append and the atomic replace of the CSV module. */
class DurableFilesTest {
  private static final List<String> HEADER = List.of("a", "b");

  @TempDir Path dir;

  @Test
  void theFirstAppendWritesTheHeaderAndCreatesTheFolders() throws IOException {
    Path file = dir.resolve("logs/new.csv");
    DurableAppend.append(file, HEADER, "1,2\n");
    DurableAppend.append(file, HEADER, "3,4\n");
    assertEquals("a,b\n1,2\n3,4\n", Files.readString(file, UTF_8));
  }

  @Test
  void anEmptyFileGetsTheHeader() throws IOException {
    Path file = Files.createFile(dir.resolve("empty.csv"));
    DurableAppend.append(file, HEADER, "1,2\n");
    assertEquals("a,b\n1,2\n", Files.readString(file, UTF_8));
  }

  @Test
  void aTornLastLineStaysOnALineOfItsOwn() throws IOException {
    Path file = dir.resolve("torn.csv");
    Files.writeString(file, "a,b\n1,2\n3,\"fo", UTF_8);
    DurableAppend.append(file, HEADER, "5,6\n");
    assertEquals("a,b\n1,2\n3,\"fo\n5,6\n", Files.readString(file, UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rw-------", "rw-r-----", "rw-rw-r--"})
  void theAtomicReplaceKeepsTheFilesMode(String mode) throws IOException {
    Path file = dir.resolve("log.csv");
    Files.writeString(file, "old\n", UTF_8);
    assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    AtomicReplace.replace(file, "new\n");
    assertEquals("new\n", Files.readString(file, UTF_8));
    assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(List.of("log.csv"), names());
  }

  @Test
  void aNewFileIsCreatedForItsOwnerOnly() throws IOException {
    Path file = dir.resolve("logs/fresh.csv");
    AtomicReplace.replace(file, "new\n");
    assertEquals("new\n", Files.readString(file, UTF_8));
    assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void aFailedReplaceLeavesTheFileAsItWasAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("log.csv");
    Files.writeString(file, "old\n", UTF_8);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicReplace.replace(
                    file,
                    out -> {
                      out.write("half".getBytes(UTF_8));
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old\n", Files.readString(file, UTF_8));
    assertEquals(List.of("log.csv"), names());
  }

  @Test
  void aNamedTemporaryFileLeftByACrashIsOverwrittenAndGone() throws IOException {
    Path file = dir.resolve("sends.csv");
    Path temp = dir.resolve("sends.csv.upgrading");
    Files.writeString(file, "old\n", UTF_8);
    Files.writeString(temp, "left by a crash, longer than the new content\n", UTF_8);
    AtomicReplace.replace(file, temp, out -> out.write("new\n".getBytes(UTF_8)));
    assertEquals("new\n", Files.readString(file, UTF_8));
    assertFalse(Files.exists(temp));
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
