package dev.herald.message;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.TestFiles;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A non-ASCII attachment name goes out 7-bit: RFC 2231 {@code filename*} continuations, with an RFC
 * 2047 {@code name} for older clients, and parses back to the name as written.
 */
class AttachmentNameTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Informacja prasowa – województwo podlaskie.pdf",
        "Pressemitteilung_Digitalisierung_Ländlicher_Räume_in_der_Woiwodschaft_Podlachien_2026"
            + "_endgültige_Fassung_mit_Anhängen.pdf",
        "新聞稿.pdf",
        "l'écho \"cité\" 100% (final); v2.txt",
        "😀 emoji.txt"
      })
  void aNonAsciiNameIsSevenBitOnTheWireAndReadsBackAsWritten(String name) throws Exception {
    TestFiles.write(dir, "templates/" + name, "content");
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News\nFrom: Press <press@herald.example>\nAttachment: " + name + "\n\nHello\n");
    TestFiles.write(dir, "contacts/media.csv", "email\na@news.example\n");

    CliRun.Result r = CliRun.in(dir).run("send", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    Path eml = Eml.files(dir.resolve("outbox/release")).get(0);
    byte[] bytes = Files.readAllBytes(eml);
    for (byte b : bytes) {
      assertTrue(b >= 0, "every byte 7-bit");
    }
    String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    assertContains(text, "filename*0*=UTF-8''");
    for (String line : text.split("\r\n")) {
      assertTrue(line.length() <= 998, line);
      if (line.contains("filename*")) {
        assertTrue(line.length() <= 78, "folded: " + line);
      }
    }
    MimeMessage m = Eml.parse(eml);
    Part attachment = (Part) ((Multipart) m.getContent()).getBodyPart(1);
    assertEquals(name, attachment.getFileName(), "RFC 2231, as clients read it");
    String rawName =
        new jakarta.mail.internet.ContentType(attachment.getContentType()).getParameter("name");
    assertEquals(name, MimeUtility.decodeText(rawName.replaceAll("\\s+", " ")), "RFC 2047 name");
  }
}
