package dev.herald.template;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A template's own scripts, frames, forms, password fields, event handlers and javascript:,
 * vbscript: or data: links are errors with file:line:column, unless html.allow-active = true; the
 * same text in code is shown, not run, and is fine. Preview pages forbid scripts in any case.
 */
class ActiveContentTest {
  @TempDir Path dir;

  private static final String HEAD = "Subject: News\nFrom: Press <press@herald.example>\n\n";

  private CliRun.Result check(String body) {
    TestFiles.write(dir, "templates/release.md", HEAD + body);
    TestFiles.write(dir, "contacts/media.csv", "email\na@news.example\n");
    return CliRun.in(dir).run("check", "templates/release.md");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "script block | Hello\\n\\n<script>alert(1)</script>\\n | 6:1 | <script> runs a script",
        "inline script | Hello <script>alert(1)</script> there\\n | 4:7 | <script> runs a script",
        "iframe | <iframe src=\"https://x.example\"></iframe>\\n | 4:1 | <iframe> embeds",
        "form with password | <form action=\"https://x.example\">\\n<input type=\"password\">\\n</form>\\n"
            + " | 5:1 | a password field",
        "form | <form action=\"https://x.example\"></form>\\n | 4:1 | <form> sends what readers type",
        "event handler | <img src=\"a.png\" onerror=\"alert(1)\">\\n | 4:18 | the onerror attribute",
        "markdown javascript link | See [the site](javascript:alert(1)).\\n | 4:5 | a link to a"
            + " javascript: address",
        "markdown vbscript link | [x](VBScript:msgbox)\\n | 4:1 | a link to a vbscript: address",
        "data image | ![chart](data:image/svg+xml;base64,PHN2Zz4=)\\n | 4:1 | an image from a data:",
        "autolink | Go to <javascript:alert(1)>\\n | 4:7 | a link to a javascript: address",
        "html href entity-encoded | <a href=\"&#106;avascript:alert(1)\">x</a>\\n | 4:10 | a"
            + " javascript: link",
        "reference link | [x][1]\\n\\n[1]: javascript:alert(1)\\n | 6:1 | a link to a javascript: address",
      })
  void activeContentIsAnErrorWithItsPlace(String name, String body, String at, String says) {
    CliRun.Result r = check(body.replace("\\n", "\n")); // a CSV record is one line

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.all(), "templates/release.md:" + at + ": " + says);
    assertContains(r.all(), "html.allow-active = true");
  }

  @Test
  void theSameTextInCodeIsShownNotRunAndIsFine() {
    CliRun.Result r =
        check(
            "Our embed code is `<script src=\"x.js\"></script>`.\n\n"
                + "```html\n<iframe src=\"javascript:alert(1)\"></iframe>\n```\n\n"
                + "Key data: 5 million readers; onboarding=easy.\n");

    assertEquals(0, r.exitCode(), r::toString);
  }

  @Test
  void allowActiveLetsItThroughButPreviewPagesStillForbidScripts() throws Exception {
    TestFiles.write(dir, "herald.properties", "html.allow-active = true\n");
    CliRun.Result checked = check("Hello\n\n<script>alert(1)</script>\n");
    CliRun.Result preview = CliRun.in(dir).run("preview", "templates/release.md");

    assertEquals(0, checked.exitCode(), checked::toString);
    assertEquals(0, preview.exitCode(), preview::toString);
    List<Path> pages;
    try (var files = Files.list(dir.resolve("preview"))) {
      pages = files.filter(p -> p.toString().endsWith(".html")).toList();
    }
    assertEquals(2, pages.size(), "one message page and the index");
    for (Path page : pages) {
      String html = Files.readString(page);
      int policy = html.indexOf("http-equiv=\"Content-Security-Policy\"");
      assertTrue(policy > 0 && policy < html.indexOf("</head>"), page + ": " + html);
      assertContains(html, "script-src 'none'");
      assertContains(html, "form-action 'none'");
      int script = html.indexOf("<script");
      assertTrue(script < 0 || script > policy, "the policy comes before any script");
    }
  }

  @Test
  void aMisspeltAllowActiveValueIsAnError() {
    TestFiles.write(dir, "herald.properties", "html.allow-active = yes\n");
    CliRun.Result r = check("Hello\n");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "html.allow-active must be true or false, not 'yes'");
  }
}
