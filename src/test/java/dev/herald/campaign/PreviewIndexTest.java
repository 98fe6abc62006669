package dev.herald.campaign;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.herald.testing.CliRun;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview index is a Mustache template: a contact's name, address, outlet and the subject made
 * from them are escaped there, and a contact without a name is listed by address alone.
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
}
