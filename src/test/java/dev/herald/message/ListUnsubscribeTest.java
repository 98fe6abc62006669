package dev.herald.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.FolderKey;
import dev.herald.identity.UnsubscribeTokens;
import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.TestFiles;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** List-Unsubscribe (RFC 2369) and, with an https address, one-click unsubscribe (RFC 8058). */
class ListUnsubscribeTest {
  @TempDir Path dir;

  private MimeMessage previewWith(String header) throws Exception {
    TestFiles.write(dir, "contacts/media.csv", "email,first_name\nanna@news.example,Anna\n");
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@office.example>\nList-Unsubscribe: "
            + header
            + "\n\nHello {{first_name}}\n");
    CliRun.Result r = CliRun.in(dir).run("preview", "templates/release.md");
    assertEquals(0, r.exitCode(), r.toString());
    return Eml.parse(Eml.list(dir.resolve("preview"), ".eml").get(0));
  }

  private String token() {
    return UnsubscribeTokens.of(FolderKey.load(Map.of(), dir), "release", "anna@news.example");
  }

  @Test
  void mailtoAloneGivesTheHeaderWithoutOneClick() throws Exception {
    MimeMessage m = previewWith("mailto:press@office.example?subject=unsubscribe");
    assertArrayEquals(
        new String[] {
          "<mailto:press@office.example?subject=Unsubscribe%20%5Bunsub%3A" + token() + "%5D>"
        },
        m.getHeader("List-Unsubscribe"));
    assertNull(m.getHeader("List-Unsubscribe-Post"));
  }

  @Test
  void anHttpsAddressAddsOneClickUnsubscribe() throws Exception {
    MimeMessage m =
        previewWith("<mailto:press@office.example>, <https://office.example/unsubscribe?c=news>");
    assertEquals(
        "<mailto:press@office.example?subject=Unsubscribe%20%5Bunsub%3A"
            + token()
            + "%5D>, <https://office.example/unsubscribe?c=news&token="
            + token()
            + ">",
        m.getHeader("List-Unsubscribe", ", ").replaceAll("\\r?\\n\\s+", " "));
    assertArrayEquals(
        new String[] {"List-Unsubscribe=One-Click"}, m.getHeader("List-Unsubscribe-Post"));
  }

  @Test
  void anHttpsBaseGetsTheRecipientsTokenAndOneClick() throws Exception {
    MimeMessage m = previewWith("https://press.example/unsubscribe");
    assertArrayEquals(
        new String[] {"<https://press.example/unsubscribe?token=" + token() + ">"},
        m.getHeader("List-Unsubscribe"));
    assertArrayEquals(
        new String[] {"List-Unsubscribe=One-Click"}, m.getHeader("List-Unsubscribe-Post"));
  }

  @Test
  void theLinkInTheBodyAddsTheHeaderWhenTheTemplateHasNone() throws Exception {
    TestFiles.write(dir, "contacts/media.csv", "email,first_name\nanna@news.example,Anna\n");
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@office.example>\nReply-To: desk@office.example\n\n"
            + "Hello {{first_name}}. [Unsubscribe]({{unsubscribe_link}})\n");
    CliRun.Result r = CliRun.in(dir).run("preview", "templates/release.md");
    assertEquals(0, r.exitCode(), r.toString());
    MimeMessage m = Eml.parse(Eml.list(dir.resolve("preview"), ".eml").get(0));
    String link = "mailto:desk@office.example?subject=Unsubscribe%20%5Bunsub%3A" + token() + "%5D";
    assertArrayEquals(new String[] {"<" + link + ">"}, m.getHeader("List-Unsubscribe"));
    assertTrue(Eml.text(m).contains("(" + link + ")"), Eml.text(m));
    assertNull(m.getHeader("List-Unsubscribe-Post"));
  }

  @Test
  void thePlaceholderInTheHeaderGivesTheSameLink() throws Exception {
    MimeMessage m = previewWith("{{unsubscribe_link}}, https://press.example/u");
    assertEquals(
        "<mailto:press@office.example?subject=Unsubscribe%20%5Bunsub%3A"
            + token()
            + "%5D>, <https://press.example/u>",
        m.getHeader("List-Unsubscribe", ", ").replaceAll("\\r?\\n\\s+", " "));
  }

  @Test
  void noLinkAndNoHeaderGiveNoHeader() throws Exception {
    TestFiles.write(dir, "contacts/media.csv", "email,first_name\nanna@news.example,Anna\n");
    TestFiles.write(
        dir, "templates/release.md", "Subject: News\nFrom: Press <press@office.example>\n\nHi\n");
    assertEquals(0, CliRun.in(dir).run("preview", "templates/release.md").exitCode());
    MimeMessage m = Eml.parse(Eml.list(dir.resolve("preview"), ".eml").get(0));
    assertNull(m.getHeader("List-Unsubscribe"));
  }
}
