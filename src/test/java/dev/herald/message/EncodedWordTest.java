package dev.herald.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.TestFiles;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A value that merely looks like an RFC 2047 encoded word must reach the reader as written, not
 * decoded into something else.
 */
class EncodedWordTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "=?UTF-8?Q?Boss?=",
        "=?UTF-8?B?SGk=?=",
        "Anna =?ISO-8859-1?Q?caf=E9?= Nowak",
        "Łucja =?x?",
        "=?UTF-8?Q?a?= =?UTF-8?Q?b?= and a long tail of words to fold across lines, "
            + "as long as a subject may reasonably be, or longer",
      })
  void aLookalikeReachesTheReaderAsWritten(String value) throws Exception {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: News for {{outlet}}\nFrom: Press <press@herald.example>\n\nHi {{outlet}}\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,outlet\n" + TestFiles.csvLine("anna@news.example", value, value));

    CliRun.Result r = CliRun.in(dir).run("preview", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    Path eml = Eml.files(dir.resolve("preview")).get(0);
    Eml.assertLinesOk(eml);
    MimeMessage m = Eml.parse(eml);
    assertEquals("News for " + value, m.getSubject());
    InternetAddress to = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
    assertEquals(value, to.getPersonal());
    assertEquals("anna@news.example", to.getAddress());
  }
}
