package dev.herald.message;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.FolderKey;
import dev.herald.identity.MessageIds;
import dev.herald.identity.UnsubscribeTokens;
import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample release previewed, and every message re-read with Jakarta Mail. */
class MessageStructureTest {
  @TempDir static Path dir;

  private static final Map<String, MimeMessage> byAddress = new HashMap<>();
  private static final Map<String, Path> files = new HashMap<>();

  @BeforeAll
  static void previewTheSample() throws Exception {
    Samples.copyTo(dir);
    CliRun.Result r = CliRun.in(dir).run("preview", Samples.TEMPLATE);
    assertEquals(0, r.exitCode(), r::toString);
    for (Path eml : Eml.files(dir.resolve("preview"))) {
      MimeMessage m = Eml.parse(eml);
      String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
      byAddress.put(to, m);
      files.put(to, eml);
    }
    assertEquals(15, byAddress.size());
  }

  private MimeMessage message(String address) {
    return byAddress.get(address);
  }

  private static InternetAddress to(MimeMessage m) throws Exception {
    return (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
  }

  @Test
  void isMixedAroundAlternativeWithThePdfAttached() throws Exception {
    for (MimeMessage m : byAddress.values()) {
      assertTrue(m.isMimeType("multipart/mixed"), m.getContentType());
      Multipart mixed = (Multipart) m.getContent();
      assertEquals(2, mixed.getCount());
      BodyPart alt = mixed.getBodyPart(0);
      assertTrue(alt.isMimeType("multipart/alternative"), alt.getContentType());
      Multipart alternative = (Multipart) alt.getContent();
      assertEquals(2, alternative.getCount());
      BodyPart text = alternative.getBodyPart(0);
      BodyPart html = alternative.getBodyPart(1);
      assertTrue(text.isMimeType("text/plain"), text.getContentType());
      assertTrue(
          text.getContentType().toLowerCase(java.util.Locale.ROOT).contains("charset=utf-8"),
          text.getContentType());
      assertTrue(html.isMimeType("text/html"), html.getContentType());
      BodyPart pdf = mixed.getBodyPart(1);
      assertTrue(pdf.isMimeType("application/pdf"), pdf.getContentType());
      assertEquals(Part.ATTACHMENT, pdf.getDisposition());
      assertEquals("next2met-fact-sheet.pdf", pdf.getFileName());
      try (InputStream in = pdf.getInputStream()) {
        assertArrayEquals(
            Files.readAllBytes(dir.resolve("templates/attachments/next2met-fact-sheet.pdf")),
            in.readAllBytes());
      }
    }
  }

  @Test
  void hasDateMessageIdAndMimeVersion() throws Exception {
    for (MimeMessage m : byAddress.values()) {
      assertEquals(Date.from(CliRun.NOW), m.getSentDate());
      assertArrayEquals(new String[] {"1.0"}, m.getHeader("MIME-Version"));
      assertNotNull(m.getMessageID());
      assertTrue(m.getMessageID().endsWith("@next2met.example>"), m.getMessageID());
    }
  }

  @Test
  void theMessageIdIsDerivedFromCampaignAndRecipientAndStableAcrossRuns() throws Exception {
    CliRun.Result again =
        CliRun.in(dir)
            .clock(java.time.Clock.fixed(CliRun.NOW.plusSeconds(86_400), java.time.ZoneOffset.UTC))
            .run("preview", Samples.TEMPLATE, "--out", "preview-2");
    assertEquals(0, again.exitCode(), again::toString);

    for (Path eml : Eml.files(dir.resolve("preview-2"))) {
      MimeMessage second = Eml.parse(eml);
      String address = to(second).getAddress();
      MimeMessage first = message(address);
      assertEquals(first.getMessageID(), second.getMessageID());
      assertEquals(
          MessageIds.of(
              FolderKey.load(Map.of(), dir), Samples.CAMPAIGN, address, "press@next2met.example"),
          second.getMessageID());
    }
    long distinct = byAddress.values().stream().map(this::id).distinct().count();
    assertEquals(15, distinct, "every recipient has a Message-ID of their own");
  }

  private String id(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theToDisplayNameDecodesWithDiacritics() throws Exception {
    InternetAddress to = to(message("l.wrobel@kurier-podlaski.example"));

    assertEquals("Łukasz Wróbel", to.getPersonal());
    String raw = message("l.wrobel@kurier-podlaski.example").getHeader("To")[0];
    assertTrue(raw.chars().allMatch(c -> c < 128), "encoded as RFC 2047: " + raw);
  }

  @Test
  void aNameWithQuotesRoundTripsAsThePersonalName() throws Exception {
    InternetAddress to = to(message("jj.dupont@bruxelles-numerique.example"));

    assertEquals("Jean-Jacques \"JJ\" Dupont", to.getPersonal());
  }

  @Test
  void thePolishSubjectDecodesWithDiacritics() throws Exception {
    MimeMessage m = message("z.kowalczyk@gazeta-bialostocka.example");

    assertEquals(
        "Wspieranie cyfryzacji w województwie podlaskim – spotkanie partnerów projektu Next2Met",
        m.getSubject());
    assertTrue(m.getHeader("Subject")[0].chars().allMatch(c -> c < 128));
  }

  @Test
  void everyLineEndsInCrlfAndIsAtMost998Octets() throws Exception {
    for (Path eml : files.values()) {
      byte[] bytes = Files.readAllBytes(eml);
      int start = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          assertTrue(i > 0 && bytes[i - 1] == '\r', eml + ": bare LF at byte " + i);
          assertTrue(i - 1 - start <= 998, eml + ": line longer than 998 octets at byte " + start);
          start = i + 1;
        } else if (bytes[i] == '\r') {
          assertTrue(i + 1 < bytes.length && bytes[i + 1] == '\n', eml + ": bare CR at " + i);
        }
      }
      assertEquals(bytes.length, start, eml + ": the last line has no CRLF");
    }
  }

