package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * (Found by attacking issue 9's work.) Before the fix, "never mailed, ever" and "one address, one
 * identity" held for the To address only: a Cc (or Bcc) taken from contact data is neither checked
 * against the suppression list nor against the other recipients of the run, so an editor who opted
 * out still gets the release, and a journalist who is also some colleague's editor gets it twice.
 * {@code check} says nothing about either.
 */
class CcOptOutTest {
  /** On the sample opt-out list as W.DeSmet@Kempische-Koerier.example. */
  static final String OPTED_OUT = "w.desmet@kempische-koerier.example";

  /** A contact of the sample list who gets the release anyway. */
  static final String ROSSI = "g.rossi@quotidiano-regioni.example";

  @TempDir Path dir;

  @BeforeEach
  void editorsAreCopied() {
    Samples.copyTo(dir);
    String contacts = TestFiles.read(dir.resolve("contacts/media.csv"));
    StringBuilder withEditor = new StringBuilder();
    int row = 0;
    for (String line : contacts.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      String editor =
          switch (row++) {
            case 0 -> "editor";
            case 1 -> OPTED_OUT;
            case 2 -> ROSSI;
            default -> "";
          };
      withEditor.append(line).append(',').append(editor).append('\n');
    }
    TestFiles.write(dir, "contacts/media.csv", withEditor.toString());
    for (String template :
        new String[] {Samples.TEMPLATE, "templates/podlaskie-digitalisation.pl.md"}) {
      String text = TestFiles.read(dir.resolve(template));
      TestFiles.write(
          dir,
          template,
          text.replaceFirst("\nCampaign: ", "\nCc: {{#editor}}{{editor}}{{/editor}}\nCampaign: "));
    }
  }

  @Test
  void anAddressOnTheOptOutListIsNotMailedAsACc() {
    try (FaultySmtpServer server = FaultySmtpServer.builder().start()) {
      CliRun.Result r = CliRun.in(dir).run(Smtp.send(server.host(), server.port()));

      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(
          0,
          server.messagesTo(OPTED_OUT).size(),
          OPTED_OUT + " opted out and was mailed as a Cc: " + r);
    }
  }

  @Test
  void aContactWhoIsAlsoACcGetsOneCopy() {
    try (FaultySmtpServer server = FaultySmtpServer.builder().start()) {
      CliRun.Result r = CliRun.in(dir).run(Smtp.send(server.host(), server.port()));

      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(
          1,
          server.messagesTo(ROSSI).size(),
          ROSSI + " is a contact and another contact's Cc: " + r);
    }
  }

  @Test
  void checkNamesEachCopyLeftOutAndWhy() {
    CliRun.Result r = CliRun.in(dir).run("check", Samples.TEMPLATE);

    assertEquals(0, r.exitCode(), r::toString);
    dev.herald.testing.TestFiles.assertContains(r.out(), "the copy to " + OPTED_OUT + " (");
    dev.herald.testing.TestFiles.assertContains(
        r.out(), ") is left out of every message: it is on the opt-out list");
    dev.herald.testing.TestFiles.assertContains(r.out(), "the copy to " + ROSSI);
    dev.herald.testing.TestFiles.assertContains(
        r.out(), "is left out of every message: it is a contact, who gets a message of their own");
  }
}
