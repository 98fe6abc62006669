package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Never mailed, ever": the suppression list is read when the run starts (during validation, before
 * the lock and the prompt), so an address added while the press officer looks at "Type yes" (by
 * {@code optout add}, or by a scheduled {@code interviews fetch}, which takes no lock for
 * unsubscribes) is mailed anyway.
 */
class OptOutDuringRunTest {
  static final String ROSSI = "g.rossi@quotidiano-regioni.example";

  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  /** A person who, while asked, has a colleague add an opt-out, then answers yes. */
  final class OptOutWhileAsked implements Invocation.Terminal {
    CliRun.Result added;

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public String readLine(String prompt) {
      added = CliRun.in(dir).run("optout", "add", ROSSI, "--reason", "phoned: remove me");
      return "yes";
    }

    @Override
    public char[] readPassword(String prompt) {
      return null;
    }
  }

  @Test
  void anAddressOptedOutWhileTheRunWaitsAtThePromptIsNotMailed() throws Exception {
    Samples.copyTo(dir);
    String[] send = Smtp.send(mail.getSmtp().getBindTo(), mail.getSmtp().getPort());
    OptOutWhileAsked person = new OptOutWhileAsked();
    CliRun.Result r = CliRun.in(dir).terminal(person).run(Arrays.copyOf(send, send.length - 1));

    assertEquals(0, person.added.exitCode(), person.added::toString);
    List<String> to = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      to.add(m.getRecipients(Message.RecipientType.TO)[0].toString().toLowerCase(Locale.ROOT));
    }
    assertTrue(
        to.stream().noneMatch(a -> a.contains(ROSSI)),
        ROSSI + " opted out before the yes, and was mailed: " + r);
  }
}
