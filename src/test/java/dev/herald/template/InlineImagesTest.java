package dev.herald.template;

import static dev.herald.testing.Malformed.TEMPLATE;
import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.Malformed;
import dev.herald.testing.TestFiles;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Markdown images: a relative path becomes an inline part of multipart/related that the HTML part
 * shows through {@code cid:}; a remote one is left as it is, with a warning; an address from
 * contact data never makes herald read a file. Messages are read back with Jakarta Mail.
 */
class InlineImagesTest {
  @TempDir Path dir;

  /** A 1×1 PNG. */
  static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

  private static final String HEAD =
      "Subject: News for {{outlet}}\nFrom: Press Office <press@herald.example>\n";

  private static final Pattern CID = Pattern.compile("src=\"cid:([^\"]+)\"");

  private List<MimeMessage> preview(String template, String contacts) {
    TestFiles.write(dir, TEMPLATE, template);
    TestFiles.write(dir, "contacts/media.csv", contacts);
    CliRun.Result r = CliRun.in(dir).run("preview", TEMPLATE);
    assertEquals(0, r.exitCode(), r::toString);
    List<MimeMessage> out = new ArrayList<>();
    for (Path eml : Eml.files(dir.resolve("preview"))) {
      Eml.assertLinesOk(eml);
      out.add(Eml.parse(eml));
    }
    return out;
  }

