package dev.herald.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The email's HTML page is a Mustache template: every value is escaped as herald escapes HTML, and
 * only the body, already safe, is written as it is.
 */
class PageTemplateTest {
  private static final PageTemplate PAGE = PageTemplate.load("dev/herald/template/page.mustache");

  private static final String HOSTILE = "</title><script>alert('x')</script> & \"y\" = `z`";
  private static final String ESCAPED =
      "&lt;/title&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot; = `z`";

  private static String page(String subject, String notice) {
    Map<String, Object> scope = new HashMap<>();
    scope.put("lang", "en");
    scope.put("subject", subject);
    scope.put("notice", notice);
    scope.put("body", "<p><strong>Hello</strong></p>\n");
    return PAGE.render(scope);
  }

  private static String expected(String title, String noticeLine) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>"
        + title
        + "</title>\n</head>\n"
        + "<body style=\"margin:0;padding:0;background:#ffffff;\">\n<div style=\"max-width:640px;"
        + "margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;"
        + "font-size:16px;line-height:1.5;color:#1a1a1a;\">\n"
        + noticeLine
        + "<p><strong>Hello</strong></p>\n</div>\n</body>\n</html>\n";
  }

  @Test
  void aHostileSubjectIsEscapedAndTheBodyWrittenAsItIs() {
    assertEquals(expected(ESCAPED, ""), page(HOSTILE, null));
  }

  @Test
  void aHostileNoticeIsEscaped() {
    assertEquals(
        expected(
            "News",
            "<p style=\"padding:8px 12px;border:2px solid #b00020;color:#b00020;"
                + "font-weight:bold;\">"
                + ESCAPED
                + "</p>\n"),
        page("News", HOSTILE));
  }
}
