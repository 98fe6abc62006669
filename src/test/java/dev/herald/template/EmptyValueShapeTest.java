package dev.herald.template;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.herald.testing.CliRun;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check warns when an empty value changes the shape of a contact's message. */
class EmptyValueShapeTest {
  @TempDir Path dir;

  private CliRun.Result check(String body, String contacts) {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\n\n" + body);
    TestFiles.write(dir, "contacts/media.csv", contacts);
    return CliRun.in(dir).run("check", "templates/release.md");
  }

  @Test
  void anEmptyBoldValueOnItsOwnLineBecomesARule() {
    CliRun.Result r =
        check(
            "Dear reader,\n\n**{{outlet}}**\n\nText.\n",
            "email,outlet\na@news.example,Kurier\nb@news.example,\n");

    assertEquals(0, r.exitCode(), "a warning, not an error: " + r);
    assertContains(
        r.out(),
        "contacts/media.csv:3: b@news.example: with {{outlet}} empty, the message's layout"
            + " changes (it gains a horizontal rule) (it loses bold text, a paragraph)");
    assertFalse(r.out().contains("a@news.example: with"), r::out);
  }

  @Test
  void anEmptyLinkAddressIsALinkToNowhere() {
    CliRun.Result r =
        check(
            "See [our page]({{website}}).\n",
            "email,website\na@news.example,https://news.example\nb@news.example,\n");

    assertContains(
        r.out(),
        "contacts/media.csv:3: b@news.example: with {{website}} empty, a link or image has no address");
  }

  @Test
  void anEmptyValueInPlainTextKeepsTheLayoutAndOneInsideItsOwnSectionIsFine() {
    CliRun.Result r =
        check(
            "Hello {{first_name}}.\n\n{{#outlet}}**{{outlet}}**{{/outlet}}\n",
            "email,first_name,outlet\na@news.example,,\n");

    assertEquals(0, r.exitCode(), r::toString);
    assertFalse(r.out().contains("empty,"), "no layout warning: " + r.out());
    // the empty first name is still a wrong merge ("Hello ."), said once for its column
    assertContains(r.out(), "contacts/media.csv: {{first_name}} is empty on line 2 (1 contact)");
    assertFalse(r.out().contains("{{outlet}} is empty"), r::out);
  }
}
