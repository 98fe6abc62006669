package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.herald.journal.JournalReader;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.PressMailbox;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proofs carry inert links: after a real send and a proof, replies to the proof (an answer, an
 * unsubscribe, a click on its interview link, a bounce) arrive in the press mailbox over IMAP, and
 * {@code interviews fetch} counts them and acts on none, while a real reply in the same folder is
 * still logged.
 */
class ProofRepliesTest {
  @RegisterExtension final GreenMailExtension mail = PressMailbox.server();

  @TempDir Path dir;

  private static final String REVIEWER = "anna.nowak@next2met.example";
  private static final String WROBEL = "l.wrobel@kurier-podlaski.example";
  private static final String ROSSI = "g.rossi@quotidiano-regioni.example";

  private String rossiId;
  private String proofId;
  private String proofLinkSubject;

  private List<String> smtp() {
    return List.of(
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        String.valueOf(mail.getSmtp().getPort()),
        "--smtp-security",
        "none");
  }

  private CliRun.Result run(List<String> first, List<String> more) {
    List<String> args = new ArrayList<>(first);
    args.addAll(more);
    return CliRun.in(dir).env(PressMailbox.env()).run(args.toArray(String[]::new));
  }

  @BeforeEach
  void sendTheReleaseThenAProof() throws Exception {
    Samples.copyTo(dir);
    CliRun.Result sent = run(List.of("send", Samples.TEMPLATE, "--yes"), smtp());
    assertEquals(0, sent.exitCode(), sent::toString);
    JournalReader.forEach(
        dir.resolve("logs/sends.csv"),
        e -> {
          if (e.outcome() == Outcome.SENT && e.recipient().equals(ROSSI)) {
            rossiId = e.messageId();
          }
        });
    CliRun.Result proof =
        run(List.of("send", Samples.TEMPLATE, "--proof-to", REVIEWER, "--only", WROBEL), smtp());
    assertEquals(0, proof.exitCode(), proof::toString);
    for (MimeMessage m : mail.getReceivedMessages()) {
      InternetAddress to = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
      if (to.getAddress().equals(REVIEWER)) {
        proofId = m.getMessageID();
        Matcher link = Pattern.compile("subject=(Interview[^)\\s]+)").matcher(Eml.text(m));
        assertTrue(link.find(), "the proof has an interview link");
        proofLinkSubject = URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
      }
    }
    assertTrue(proofId.startsWith("<proof."), proofId);
    assertTrue(proofLinkSubject.contains("[proof:"), proofLinkSubject);
  }

  @Test
  void repliesTiedOnlyToAProofAreCountedAndNeverActedOn() throws Exception {
    PressMailbox.deliver(mail, reviewerAsksForAnInterview());
    PressMailbox.deliver(mail, journalistUnsubscribesFromAForwardedProof());
    PressMailbox.deliver(mail, clickOnTheProofsInterviewLink());
    PressMailbox.deliver(mail, bounceOfTheProof());
    PressMailbox.deliver(mail, realInterviewRequest());
    Path optOut = dir.resolve("contacts/optout.csv");
    String optOutBefore = TestFiles.read(optOut);
    String journalBefore = TestFiles.read(dir.resolve("logs/sends.csv"));

    List<String> fetch = new ArrayList<>(List.of("interviews", "fetch"));
    fetch.addAll(PressMailbox.fetchOptions(mail));
    CliRun.Result r = CliRun.in(dir).env(PressMailbox.env()).run(fetch.toArray(String[]::new));

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Read 5 messages in INBOX");
    assertContains(r.out(), "1 new reply about a campaign");
    assertContains(
        r.out(),
        "Replies to proofs: 4, ignored (a proof's links and Message-ID tie it to no contact)");
    assertContains(r.out(), "Interview requests: 1, logged in ");
    assertFalse(r.out().contains("Unsubscribe requests: 1"), r::toString);
    assertFalse(r.out().contains("Bounces: 1"), r::toString);
    String interviews = TestFiles.read(dir.resolve("logs/interviews.csv"));
    assertContains(interviews, ROSSI);
    assertFalse(interviews.contains(WROBEL), interviews);
    assertFalse(interviews.contains(REVIEWER), interviews);
    assertEquals(optOutBefore, TestFiles.read(optOut), "nobody was unsubscribed");
    assertEquals(journalBefore, TestFiles.read(dir.resolve("logs/sends.csv")), "no bounce");
    assertTrue(Files.exists(dir.resolve("logs/replies.csv")));
    assertFalse(TestFiles.read(dir.resolve("logs/replies.csv")).contains(WROBEL));
  }

