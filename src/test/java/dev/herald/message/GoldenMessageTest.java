package dev.herald.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One whole message, byte for byte, against {@code src/test/resources/golden/simple-message.eml}.
 * The Date line and the MIME boundaries (random in Jakarta Mail) are normalised; everything else,
 * Message-ID included, must come out the same on every run.
 *
 * <p>After a deliberate change to how messages are written, regenerate the file and review its diff
 * before committing it:
 *
 * <pre>
 * mvn -B test -Dtest=GoldenMessageTest -Dherald.golden.update=true
 * </pre>
 */
class GoldenMessageTest {
  static final Path GOLDEN =
      Samples.projectRoot().resolve("src/test/resources/golden/simple-message.eml");

  private static final Pattern DATE = Pattern.compile("(?m)^Date: [^\r\n]*");
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"([^\"]+)\"");

  @TempDir Path dir;

  /** Replaces the Date line, and each boundary by BOUNDARY-1, BOUNDARY-2… in order of first use. */
  static String normalise(String eml) {
    String s = DATE.matcher(eml).replaceAll("Date: (normalised)");
    Map<String, String> names = new LinkedHashMap<>();
    Matcher m = BOUNDARY.matcher(s);
    while (m.find()) {
      names.putIfAbsent(m.group(1), "BOUNDARY-" + (names.size() + 1));
    }
    for (Map.Entry<String, String> e : names.entrySet()) {
      s = s.replace(e.getKey(), e.getValue());
    }
    return s;
  }

  private Path render() {
    TestFiles.write(
        dir,
        "templates/golden.md",
        "Subject: Fostering digitalisation – news for {{outlet}}\n"
            + "From: Next2Met Press Office <press@next2met.example>\n"
            + "Reply-To: Marta Lewandowska <press@next2met.example>\n"
            + "Campaign: golden-sample\n"
            + "Attachment: attachments/note.txt\n"
            + "List-Unsubscribe: mailto:press@next2met.example?subject=unsubscribe\n"
            + "\n"
            + "Dear {{first_name}},\n"
            + "\n"
            + "A **short** release for the readers of {{outlet}}, from Białystok.\n"
            + "\n"
            + "- e-health\n"
            + "- e-services\n"
            + "\n"
            + "[Request an interview]({{interview_link}})\n");
    TestFiles.write(dir, "templates/attachments/note.txt", "Next2Met fact sheet.\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,last_name,outlet,language\n"
            + "l.wrobel@kurier-podlaski.example,Łukasz,Wróbel,Kurier & Co,en\n");
    // A fixed key: the interview link's reference is keyed, and the golden file holds it.
    CliRun.Result r =
        CliRun.in(dir)
            .env(Map.of("HERALD_KEY", "golden-test-key-not-a-secret-0123456789"))
            .run("preview", "templates/golden.md");
    assertEquals(0, r.exitCode(), r::toString);
    List<Path> emls = Eml.files(dir.resolve("preview"));
    assertEquals(1, emls.size());
    return emls.get(0);
  }

  @Test
  void aWholeMessageMatchesTheGoldenFile() throws Exception {
    // ISO-8859-1 maps every byte to one char and back, so the comparison is of bytes
    String actual =
        normalise(new String(Files.readAllBytes(render()), StandardCharsets.ISO_8859_1));
    byte[] actualBytes = actual.getBytes(StandardCharsets.ISO_8859_1);

    if (Boolean.getBoolean("herald.golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.write(GOLDEN, actualBytes);
    }

    assertTrue(
        Files.exists(GOLDEN),
        GOLDEN + " is missing; create it with -Dherald.golden.update=true and review it");
    byte[] expected = Files.readAllBytes(GOLDEN);
    assertEquals(
        new String(expected, StandardCharsets.ISO_8859_1),
        actual,
        "the message differs from "
            + GOLDEN
            + "; if the change is intended, rerun with -Dherald.golden.update=true");
    assertTrue(java.util.Arrays.equals(expected, actualBytes));
  }

  @Test
  void normaliseNumbersBoundariesInOrderOfFirstUse() {
    String eml =
        "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
            + "Content-Type: multipart/mixed; boundary=\"----=_Part_2_9.1\"\r\n\r\n"
            + "------=_Part_2_9.1\r\n"
            + "Content-Type: multipart/alternative; boundary=\"----=_Part_1_7.2\"\r\n\r\n"
            + "------=_Part_1_7.2--\r\n"
            + "------=_Part_2_9.1--\r\n";

    assertEquals(
        "Date: (normalised)\r\n"
            + "Content-Type: multipart/mixed; boundary=\"BOUNDARY-1\"\r\n\r\n"
            + "--BOUNDARY-1\r\n"
            + "Content-Type: multipart/alternative; boundary=\"BOUNDARY-2\"\r\n\r\n"
            + "--BOUNDARY-2--\r\n"
            + "--BOUNDARY-1--\r\n",
        normalise(eml));
  }
}
