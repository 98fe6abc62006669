package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The question "About to email 15 messages … Type yes" and the check of every row cover the contact
 * file as it was read before the prompt; the messages go to the file as it is read again after the
 * answer. A row added while the person looks at the question (a colleague saving the spreadsheet)
 * was mailed without having been counted, confirmed or checked with the rest (found by attacking
 * the promise); now the run refuses, sending nothing.
 */
class ContactsChangedAtPromptTest {
  static final String LATE = "late.addition@kurier-podlaski.example";

  @TempDir Path dir;

  /** Answers yes, after a colleague has added a row to the contact file. */
  final class RowAddedWhileAsked implements Invocation.Terminal {
    String question;

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public String readLine(String prompt) {
      question = prompt;
      try {
        Files.writeString(
            dir.resolve("contacts/media.csv"),
            LATE + ",Late,Addition,Dear colleague,Kurier Podlaski,news,en,PL,regional\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return "yes";
    }

    @Override
    public char[] readPassword(String prompt) {
      return null;
    }
  }

  @Test
  void aRowAddedAfterTheQuestionIsNotMailedUnconfirmed() {
    Samples.copyTo(dir);
    RowAddedWhileAsked person = new RowAddedWhileAsked();
    try (FaultySmtpServer server = FaultySmtpServer.builder().start()) {
      String[] send = Smtp.send(server.host(), server.port());
      CliRun.Result r = CliRun.in(dir).terminal(person).run(Arrays.copyOf(send, send.length - 1));

      assertTrue(
          r.out().contains("15 messages") || String.valueOf(person.question).contains("15"),
          "the question counted 15: " + r);
      assertEquals(
          0, server.messagesTo(LATE).size(), LATE + " was never counted nor confirmed: " + r);
      assertEquals(2, r.exitCode(), r::toString);
      assertTrue(r.err().contains("changed after herald checked it and asked"), r::toString);
      assertEquals(0, server.acceptedCount(), "nothing is sent from a list nobody confirmed");
    }
  }
}
