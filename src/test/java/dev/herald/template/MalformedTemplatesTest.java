package dev.herald.template;

import static dev.herald.testing.Malformed.TEMPLATE;

import dev.herald.testing.Malformed;
import dev.herald.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed templates: each is exit 2 with the template file, line (and column) and reason. */
class MalformedTemplatesTest {
  @TempDir Path dir;

  private static final String HEAD =
      "Subject: News for {{outlet}}\nFrom: Press Office <press@herald.example>\n";

  private static Malformed template(String name, String text, String location, String... phrases) {
    return Malformed.of(name, d -> TestFiles.write(d, TEMPLATE, text), location, phrases);
  }

  private static void symlink(Path link, Path target) {
    try {
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | IOException | SecurityException e) {
      Assumptions.abort("symbolic links are not available here: " + e);
    }
  }

  static Stream<Malformed> cases() {
    return Stream.of(
        template(
            "no blank line after the headers",
            HEAD + "Dear {{first_name}},\n",
            "templates/release.md:3",
            "blank line before the body"),
        template(
            "headers only, no body",
            HEAD.strip(),
            "templates/release.md",
            "has no blank line between the header block and the body"),
        template(
            "unknown header key",
            HEAD + "Subjct: News\n\nHello\n",
            "templates/release.md:3:1",
            "unknown header 'Subjct'"),
        template(
            "repeated header",
            HEAD + "subject: Again\n\nHello\n",
            "templates/release.md:3:1",
            "the header 'subject' is repeated"),
        template(
            "missing Subject",
            "From: Press Office <press@herald.example>\n\nHello\n",
            "templates/release.md:1",
            "no 'Subject:' line"),
        template(
            "missing From",
            "Subject: News\n\nHello\n",
            "templates/release.md:1",
            "no 'From:' line"),
        template("empty body", HEAD + "\n\n   \n", "templates/release.md:4", "the body is empty"),
        template(
            "unknown placeholder in the body",
            HEAD + "\nDear {{frist_name}},\n",
            "templates/release.md:4:6",
            "{{frist_name}} is not a column of",
            "contacts/media.csv",
            "did you mean {{first_name}}?"),
        template(
            "unknown placeholder in the Subject",
            "Subject: News for {{outlets}}\nFrom: Press Office <press@herald.example>\n\nHi\n",
            "templates/release.md:1:19",
            "{{outlets}} is not a column",
            "did you mean {{outlet}}?"),
        template(
            "unknown section name",
            HEAD + "\n{{#beats}}x{{/beats}}\n",
            "templates/release.md:4:1",
            "{{#beats}} is not a column"),
        template(
            "tag never closed on its line",
            HEAD + "\nDear {{first_name,\n",
            "templates/release.md:4:6",
            "{{ is never closed on this line"),
        template(
            "unclosed section",
            HEAD + "\n{{#first_name}}Hello\n",
            "templates/release.md:4:1",
            "the section {{#first_name}} is never closed with {{/first_name}}"),
        template(
            "mismatched section close",
            HEAD + "\n{{#first_name}}Hello {{/outlet}}\n",
            "templates/release.md:4:22",
            "{{/outlet}} closes {{#first_name}} opened at line 4"),
        template(
            "close without open",
            HEAD + "\nHello{{/outlet}}\n",
            "templates/release.md:4:6",
            "closes a section that was never opened"),
        template(
            "partial",
            HEAD + "\nHello\n\n{{> footer}}\n",
            "templates/release.md:6:1",
            "partials ({{> footer}}) are not supported"),
        template(
            "delimiter change",
            HEAD + "\n{{=<% %>=}}\nHello <% first_name %>\n",
            "templates/release.md:4:1",
            "changing the delimiters"),
        template(
            "template inheritance",
            HEAD + "\n{{<base}}{{/base}}\n",
            "templates/release.md:4:1",
            "template inheritance"),
        template(
            "bad Send-At",
            HEAD + "Send-At: next Tuesday at nine\n\nHello\n",
            "templates/release.md:3:10",
            "Send-At: 'next Tuesday at nine' is not an ISO-8601 date-time"),
        template(
            "Send-At without a zone",
            HEAD + "Send-At: 2026-12-01T09:00:00\n\nHello\n",
            "templates/release.md:3:10",
            "Send-At: '2026-12-01T09:00:00' is not an ISO-8601 date-time with an offset or zone"),
        template(
            "bad Embargo",
            HEAD + "Embargo:   2026-13-01T09:00:00Z\n\nHello\n",
            "templates/release.md:3:12",
            "Embargo: '2026-13-01T09:00:00Z' is not an ISO-8601 date-time"),
        template(
            "embargo placeholder without an Embargo header",
            HEAD + "\nNot before {{embargo}}.\n",
            "templates/release.md:4:12",
            "{{embargo}} is used but the template has no 'Embargo:' header"),
        template(
            "placeholder in Campaign",
            HEAD + "Campaign: release-{{outlet}}\n\nHello\n",
            "templates/release.md:3:11",
            "placeholders are not allowed in campaign"),
        template(
            "campaign id with spaces",
            HEAD + "Campaign: winter release\n\nHello\n",
            "templates/release.md:3",
            "the campaign id 'winter release' may hold only"),
        template(
            "List-Unsubscribe that is not mailto: or https:",
            HEAD + "List-Unsubscribe: http://herald.example/u\n\nHello\n",
            "templates/release.md:3:19",
            "List-Unsubscribe takes mailto: or https: addresses"),
        template(
            "From that is not an address",
            "Subject: News\nFrom: the press office\n\nHello\n",
            "templates/release.md:2:7",
            "'the press office'",
            "is not a single valid address"),
        template(
            "missing attachment",
            HEAD + "Attachment: fact-sheet.pdf\n\nHello\n",
            "templates/release.md:3",
            "the attachment 'fact-sheet.pdf' does not exist"),
        Malformed.of(
            "attachment outside the working folder via ../",
            d -> {
              TestFiles.write(d.getParent(), "secret.txt", "not for the press");
              TestFiles.write(d, TEMPLATE, HEAD + "Attachment: ../../secret.txt\n\nHello\n");
            },
            "templates/release.md:3",
            "the attachment '../../secret.txt' lies outside the working folder"),
        Malformed.of(
            "attachment by absolute path outside the working folder",
            d -> {
              Path secret = TestFiles.write(d.getParent(), "secret.txt", "not for the press");
              TestFiles.write(d, TEMPLATE, HEAD + "Attachment: " + secret + "\n\nHello\n");
            },
            "templates/release.md:3",
            "lies outside the working folder"),
        Malformed.of(
            "attachment through a symbolic link pointing outside",
            d -> {
              Path secret = TestFiles.write(d.getParent(), "secret.txt", "not for the press");
              symlink(d.resolve("templates/fact-sheet.pdf"), secret);
              TestFiles.write(d, TEMPLATE, HEAD + "Attachment: fact-sheet.pdf\n\nHello\n");
            },
            "templates/release.md:3",
            "the attachment 'fact-sheet.pdf' is a symbolic link to",
            "outside the working folder"),
        Malformed.of(
            "a folder as attachment",
            d -> {
              try {
                Files.createDirectories(d.resolve("templates/attachments"));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              TestFiles.write(d, TEMPLATE, HEAD + "Attachment: attachments\n\nHello\n");
            },
            "templates/release.md:3",
            "the attachment 'attachments' is a folder, not a file"),
        Malformed.of(
            "attachment named by contact data, outside the working folder",
            d -> {
              TestFiles.write(d.getParent(), "secret.txt", "not for the press");
              TestFiles.write(d, TEMPLATE, HEAD + "Attachment: {{kit}}\n\nHello\n");
              TestFiles.write(
                  d,
                  "contacts/media.csv",
                  "email,outlet,kit\nanna@news.example,Kurier,../../secret.txt\n");
            },
            "contacts/media.csv:2",
            "the attachment '../../secret.txt' lies outside the working folder",
            "named in"),
        Malformed.of(
            "template that is not UTF-8",
            d ->
                TestFiles.write(
                    d, TEMPLATE, (HEAD + "\nR\u00e9gion\n").getBytes(StandardCharsets.ISO_8859_1)),
            "templates/release.md",
            "is not UTF-8 text"),
        template(
            "template with a NUL character",
            HEAD + "\nHello\u0000\n",
            "templates/release.md",
            "contains a NUL character"),
        Malformed.of(
            "a language variant that is not UTF-8",
            d ->
                TestFiles.write(
                    d,
                    "templates/release.fr.md",
                    (HEAD + "\nR\u00e9gion\n").getBytes(StandardCharsets.ISO_8859_1)),
            "templates/release.fr.md",
            "is not UTF-8 text"),
        Malformed.of(
            "a language variant with another campaign",
            d ->
                TestFiles.write(
                    d, "templates/release.pl.md", HEAD + "Campaign: another\n\nCze\u015b\u0107\n"),
            "templates/release.pl.md",
            "its campaign 'another' differs from 'release'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isReportedWithItsLocation(Malformed c) {
    c.assertReported(dir);
  }
}
