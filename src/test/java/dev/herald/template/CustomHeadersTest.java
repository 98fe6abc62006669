package dev.herald.template;

import static dev.herald.testing.Malformed.TEMPLATE;
import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.Malformed;
import dev.herald.testing.TestFiles;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The template's own headers: {@code X-…} and {@code List-Id} pass through to the message, with the
 * injection checks every header gets; herald's own and the servers' headers stay refused, in any
 * case, as do unknown names.
 */
class CustomHeadersTest {
  @TempDir Path dir;

  private static final String HEAD =
      "Subject: News for {{outlet}}\nFrom: Press Office <press@herald.example>\n";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Date",
        "MESSAGE-ID",
        "message-id",
        "Mime-Version",
        "Content-Type",
        "content-transfer-encoding",
        "Content-Disposition",
        "To",
        "TO",
        "Received",
        "Return-Path",
        "Sender",
        "In-Reply-To",
        "References",
        "List-Unsubscribe-Post",
        "Resent-From",
        "DKIM-Signature",
        "X-Herald-Proof",
        "x-herald-anything"
      })
  void reservedNamesAreRefusedInAnyCase(String name) {
    Optional<String> why = CustomHeaders.refusal(name);
    assertTrue(why.isPresent(), name);
    assertContains(why.get(), "the header '" + name + "' is not allowed in a template");
  }

  @Test
  void customNamesAreAllowedAndOthersAreNot() {
    assertTrue(CustomHeaders.allowed("x-press-ref"));
    assertTrue(CustomHeaders.allowed("list-id"));
    assertFalse(CustomHeaders.allowed("x-"));
    assertFalse(CustomHeaders.allowed("subjct"));
    assertFalse(CustomHeaders.allowed("precedence"));
    assertTrue(CustomHeaders.refusal("X-Press-Ref").isEmpty());
    assertTrue(CustomHeaders.refusal("X-Press\u00e9").isPresent(), "non-ASCII name");
    assertTrue(CustomHeaders.refusal("X-" + "a".repeat(80)).isPresent(), "a name too long");
  }

  @Test
  void listIdIsReadAsRfc2919() {
    assertEquals(
        new CustomHeaders.ListId("Next2Met press", "press.next2met.example"),
        CustomHeaders.listId("Next2Met press <press.next2met.example>").orElseThrow());
    assertEquals(
        new CustomHeaders.ListId("", "press.example"),
        CustomHeaders.listId("<press.example>").orElseThrow());
    assertEquals(
        "Quoted, with comma",
        CustomHeaders.listId("\"Quoted, with comma\" <a.b>").orElseThrow().description());
    for (String bad :
        List.of(
            "press.example",
            "Press <nodot>",
            "Press <a b.example>",
            "Press <a.example> trailing",
            "Press <a.example> <b.example>",
            "Press > <a.example>",
            "<" + "a".repeat(250) + ".example>",
            "")) {
      assertTrue(CustomHeaders.listId(bad).isEmpty(), bad);
    }
  }

  private static Malformed template(String name, String text, String location, String... phrases) {
    return Malformed.of(name, d -> TestFiles.write(d, TEMPLATE, text), location, phrases);
  }

  private static Malformed withContacts(
      String name, String text, String contacts, String location, String... phrases) {
    return Malformed.of(
        name,
        d -> {
          TestFiles.write(d, TEMPLATE, text);
          TestFiles.write(d, "contacts/media.csv", contacts);
        },
        location,
        phrases);
  }

  static Stream<Malformed> refused() {
    return Stream.of(
        template(
            "a Message-ID of the template's own",
            HEAD + "Message-ID: <mine@herald.example>\n\nHello\n",
            "templates/release.md:3:1",
            "the header 'Message-ID' is not allowed in a template",
            "use another X-… name"),
        template(
            "a Content-Type in lower case",
            HEAD + "content-type: text/plain\n\nHello\n",
            "templates/release.md:3:1",
            "the header 'content-type' is not allowed",
            "MIME structure"),
        template(
            "a To header",
            HEAD + "To: everyone@list.example\n\nHello\n",
            "templates/release.md:3:1",
            "the header 'To' is not allowed"),
        template(
            "an X-Herald header",
            HEAD + "X-Herald-Proof: yes\n\nHello\n",
            "templates/release.md:3:1",
            "X-Herald-… headers are kept for herald's own use"),
        template(
            "a typo of a known header",
            HEAD + "Subjct: News\n\nHello\n",
            "templates/release.md:3:1",
            "unknown header 'Subjct'",
            "X-… header or List-Id"),
        template(
            "an X- header given twice",
            HEAD + "X-Press-Ref: 1\nx-press-ref: 2\n\nHello\n",
            "templates/release.md:4:1",
            "the header 'x-press-ref' is repeated"),
        template(
            "an X- header with no value",
            HEAD + "X-Press-Ref:\n\nHello\n",
            "templates/release.md:3:13",
            "the header 'X-Press-Ref' has no value"),
        template(
            "an X- header name with a space",
            HEAD + "X-Press Ref: 1\n\nHello\n",
            "templates/release.md:3:1",
            "is not a header name"),
        template(
            "a List-Id without angle brackets",
            HEAD + "List-Id: press.next2met.example\n\nHello\n",
            "templates/release.md:3:10",
            "is not of the form 'Press releases <press.example.org>' (RFC 2919"),
        withContacts(
            "a line break from contact data in an X- header",
            HEAD + "X-Desk: {{desk}}\n\nHello\n",
            "email,outlet,desk\nanna@news.example,Kurier,\"Culture\r\nBcc: everyone@list.example\"\n",
            "contacts/media.csv:2:3",
            "'desk' contains a line break or control character",
            "X-Desk header"),
        withContacts(
            "a word too long for a header line from contact data",
            HEAD + "X-Desk: desk {{desk}}\n\nHello\n",
            "email,outlet,desk\nanna@news.example,Kurier," + "d".repeat(1200) + "\n",
            "contacts/media.csv:2:3",
            "'desk' has a word of 1,200 characters",
            "X-Desk header"),
        withContacts(
            "a List-Id that contact data breaks",
            HEAD + "List-Id: Press for {{outlet}} <press.herald.example>\n\nHello\n",
            "email,outlet\nanna@news.example,\"Kurier> <evil.example\"\n",
            "contacts/media.csv:2:2",
            "makes List-Id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void isRefusedWithItsLocation(Malformed c) {
    c.assertReported(dir);
  }

  private MimeMessage previewOne(String template, String contacts) {
    TestFiles.write(dir, TEMPLATE, template);
    TestFiles.write(dir, "contacts/media.csv", contacts);
    CliRun.Result r = CliRun.in(dir).run("preview", TEMPLATE);
    assertEquals(0, r.exitCode(), r::toString);
    List<Path> emls = Eml.files(dir.resolve("preview"));
    assertEquals(1, emls.size());
    Eml.assertLinesOk(emls.get(0));
    return Eml.parse(emls.get(0));
  }

  @Test
  void customHeadersArriveAsWrittenAfterHeraldsOwn() throws Exception {
    String note = "Zażółć gęślą jaźń – " + "embargo notes ".repeat(40);
    MimeMessage m =
        previewOne(
            HEAD
                + "X-Press-Ref: PR-2026-{{outlet}}\n"
                + "x-note: {{note}}\n"
                + "X-Encoded: {{trick}}\n"
                + "X-Optional: {{#code}}code {{code}}{{/code}}\n"
                + "List-Id: Next2Met Presse, Région <press.next2met.example>\n"
                + "List-Unsubscribe: mailto:press@herald.example?subject=unsubscribe\n"
                + "\nHello\n",
            "email,outlet,note,trick,code\nanna@news.example,Kurier,"
                + note
                + ",=?UTF-8?Q?Bcc=3A_everyone?=,\n");
    assertEquals("PR-2026-Kurier", m.getHeader("X-Press-Ref", null));
    assertEquals(
        note.strip(), MimeUtility.decodeText(MimeUtility.unfold(m.getHeader("X-Note", null))));
    // an encoded-word-looking value reads as written, never decoded into something else
    assertEquals(
        "=?UTF-8?Q?Bcc=3A_everyone?=",
        MimeUtility.decodeText(MimeUtility.unfold(m.getHeader("X-Encoded", null))));
    assertNull(m.getHeader("X-Optional"), "a value that comes out empty leaves the header out");
    String listId = MimeUtility.unfold(m.getHeader("List-Id", null));
    assertTrue(listId.endsWith(" <press.next2met.example>"), listId);
    assertEquals(
        "Next2Met Presse, Région",
        MimeUtility.decodeText(listId.substring(0, listId.indexOf(" <"))));
    assertEquals(1, m.getHeader("Message-ID").length);
    assertEquals(1, m.getHeader("Content-Type").length);

    List<String> names = new ArrayList<>();
    Collections.list(m.getAllHeaders()).forEach(h -> names.add(h.getName()));
    assertEquals(
        List.of(
            "Date",
            "From",
            "To",
            "Message-ID",
            "Subject",
            "List-Unsubscribe",
            "X-Press-Ref",
            "x-note",
            "X-Encoded",
            "List-Id",
            "MIME-Version",
            "Content-Type"),
        names);
  }

  @Test
  void aTemplateWithoutCustomHeadersWritesNoneOfThem() throws Exception {
    MimeMessage m = previewOne(HEAD + "\nHello\n", "email,outlet\nanna@news.example,Kurier\n");
    Collections.list(m.getAllHeaders())
        .forEach(h -> assertFalse(h.getName().toLowerCase().startsWith("x-"), h.getName()));
    assertNull(m.getHeader("List-Id"));
    assertTrue(Files.exists(dir.resolve("preview/index.html")));
  }
}
