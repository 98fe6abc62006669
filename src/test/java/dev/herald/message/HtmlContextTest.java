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
 * A template may hold raw HTML, and a placeholder inside a tag: a contact's value must stay one
 * value there too, whether the template quotes it or not, and never add an attribute or a tag.
 */
class HtmlContextTest {
  @TempDir Path dir;

  private String html(String body, String value) throws Exception {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\n\n" + body + "\n");
    TestFiles.write(
        dir, "contacts/media.csv", "email,site\n" + TestFiles.csvLine("anna@news.example", value));

    CliRun.Result r = CliRun.in(dir).run("preview", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    MimeMessage m = Eml.parse(Eml.files(dir.resolve("preview")).get(0));
    assertContains(Eml.text(m), value);
    return Eml.html(m);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "unquoted attribute | <a href={{site}}>our site</a>",
        "tag name | <{{site}}>",
        "attribute name | <img {{site}}>",
      })
  void outsideQuotesAValueCannotAddAnAttribute(String where, String body) throws Exception {
    String html = html(body, "x onmouseover=alert(1) title=");

    // shown as text (a placeholder alone in angle brackets is text or a link) is fine; inside a
    // tag it must not become an attribute
    assertFalse(
        java.util.regex.Pattern.compile("<[^<>]*\\s(onmouseover|title)=").matcher(html).find(),
        html);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "unquoted attribute | <a href={{site}}>our site</a>",
        "single-quoted attribute | <a href='{{site}}'>our site</a>",
        "double-quoted attribute | <a href=\"{{site}}\">our site</a>",
        "tag name | <{{site}}>",
        "text | {{site}}",
      })
  void aValueCannotCloseTheTagOrOpenAnother(String where, String body) throws Exception {
    String html = html(body, "x'\"><script>alert(1)</script>");

    assertFalse(html.contains("<script>"), html);
    assertFalse(html.contains("'\">"), html);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "unquoted | <a href={{site}}>our site</a> | <a href=https&#58;&#47;&#47;kurier&#46;example",
        "quoted | <a href=\"{{site}}\">our site</a> | <a href=\"https://kurier.example\">",
        "Markdown link | [our site]({{site}}) | <a href=\"https://kurier.example\">",
      })
  void anOrdinaryAddressStillWorks(String where, String body, String expected) throws Exception {
    assertContains(html(body, "https://kurier.example"), expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "Markdown link | [our site]({{site}}) | javascript:alert(1) | href=\"unsafe:javascript:alert(1)\"",
        "Markdown image | ![logo]({{site}}) | javascript:alert(1) | src=\"unsafe:javascript:alert(1)\"",
        "quoted href | <a href=\"{{site}}\">x</a> | JaVa\tScript:alert(1) | href=\"unsafe:JaVa\tScript",
        "unquoted href | <a href={{site}}>x</a> | javascript:alert(1) | href=unsafe&#58;javascript",
        "data URL | [x]({{site}}) | data:text/html;base64,PHNjcmlwdD4= | href=\"unsafe:data:",
        "relative link | [x]({{site}}) | /press/2021 | href=\"/press/2021\"",
        "mail link | [x]({{site}}) | mailto:desk@kurier.example | href=\"mailto:desk@kurier.example\"",
      })
  void aLinkFromDataCannotRunAScript(String where, String body, String value, String expected)
      throws Exception {
    String html = html(body, value);

    assertContains(html, expected);
  }
}
