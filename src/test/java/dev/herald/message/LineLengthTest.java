package dev.herald.message;

import static dev.herald.testing.TestFiles.assertContains;
import static dev.herald.testing.TestFiles.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.TestFiles;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No line of a message is longer than RFC 5322's 998 octets, whatever a contact file holds. */
class LineLengthTest {
  @TempDir Path dir;

  private static final String TEMPLATE = "templates/release.md";

  private CliRun.Result run(String command, String firstName, String outlet, String note) {
    TestFiles.write(
        dir,
        TEMPLATE,
        "Subject: News for {{outlet}}\nFrom: Press <press@herald.example>\n\n"
            + "Dear {{first_name}},\n\n{{note}}\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,outlet,note\n"
            + TestFiles.csvLine("anna@news.example", firstName, outlet, note));
    return CliRun.in(dir).run(command, TEMPLATE);
  }

  static void assertLinesWithin998(Path eml) throws Exception {
    byte[] bytes = Files.readAllBytes(eml);
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        assertTrue(i - 1 - start <= 998, eml + ": a line of " + (i - 1 - start) + " octets");
        start = i + 1;
      }
    }
  }

  @Test
  void anUnbrokenWordTooLongForTheSubjectIsRefused() {
    for (String command : List.of("check", "preview")) {
      CliRun.Result r = run(command, "Anna", "x".repeat(1500), "fine");

      assertEquals(2, r.exitCode(), r::toString);
      assertNames(r.all(), "contacts/media.csv:2:3");
      assertContains(r.all(), "'outlet' has a word of 1,500 characters");
      assertContains(r.all(), "Subject header");
      assertContains(r.all(), "998");
    }
  }

  @Test
  void anUnbrokenNameTooLongForTheToHeaderIsRefused() {
    CliRun.Result r = run("check", "A".repeat(1200), "Kurier", "fine");

    assertEquals(2, r.exitCode(), r::toString);
    assertNames(r.out(), "contacts/media.csv:2:2");
    assertContains(r.out(), "'first_name' has a word of");
    assertContains(r.out(), "To header");
  }

  @Test
  void quotesCountTwiceBecauseTheyAreEscapedInTheToHeader() {
    CliRun.Result r = run("check", "\"".repeat(500), "Kurier", "fine");

    assertEquals(2, r.exitCode(), r::toString);
    assertNames(r.out(), "contacts/media.csv:2:2");
  }

  @Test
  void longValuesWithSpacesAreFoldedAndDecodeExactly() throws Exception {
    String name = "Anna " + "Maria ".repeat(150) + "Nowak";
    String outlet = "Kurier " + "Podlaski Wieczorny ".repeat(60) + "Online";

    CliRun.Result r = run("preview", name, outlet, "fine");

    assertEquals(0, r.exitCode(), r::toString);
    Path eml = Eml.files(dir.resolve("preview")).get(0);
    assertLinesWithin998(eml);
    MimeMessage m = Eml.parse(eml);
    assertEquals(
        name, ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getPersonal());
    assertEquals("News for " + outlet, m.getSubject());
  }

  @Test
  void aLongNonAsciiWordIsEncodedInShortWords() throws Exception {
    String outlet = "Żółć".repeat(200);

    CliRun.Result r = run("preview", "Łucja", outlet, "fine");

    assertEquals(0, r.exitCode(), r::toString);
    Path eml = Eml.files(dir.resolve("preview")).get(0);
    assertLinesWithin998(eml);
    assertEquals("News for " + outlet, Eml.parse(eml).getSubject());
  }

  @Test
  void aLongLineInTheBodyIsWrappedByQuotedPrintable() throws Exception {
    String note = "y".repeat(5000) + " and " + "ź".repeat(3000);

    CliRun.Result r = run("preview", "Anna", "Kurier", note);

    assertEquals(0, r.exitCode(), r::toString);
    Path eml = Eml.files(dir.resolve("preview")).get(0);
    assertLinesWithin998(eml);
    assertContains(Eml.text(Eml.parse(eml)), note);
  }
}
