package dev.herald.campaign;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview index is a Mustache template: a contact's name, address, outlet and the subject made
 * from them are escaped there, and a contact without a name is listed by address alone. Its rows
 * are written as the messages are, beside it, and joined to its head and tail at the end.
 */
class PreviewIndexTest {
  @TempDir Path dir;

  @Test
  void hostileValuesAreEscapedInTheIndex() {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News for {{outlet}}\nFrom: Press <press@herald.example>\n\nHello.\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,last_name,outlet\n"
            + TestFiles.csvLine(
                "anna@news.example", "<script>alert(1)</script>", "O'Neil", "A & \"B\" <i>")
            + TestFiles.csvLine("ben@news.example", "", "", "Bode"));

    CliRun.Result r = CliRun.in(dir).run("preview", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    String index = TestFiles.read(dir.resolve("preview/index.html"));
    assertFalse(index.contains("<script>"), index);
    assertFalse(index.contains("<i>"), index);
    assertContains(
        index,
        "<tr><td>1</td><td class=\"addr\">&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Neil"
            + " &lt;anna@news.example&gt;<br><span class=\"small\">A &amp; &quot;B&quot;"
            + " &lt;i&gt;</span></td><td class=\"variant\">default (en)<br>");
    assertContains(index, "<td>News for A &amp; &quot;B&quot; &lt;i&gt;</td>");
    assertContains(
        index,
        "<tr><td>2</td><td class=\"addr\">ben@news.example<br><span class=\"small\">Bode</span>");
    assertContains(index, "<p>2 messages. Nothing has been sent.");
  }

  @Test
  void rowsWrittenAsTheyGoEndUpInOrderBetweenHeadAndTail() throws Exception {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News for {{outlet}}\nFrom: Press <press@herald.example>\n\nHello.\n");
    StringBuilder csv = new StringBuilder("email,first_name,last_name,outlet\n");
    for (int i = 1; i <= 300; i++) {
      csv.append(TestFiles.csvLine("j" + i + "@news.example", "J", "N" + i, "Outlet " + i));
    }
    TestFiles.write(dir, "contacts/media.csv", csv.toString());
    // what an interrupted preview leaves behind is replaced, not added to
    TestFiles.write(dir, "preview/.herald-preview", "");
    TestFiles.write(dir, "preview/" + PreviewIndex.PART, "<tr><td>stale</td></tr>\n");

    CliRun.Result r = CliRun.in(dir).run("preview", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    assertFalse(Files.exists(dir.resolve("preview/" + PreviewIndex.PART)));
    String index = TestFiles.read(dir.resolve("preview/index.html"));
    assertFalse(index.contains("stale"), index);
    assertTrue(index.startsWith("<!DOCTYPE html>\n"), index);
    assertTrue(index.endsWith("</body>\n</html>\n"), index);
    assertContains(index, "<p>300 messages. Nothing has been sent.");
    int at = index.indexOf("<th>Message</th></tr>\n<tr><td>1</td>");
    assertTrue(at > 0, index);
    for (int i = 2; i <= 300; i++) {
      int next = index.indexOf("<tr><td>" + i + "</td>", at);
      assertTrue(next > at, "row " + i + " out of order");
      at = next;
    }
    assertTrue(index.indexOf("</table>\n<h2>Left out</h2>", at) > at, index);
  }
}