  @Test
  void theTextPartCarriesValuesAsWritten() throws Exception {
    assertContains(
        Eml.text(message("c.lambert@echo-des-regions.example")), "readers of L'Écho des Régions:");
    assertContains(
        Eml.text(message("g.mueller@technik-und-region.example")), "readers of Technik & Region:");
    assertContains(Eml.text(message("s.odonnell@regional-monitor.example")), "Dear Ms O'Donnell,");
  }

  @Test
  void theHtmlPartCarriesValuesEscaped() throws Exception {
    String lambert = Eml.html(message("c.lambert@echo-des-regions.example"));
    String mueller = Eml.html(message("g.mueller@technik-und-region.example"));
    String odonnell = Eml.html(message("s.odonnell@regional-monitor.example"));

    assertContains(lambert, "L&#39;Écho des Régions");
    assertFalse(lambert.contains("L'Écho"), "unescaped value in HTML");
    assertContains(mueller, "Technik &amp; Region");
    assertFalse(mueller.contains("Technik & Region"), "unescaped value in HTML");
    assertContains(odonnell, "Dear Ms O&#39;Donnell,");
  }

  @Test
  void thePreviewHtmlFileIsTheHtmlPartWithAPolicyForbiddingScripts() throws Exception {
    Path eml = files.get("g.mueller@technik-und-region.example");
    Path html = eml.resolveSibling(eml.getFileName().toString().replace(".eml", ".html"));

    // the page a reviewer opens in a browser carries a Content-Security-Policy first in its
    // head and the preview's header block first in its body; otherwise it is the HTML part byte
    // for byte
    String page = TestFiles.read(html);
    int body = page.indexOf('>', page.indexOf("<body")) + 1;
    String block = "</table>\n</div>\n";
    page = page.substring(0, body) + page.substring(page.indexOf(block, body) + block.length());
    String policy = page.substring(page.indexOf("<meta http-equiv=\"Content-Security-Policy\""));
    policy = policy.substring(0, policy.indexOf('\n') + 1);
    assertTrue(page.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n" + policy), page);
    assertEquals(
        Eml.html(message("g.mueller@technik-und-region.example")).replace("\r\n", "\n"),
        page.replace(policy, ""));
  }

  @Test
  void theInterviewLinkIsAMailtoToTheReplyToWithTheReference() throws Exception {
    for (Map.Entry<String, MimeMessage> e : byAddress.entrySet()) {
      String html = Eml.html(e.getValue());
      Matcher link = Pattern.compile("href=\"(mailto:[^\"]*subject=[^\"]*)\"").matcher(html);
      assertTrue(link.find(), html);
      String href = link.group(1).replace("&amp;", "&");
      assertTrue(href.startsWith("mailto:press@next2met.example?subject="), href);
      String subject =
          URLDecoder.decode(href.substring(href.indexOf("subject=") + 8), StandardCharsets.UTF_8);
      Matcher ref =
          Pattern.compile("Interview request: podlaskie-digitalisation \\[ref:([a-z2-7]{16})\\]")
              .matcher(subject);
      assertTrue(ref.matches(), subject);
      assertEquals(
          MessageIds.ref(FolderKey.load(Map.of(), dir), Samples.CAMPAIGN, e.getKey()),
          ref.group(1));
      // the text part has the same link, as Markdown
      assertContains(Eml.text(e.getValue()), "(" + href + ")");
    }
  }

  @Test
  void theListUnsubscribeHeaderIsMadePerRecipient() throws Exception {
    String rossi = "g.rossi@quotidiano-regioni.example";
    MimeMessage m = message(rossi);

    // the template's mailto: address, with the recipient's keyed token in place of its subject
    assertEquals(
        "<mailto:press@next2met.example?subject=Unsubscribe%20%5Bunsub%3A"
            + UnsubscribeTokens.of(FolderKey.load(Map.of(), dir), Samples.CAMPAIGN, rossi)
            + "%5D>",
        m.getHeader("List-Unsubscribe")[0]);
    assertEquals(
        List.of("Next2Met Press Office <press@next2met.example>"),
        List.of(m.getReplyTo()).stream().map(Object::toString).toList());
  }
}
