package dev.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.TestFiles;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release with its own headers and an inline image, sent to a real SMTP server (GreenMail): the
 * headers arrive exactly as written, and the image arrives as the part its {@code cid:} names.
 */
class HeadersAndImagesSendTest {
  private static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  @Test
  void customHeadersAndAnInlineImageArriveIntact() throws Exception {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News for {{outlet}}\n"
            + "From: Press Office <press@herald.example>\n"
            + "X-Press-Ref: PR-2026-17 {{outlet}}\n"
            + "X-Region: Podlaskie – Białystok\n"
            + "List-Id: Next2Met press releases <press.next2met.example>\n"
            + "\n"
            + "![Next2Met logo](logo.png)\n"
            + "\n"
            + "Dear {{first_name}},\n");
    TestFiles.write(dir, "templates/logo.png", PNG);
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,last_name,outlet\nanna@news.example,Anna,Nowak,Kurier Podlaski\n");

    CliRun.Result r =
        CliRun.in(dir)
            .run(
                "send",
                "templates/release.md",
                "--smtp-host",
                mail.getSmtp().getBindTo(),
                "--smtp-port",
                String.valueOf(mail.getSmtp().getPort()),
                "--smtp-security",
                "none",
                "--yes");
    assertEquals(0, r.exitCode(), r::toString);

    MimeMessage[] got = mail.getReceivedMessages();
    assertEquals(1, got.length);
    MimeMessage m = got[0];
    assertEquals("PR-2026-17 Kurier Podlaski", m.getHeader("X-Press-Ref", null));
    assertEquals("Next2Met press releases <press.next2met.example>", m.getHeader("List-Id", null));
    // a non-ASCII value travels as RFC 2047 encoded words and reads back as written
    assertTrue(m.getHeader("X-Region", null).startsWith("=?UTF-8?"));
    assertEquals(
        "Podlaskie – Białystok",
        MimeUtility.decodeText(MimeUtility.unfold(m.getHeader("X-Region", null))));

    Matcher cid = Pattern.compile("src=\"cid:([^\"]+)\"").matcher(Eml.html(m));
    assertTrue(cid.find(), Eml.html(m));
    MimeMultipart related =
        (MimeMultipart) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
    MimeBodyPart image = (MimeBodyPart) related.getBodyPart(1);
    assertEquals("<" + cid.group(1) + ">", image.getContentID());
    assertTrue(image.isMimeType("image/png"));
    assertEquals("base64", image.getEncoding());
    assertEquals(Part.INLINE, image.getDisposition());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    image.getInputStream().transferTo(bytes);
    assertArrayEquals(PNG, bytes.toByteArray());
    assertNotNull(Eml.text(m));
    assertTrue(Eml.text(m).contains("[image: Next2Met logo]"), Eml.text(m));
  }
}
