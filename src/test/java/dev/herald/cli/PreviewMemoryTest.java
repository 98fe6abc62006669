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
 * {@code preview} of a long list in a small heap, and {@code send --approved} of what it approved:
 * approval.json is written as the preview goes and read back as a stream (the preview used to hold
 * every recipient's digests and wrote the whole file from memory twice: some 1.5 KB a recipient,
 * far beyond a 24 MB heap at this length).
 */
@Slow
class PreviewMemoryTest {
  static final int CONTACTS = 20_000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aLongListIsPreviewedAndApprovedInASmallHeap() throws Exception {
    Samples.copyTo(dir);
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("contacts/media.csv"), UTF_8)) {
      w.write("email,first_name,last_name,salutation,outlet,language\n");
      for (int i = 0; i < CONTACTS; i++) {
        w.write(ChildHerald.address(i) + ",Anna,Nowak-" + i + ",Dear Editor,Daily " + i + ",en\n");
      }
    }
    ChildHerald preview = ChildHerald.in(dir).javaOptions("-Xmx24m");
    Process p = preview.start("preview", Samples.TEMPLATE);
    assertTrue(p.waitFor(560, TimeUnit.SECONDS), "the preview did not end");
    assertEquals(0, p.exitValue(), preview.err());
    assertFalse(preview.err().contains("OutOfMemoryError"), preview.err());

    Map<String, Object> approval =
        JsonText.object(Files.readString(dir.resolve("preview/approval.json")));
    List<?> recipients = (List<?>) approval.get("recipients");
    assertEquals(CONTACTS, recipients.size());
    @SuppressWarnings("unchecked")
    Map<String, Object> last = (Map<String, Object>) recipients.get(CONTACTS - 1);
    assertEquals(ChildHerald.address(CONTACTS - 1), last.get("email"));
    try (var files = Files.list(dir.resolve("preview"))) {
      assertEquals(
          List.of(),
          files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".part")).toList());
    }

    // reading approval.json whole took some 4 KB a recipient (the text twice and a tree of it)
    ChildHerald send = ChildHerald.in(dir).javaOptions("-Xmx64m");
    Process s =
        send.start("send", Samples.TEMPLATE, "--approved", "preview/approval.json", "--dry-run");
    assertTrue(s.waitFor(560, TimeUnit.SECONDS), "the approved dry run did not end");
    assertEquals(0, s.exitValue(), send.err());
    assertFalse(send.err().contains("OutOfMemoryError"), send.err());
    assertTrue(
        send.out().lines().anyMatch(l -> l.startsWith("Dry run: would send " + CONTACTS + " of")),
        send.out());
  }
}
