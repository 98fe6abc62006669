package dev.herald.message;

import static dev.herald.testing.TestFiles.assertContains;
import static dev.herald.testing.TestFiles.assertNames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.TestFiles;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contact data can never add a header: a line break in a value that lands in a header is refused
 * (exit 2, naming file, line, column and the column's name); in the body it is just text.
 */
class HeaderInjectionTest {
  @TempDir Path dir;

  private static final String TEMPLATE = "templates/release.md";

  private void write(String firstName, String outlet, String note) {
    TestFiles.write(
        dir,
        TEMPLATE,
        "Subject: News for {{outlet}}\n"
            + "From: Press Office <press@herald.example>\n"
            + "\n"
            + "Dear {{first_name}},\n\n{{note}}\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,last_name,outlet,note\n"
            + "anna@news.example,Anna,Nowak,Kurier,fine\n"
            + TestFiles.csvLine("ben@news.example", firstName, "Smit", outlet, note));
  }

  @ParameterizedTest(name = "line end {index}")
  @ValueSource(strings = {"\r\n", "\n", "\r"})
  void aLineBreakInAValueUsedInTheSubjectIsRefused(String eol) {
    write("Ben", "Bode" + eol + "Bcc: everyone@list.example", "fine");

    CliRun.Result check = CliRun.in(dir).run("check", TEMPLATE);
    CliRun.Result preview = CliRun.in(dir).run("preview", TEMPLATE);

    for (CliRun.Result r : List.of(check, preview)) {
      assertEquals(2, r.exitCode(), r::toString);
      assertNames(r.all(), "contacts/media.csv:3:4");
      assertContains(r.all(), "'outlet' contains a line break");
      assertContains(r.all(), "Subject header");
    }
    assertFalse(Files.exists(dir.resolve("preview")));
  }

  @ParameterizedTest(name = "line end {index}")
  @ValueSource(strings = {"\r\n", "\n", "\r"})
  void aLineBreakInTheFirstNameIsRefusedBecauseItLandsInTo(String eol) {
    write("Ben" + eol + "Bcc: everyone@list.example", "Bode", "fine");

    CliRun.Result check = CliRun.in(dir).run("check", TEMPLATE);
    CliRun.Result preview = CliRun.in(dir).run("preview", TEMPLATE);

    for (CliRun.Result r : List.of(check, preview)) {
      assertEquals(2, r.exitCode(), r::toString);
      assertNames(r.all(), "contacts/media.csv:3:2");
      assertContains(r.all(), "'first_name' contains a line break");
      assertContains(r.all(), "To header");
    }
  }

  @ParameterizedTest(name = "line end {index}")
  @ValueSource(strings = {"\r\n", "\n", "\r"})
  void aLineBreakInAValueUsedOnlyInTheBodyIsText(String eol) throws Exception {
    write("Ben", "Bode", "Met at the fair." + eol + "Bcc: everyone@list.example");

    CliRun.Result check = CliRun.in(dir).run("check", TEMPLATE);
    CliRun.Result preview = CliRun.in(dir).run("preview", TEMPLATE, "--only", "ben@news.example");

    assertEquals(0, check.exitCode(), check::toString);
    assertEquals(0, preview.exitCode(), preview::toString);
    MimeMessage m = Eml.parse(Eml.files(dir.resolve("preview")).get(0));
    assertNull(m.getHeader("Bcc"));
    assertArrayEquals(new String[] {"News for Bode"}, m.getHeader("Subject"));
    assertContains(Eml.text(m), "Met at the fair.\r\nBcc: everyone@list.example");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Reply-To", "Cc", "Bcc", "From"})
  void aLineBreakInAnyAddressHeaderIsRefused(String header) {
    TestFiles.write(
        dir,
        TEMPLATE,
        (header.equals("From") ? "" : "From: Press Office <press@herald.example>\n")
            + "Subject: News\n"
            + header
            + ": {{desk}}\n\nHello\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,desk\n" + TestFiles.csvLine("ben@news.example", "desk@news.example\nX-Evil: 1"));

    CliRun.Result r = CliRun.in(dir).run("check", TEMPLATE);

    assertEquals(2, r.exitCode(), r::toString);
    assertNames(r.out(), "contacts/media.csv:2:2");
    assertContains(r.out(), "'desk' contains a line break");
    assertContains(r.out(), header + " header");
  }

  @ParameterizedTest(name = "code point {0}")
  @ValueSource(ints = {0x00, 0x07, 0x0B, 0x0C, 0x1B, 0x7F, 0x85})
  void otherControlCharactersInTheSubjectAreRefusedToo(int control) {
    write("Ben", "Bo" + Character.toString(control) + "de", "fine");

    CliRun.Result r = CliRun.in(dir).run("check", TEMPLATE);

    assertEquals(2, r.exitCode(), r::toString);
    assertNames(r.out(), "contacts/media.csv:3:4");
  }
}