  /** The part with this Content-ID anywhere in the message, or null. */
  static Part byContentId(Part p, String id) throws Exception {
    if (p instanceof MimeBodyPart b && ("<" + id + ">").equals(b.getContentID())) {
      return b;
    }
    if (p.isMimeType("multipart/*")) {
      MimeMultipart mp = (MimeMultipart) p.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        Part found = byContentId(mp.getBodyPart(i), id);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The cid: addresses of the HTML part, in order. */
  static List<String> cids(Part message) {
    List<String> ids = new ArrayList<>();
    Matcher m = CID.matcher(Eml.html(message));
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  /**
   * Asserts that every cid: of the HTML resolves to a base64 image part of the related part that
   * holds the HTML, with the file's bytes, and returns how many image parts there are.
   */
  static int assertImagesResolve(MimeMessage m, byte[] expected) throws Exception {
    List<String> ids = cids(m);
    assertFalse(ids.isEmpty(), "no cid: image in the HTML part");
    for (String id : ids) {
      Part image = byContentId(m, id);
      assertNotNull(image, "no part has the Content-ID " + id);
      assertTrue(image.isMimeType("image/png"), image.getContentType());
      assertEquals("base64", ((MimeBodyPart) image).getEncoding());
      assertEquals(Part.INLINE, image.getDisposition());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      image.getInputStream().transferTo(bytes);
      assertArrayEquals(expected, bytes.toByteArray());
    }
    return (int) Eml.leaves(m).stream().filter(p -> isImage(p)).count();
  }

  private static boolean isImage(Part p) {
    try {
      return p.isMimeType("image/*");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aRelativeImageIsOneInlinePartInsideMultipartRelated() throws Exception {
    TestFiles.write(dir, "templates/img/logo.png", PNG);
    MimeMessage m =
        preview(
                HEAD
                    + "\n![Next2Met logo](img/logo.png)\n\nDear {{first_name}},\n\n"
                    + "Again: ![the logo, again](img/logo.png \"title\")\n",
                "email,first_name,outlet\nanna@news.example,Anna,Kurier\n")
            .get(0);
    assertEquals(1, assertImagesResolve(m, PNG), "the same image used twice is one part");
    assertEquals(2, cids(m).size());
    // alternative > [text/plain, related > [text/html, image]]
    assertTrue(m.isMimeType("multipart/alternative"), m.getContentType());
    MimeMultipart alternative = (MimeMultipart) m.getContent();
    assertEquals(2, alternative.getCount());
    assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
    BodyPart related = alternative.getBodyPart(1);
    assertTrue(related.isMimeType("multipart/related"), related.getContentType());
    assertContains(related.getContentType(), "type=\"text/html\"");
    MimeMultipart r = (MimeMultipart) related.getContent();
    assertEquals(2, r.getCount());
    assertTrue(r.getBodyPart(0).isMimeType("text/html"), "the HTML is the related part's root");
    assertTrue(r.getBodyPart(1).isMimeType("image/png"));
    assertContains(r.getBodyPart(1).getContentType(), "name=logo.png");
    // the text part keeps a readable reference, not a path the reader does not have
    String text = Eml.text(m);
    assertContains(text, "[image: Next2Met logo]");
    assertContains(text, "Again: [image: the logo, again]");
    assertFalse(text.contains("img/logo.png"), text);
    assertContains(text, "Dear Anna,");
  }

  @Test
  void withAttachmentsTheRelatedPartSitsInMixedAndAlternative() throws Exception {
    TestFiles.write(dir, "templates/logo.png", PNG);
    TestFiles.write(dir, "templates/fact-sheet.txt", "facts\n");
    byte[] other =
        (new String(PNG, StandardCharsets.ISO_8859_1) + "x").getBytes(StandardCharsets.ISO_8859_1);
    TestFiles.write(dir, "templates/chart.png", other);
    MimeMessage m =
        preview(
                HEAD
                    + "Attachment: fact-sheet.txt\n\n![logo](logo.png) ![](chart.png)\n"
                    + "{{outlet}}\n",
                "email,outlet\nanna@news.example,Kurier\n")
            .get(0);
    assertTrue(m.isMimeType("multipart/mixed"));
    MimeMultipart mixed = (MimeMultipart) m.getContent();
    assertEquals(2, mixed.getCount());
    assertTrue(mixed.getBodyPart(0).isMimeType("multipart/alternative"));
    assertEquals(Part.ATTACHMENT, mixed.getBodyPart(1).getDisposition());
    List<String> ids = cids(m);
    assertEquals(2, ids.size());
    assertFalse(ids.get(0).equals(ids.get(1)), "two images, two Content-IDs");
    ByteArrayOutputStream chart = new ByteArrayOutputStream();
    byContentId(m, ids.get(1)).getInputStream().transferTo(chart);
    assertArrayEquals(other, chart.toByteArray());
    assertContains(Eml.text(m), "[image: logo] [image: chart.png]");
  }

  @Test
  void anImageInASectionIsSentOnlyToThoseWhoSeeIt() throws Exception {
    TestFiles.write(dir, "templates/logo.png", PNG);
    List<MimeMessage> ms =
        preview(
            HEAD + "\n{{#partner}}![partner logo](logo.png){{/partner}}\n\nHello {{outlet}}\n",
            "email,outlet,partner\nanna@news.example,Kurier,yes\nben@news.example,Bode,\n");
    assertEquals(2, ms.size());
    assertEquals(1, assertImagesResolve(ms.get(0), PNG));
    assertTrue(ms.get(1).isMimeType("multipart/alternative"));
    assertTrue(cids(ms.get(1)).isEmpty());
    assertTrue(Eml.leaves(ms.get(1)).stream().noneMatch(InlineImagesTest::isImage));
  }

  @Test
  void contactDataNeverNamesAFileToAttach() throws Exception {
    TestFiles.write(dir, "templates/logo.png", PNG);
    TestFiles.write(dir, "secret.png", PNG);
    MimeMessage m =
        preview(
                HEAD + "\nHello {{outlet}}\n",
                "email,outlet\nanna@news.example,![x](../secret.png) ![y](logo.png)\n")
            .get(0);
    assertTrue(m.isMimeType("multipart/alternative"));
    assertTrue(cids(m).isEmpty());
    assertTrue(Eml.leaves(m).stream().noneMatch(InlineImagesTest::isImage));
    assertContains(Eml.html(m), "![x](../secret.png)");
  }

  @Test
  void anImageAddressFromContactDataIsNeverReadAsAFile() throws Exception {
    TestFiles.write(dir, "templates/logo.png", PNG);
    TestFiles.write(dir, "secret.png", PNG);
    String template = HEAD + "\n![logo]({{logo}}) ![kit](kits/{{outlet}}.png)\n";
    String contacts = "email,outlet,logo\nanna@news.example,../../secret,logo.png\n";
    TestFiles.write(dir, TEMPLATE, template);
    TestFiles.write(dir, "contacts/media.csv", contacts);
    CliRun.Result check = CliRun.in(dir).run("check", TEMPLATE);
    assertEquals(0, check.exitCode(), check::toString);
    assertContains(
        check.out(),
        "templates/release.md:4: the image {{logo}} takes its address from contact data, used as a"
            + " web address (never as a file herald sends)");
    MimeMessage m = preview(template, contacts).get(0);
    assertTrue(m.isMimeType("multipart/alternative"));
    assertTrue(Eml.leaves(m).stream().noneMatch(InlineImagesTest::isImage));
    assertContains(Eml.html(m), "src=\"logo.png\"");
    assertContains(Eml.html(m), "src=\"kits/../../secret.png\"");
  }

  @Test
  void aRemoteImageIsLeftAsItIsWithAWarningInCheck() throws Exception {
    TestFiles.write(dir, TEMPLATE, HEAD + "\nHello\n\n![chart](https://cdn.example/chart.png)\n");
    TestFiles.write(dir, "contacts/media.csv", "email,outlet\nanna@news.example,Kurier\n");
    CliRun.Result check = CliRun.in(dir).run("check", TEMPLATE);
    assertEquals(0, check.exitCode(), check::toString);
    assertContains(
        check.out(),
        "templates/release.md:6: the image https://cdn.example/chart.png is loaded from the web:"
            + " many mail clients block remote images until the reader allows them");
    MimeMessage m =
        preview(Files.readString(dir.resolve(TEMPLATE)), "email,outlet\nanna@news.example,Kurier\n")
            .get(0);
    assertContains(Eml.html(m), "src=\"https://cdn.example/chart.png\"");
    assertTrue(m.isMimeType("multipart/alternative"));
  }

  @Test
  void thePreviewPageShowsTheImageInABrowser() throws Exception {
    TestFiles.write(dir, "templates/logo.png", PNG);
    preview(HEAD + "\n![logo](logo.png)\n", "email,outlet\nanna@news.example,Kurier\n");
    Path page = Eml.list(dir.resolve("preview"), ".html").get(0);
    String html = Files.readString(page);
    assertContains(
        html, "src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(PNG) + "\"");
    assertFalse(html.contains("src=\"cid:"), html);
  }

  private static Malformed template(String name, String text, String location, String... phrases) {
    return Malformed.of(name, d -> TestFiles.write(d, TEMPLATE, text), location, phrases);
  }

  static Stream<Malformed> refused() {
    return Stream.of(
        template(
            "a missing image",
            HEAD + "\nHello\n\n![logo](logo.png)\n",
            "templates/release.md:6:1",
            "the image 'logo.png' does not exist"),
        Malformed.of(
            "an image outside the working folder",
            d -> {
              TestFiles.write(d.getParent(), "secret.png", PNG);
              TestFiles.write(d, TEMPLATE, HEAD + "\nSee ![x](../../secret.png)\n");
            },
            "templates/release.md:4:5",
            "the image '../../secret.png' lies outside the working folder"),
        template(
            "a file: image",
            HEAD + "\n![logo](file:///etc/passwd)\n",
            "templates/release.md:4:1",
            "cannot be shown in a mail client"),
        Malformed.of(
            "an image that is not an image type",
            d -> {
              TestFiles.write(d, "templates/kit.pdf", "%PDF-1.4\n");
              TestFiles.write(d, TEMPLATE, HEAD + "\n![kit](kit.pdf)\n");
            },
            "templates/release.md:4:1",
            "the image 'kit.pdf' is not a PNG, JPEG, GIF or WebP file"),
        Malformed.of(
            "a PDF named as a PNG",
            d -> {
              TestFiles.write(d, "templates/logo.png", "%PDF-1.4\n");
              TestFiles.write(d, TEMPLATE, HEAD + "\n![logo](logo.png)\n");
            },
            "templates/release.md:4:1",
            "is named as image/png but its content is not"),
        Malformed.of(
            "images over the attachment limit",
            d -> {
              TestFiles.write(d, "templates/logo.png", PNG);
              TestFiles.write(d, "herald.properties", "limits.attachment-bytes = 40\n");
              TestFiles.write(d, TEMPLATE, HEAD + "\n![logo](logo.png)\n");
            },
            "templates/release.md:4",
            "with the inline images, the attachments come to"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void isRefusedWithItsLocation(Malformed c) {
    c.assertReported(dir);
  }
}
