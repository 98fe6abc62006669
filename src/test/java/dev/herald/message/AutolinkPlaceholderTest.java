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

/**
 * A placeholder in a CommonMark autolink, {@code <{{email}}>}, renders as the link CommonMark would
 * make with the value written in, never as an invisible unknown tag.
 */
class AutolinkPlaceholderTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "x1@a.example | <a href=\"mailto:x1@a.example\">x1@a.example</a>",
        "https://news.example/a?b=1&c=2 | <a href=\"https://news.example/a?b=1&amp;c=2\">"
            + "https://news.example/a?b=1&amp;c=2</a>",
        "javascript:alert(1) | <a href=\"unsafe:javascript:alert(1)\">javascript:alert(1)</a>",
        "not a link <b> | &lt;not a link &lt;b&gt;&gt;"
      })
  void aPlaceholderAloneInAngleBracketsIsTheLinkItsValueMakes(String value, String html)
      throws Exception {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\n\nWrite to us at <{{site}}>.\n");
    TestFiles.write(
        dir, "contacts/media.csv", "email,site\n" + TestFiles.csvLine("anna@news.example", value));

    CliRun.Result r = CliRun.in(dir).run("preview", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    MimeMessage m = Eml.parse(Eml.files(dir.resolve("preview")).get(0));
    String body = Eml.html(m);
    assertContains(body, "<p>Write to us at " + html + ".</p>");
    assertFalse(body.contains("hrld"), "no token left: " + body);
    assertContains(Eml.text(m), "Write to us at <" + value + ">.");
  }
}
