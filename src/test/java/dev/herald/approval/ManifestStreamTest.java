package dev.herald.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.testing.ChildHerald;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * approval.json is written from part files beside it: a preview that fails while writing leaves
 * neither an approval nor its parts, and the parts a killed preview left are herald's own, removed
 * by the next preview without --force.
 */
class ManifestStreamTest {
  @TempDir Path dir;

  private List<String> approvalFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("preview"))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("approval"))
          .sorted()
          .toList();
    }
  }

  @Test
  void aPreviewThatCannotWriteLeavesNoApprovalAndNoParts() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell for ulimit");
    Samples.copyTo(dir);
    ChildHerald.contacts(dir, 400); // each message fits; the list of their digests does not
    ChildHerald child = ChildHerald.in(dir).fileSizeLimitKb(64);
    Process p = child.start("preview", Samples.TEMPLATE);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), child.output());

    assertNotEquals(0, p.exitValue(), child.output());
    assertTrue(child.err().contains("File too large"), child.output());
    assertTrue(!child.err().contains("Exception"), child.output());
    assertEquals(List.of(), approvalFiles());
  }

  @Test
  void thePartsAKilledPreviewLeftAreRemovedByTheNext() throws Exception {
    Samples.copyTo(dir);
    assertEquals(0, CliRun.in(dir).run("preview", Samples.TEMPLATE).exitCode());
    Files.delete(dir.resolve("preview/approval.json"));
    for (String part :
        List.of(
            "approval.json.part", "approval.json.recipients.part", "approval.json.skipped.part")) {
      Files.writeString(dir.resolve("preview").resolve(part), "half");
    }

    CliRun.Result r = CliRun.in(dir).run("preview", Samples.TEMPLATE);

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(List.of("approval.json"), approvalFiles());
    assertEquals(
        0,
        CliRun.in(dir)
            .run("send", Samples.TEMPLATE, "--approved", "preview/approval.json", "--dry-run")
            .exitCode());
  }
}