  private String reviewerAsksForAnInterview() {
    return """
        From: Anna Nowak <anna.nowak@next2met.example>
        To: Next2Met Press Office <press@next2met.example>
        Subject: Re: [PROOF] Wspieranie cyfryzacji w województwie podlaskim
        Date: Mon, 30 Nov 2026 09:00:00 +0100
        Message-ID: <review.1@next2met.example>
        In-Reply-To: %1$s
        References: %1$s
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8
        Content-Transfer-Encoding: 8bit

        Looks good. Testing the reply: I would like to request an interview.
        """
        .formatted(proofId);
  }

  private String journalistUnsubscribesFromAForwardedProof() {
    return """
        From: Łukasz Wróbel <l.wrobel@kurier-podlaski.example>
        To: Next2Met Press Office <press@next2met.example>
        Subject: Re: [PROOF] Wspieranie cyfryzacji w województwie podlaskim
        Date: Mon, 30 Nov 2026 09:05:00 +0100
        Message-ID: <reply.wrobel.9@kurier-podlaski.example>
        In-Reply-To: %1$s
        References: %1$s
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8
        Content-Transfer-Encoding: 8bit

        Unsubscribe me please.
        """
        .formatted(proofId);
  }

  private String clickOnTheProofsInterviewLink() {
    return """
        From: Łukasz Wróbel <l.wrobel@kurier-podlaski.example>
        To: Next2Met Press Office <press@next2met.example>
        Subject: %s
        Date: Mon, 30 Nov 2026 09:10:00 +0100
        Message-ID: <click.wrobel.1@kurier-podlaski.example>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8

        """
        .formatted(proofLinkSubject);
  }

  private String bounceOfTheProof() {
    return """
        From: MAILER-DAEMON@mail.next2met.example (Mail Delivery System)
        To: press@next2met.example
        Subject: Undelivered Mail Returned to Sender
        Date: Mon, 30 Nov 2026 09:15:00 +0100
        Message-ID: <dsn.proof.1@mail.next2met.example>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"

        --dsn
        Content-Type: text/plain; charset=us-ascii

        Your message could not be delivered.

        --dsn
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.next2met.example

        Final-Recipient: rfc822; l.wrobel@kurier-podlaski.example
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 User unknown

        --dsn
        Content-Type: text/rfc822-headers

        From: Next2Met Press Office <press@next2met.example>
        To: l.wrobel@kurier-podlaski.example
        Message-ID: %s
        Subject: [PROOF] Wspieranie cyfryzacji w województwie podlaskim

        --dsn--
        """
        .formatted(proofId);
  }

  private String realInterviewRequest() {
    return """
        From: Giulia Rossi <g.rossi@quotidiano-regioni.example>
        To: Next2Met Press Office <press@next2met.example>
        Subject: Re: Fostering digitalisation in the Podlaskie Region
        Date: Mon, 30 Nov 2026 09:20:00 +0100
        Message-ID: <reply.rossi.1@quotidiano-regioni.example>
        In-Reply-To: %1$s
        References: %1$s
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8

        I would like to request an interview about e-Health Podlaskie.
        """
        .formatted(rossiId);
  }
}
