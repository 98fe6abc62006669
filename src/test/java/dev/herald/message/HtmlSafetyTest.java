package dev.herald.message;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.TestFiles;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A contact's value is text in the HTML part: escaped, never read as Markdown or HTML. */
class HtmlSafetyTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "<script>alert(1)</script> | &lt;script&gt;alert(1)&lt;/script&gt; | <script",
        "**bold** | **bold** | <strong>bold</strong>",
        "_under_ and `code` | _under_ and `code` | <code>code</code>",
        "[click](https://evil.example) | [click](https://evil.example) | href=\"https://evil",
        "<img src=x onerror=alert(1)> | &lt;img src=x onerror=alert(1)&gt; | <img",
        "\"quoted\" & 'single' | &quot;quoted&quot; &amp; &#39;single&#39; | \"quoted\"",
        "# not a heading | # not a heading | <h1>not",
      })
  void aValueAppearsLiterallyInHtml(String value, String escaped, String forbidden)
      throws Exception {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\n\n"
            + "Dear {{first_name}},\n\n{{outlet}}\n\nWe wrote about **{{outlet}}** in [a link]"
            + "(https://herald.example).\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,outlet\n" + TestFiles.csvLine("anna@news.example", "Anna", value));

    CliRun.Result r = CliRun.in(dir).run("preview", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    MimeMessage m = Eml.parse(Eml.files(dir.resolve("preview")).get(0));
    String html = Eml.html(m);
    assertContains(html, "<p>" + escaped + "</p>");
    assertContains(html, "<strong>" + escaped + "</strong>");
    assertFalse(html.contains(forbidden), html);
    assertContains(Eml.text(m), "\r\n" + value + "\r\n");
  }
}
