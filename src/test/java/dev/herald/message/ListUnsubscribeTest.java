package dev.herald.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.TestFiles;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
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

  @Test
  void mailtoAloneGivesTheHeaderWithoutOneClick() throws Exception {
    MimeMessage m = previewWith("mailto:press@office.example?subject=unsubscribe");
    assertArrayEquals(
        new String[] {"<mailto:press@office.example?subject=unsubscribe>"},
        m.getHeader("List-Unsubscribe"));
    assertNull(m.getHeader("List-Unsubscribe-Post"));
  }

  @Test
  void anHttpsAddressAddsOneClickUnsubscribe() throws Exception {
    MimeMessage m =
        previewWith("<mailto:press@office.example>, <https://office.example/unsubscribe?c=news>");
    assertEquals(
        "<mailto:press@office.example>, <https://office.example/unsubscribe?c=news>",
        m.getHeader("List-Unsubscribe", ", ").replaceAll("\\r?\\n\\s+", " "));
    assertArrayEquals(
        new String[] {"List-Unsubscribe=One-Click"}, m.getHeader("List-Unsubscribe-Post"));
  }
}
