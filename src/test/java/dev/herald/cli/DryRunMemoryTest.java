package dev.herald.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.ChildHerald;
import dev.herald.testing.JsonText;
import dev.herald.testing.Samples;
import dev.herald.testing.Slow;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send --dry-run} of a long list in a small heap, as JSON and as text: the rows are written
 * as they are decided, so memory does not grow with the list (it used to hold every row, and a 64
 * MB heap ended in an OutOfMemoryError's stack trace).
 */
@Slow
class DryRunMemoryTest {
  static final int CONTACTS = 300_000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aLongListIsStreamedInASmallHeap() throws Exception {
    longList();
    ChildHerald child = ChildHerald.in(dir).javaOptions("-Xmx64m");
    Process p = child.start("send", Samples.TEMPLATE, "--dry-run", "--format", "json");
    assertTrue(p.waitFor(280, TimeUnit.SECONDS), "the dry run did not end");
    String err = child.err();
    assertEquals(0, p.exitValue(), err);
    assertFalse(err.contains("OutOfMemoryError"), err);

    Map<String, Object> json = JsonText.object(child.out());
    assertEquals("dry-run", json.get("status"));
    assertEquals(0L, json.get("exit_code"));
    List<?> rows = (List<?>) json.get("recipients");
    assertEquals(CONTACTS, rows.size());
    assertEquals((long) CONTACTS, json.get("would_send"));
    @SuppressWarnings("unchecked")
    Map<String, Object> last = (Map<String, Object>) rows.get(CONTACTS - 1);
    assertEquals(ChildHerald.address(CONTACTS - 1), last.get("recipient"));
    assertEquals("send", last.get("decision"));
  }

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void theTextDryRunOfALongListRunsInASmallHeap() throws Exception {
    longList();
    ChildHerald child = ChildHerald.in(dir).javaOptions("-Xmx64m");
    Process p = child.start("send", Samples.TEMPLATE, "--dry-run");
    assertTrue(p.waitFor(280, TimeUnit.SECONDS), "the dry run did not end");
    String err = child.err();
    assertEquals(0, p.exitValue(), err);
    assertFalse(err.contains("OutOfMemoryError"), err);
    List<String> lines = child.out().lines().toList();
    assertTrue(
        lines
            .get(lines.size() - 2)
            .startsWith("would send     " + ChildHerald.address(CONTACTS - 1)),
        lines.get(lines.size() - 2));
    assertTrue(
        lines.get(lines.size() - 1).startsWith("Dry run: would send " + CONTACTS + " of campaign"),
        lines.get(lines.size() - 1));
  }

  private void longList() throws Exception {
    Samples.copyTo(dir);
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("contacts/media.csv"), UTF_8)) {
      w.write("email,first_name,last_name,salutation,outlet,language\n");
      for (int i = 0; i < CONTACTS; i++) {
        w.write(ChildHerald.address(i) + ",Anna,Nowak-" + i + ",Dear Editor,Daily " + i + ",en\n");
      }
    }
  }
}
