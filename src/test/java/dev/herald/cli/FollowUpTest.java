package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.herald.journal.JournalReader;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.PressMailbox;
import dev.herald.testing.TestFiles;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow-ups end to end on GreenMail: the release {@code launch} goes to seven journalists; one
 * asks for an interview, one answers, one is out of office, one unsubscribes and one bounces, and
 * {@code interviews fetch} reads all five over IMAP; an eighth contact joins the list later. The
 * follow-up then reaches exactly the two silent ones, threaded under their own original
 * (In-Reply-To, References, "Re: " subject), a reply to it is matched by fetch, and {@code report}
 * shows it beside the original.
 */
class FollowUpTest {
  @RegisterExtension final GreenMailExtension mail = PressMailbox.server();

  @TempDir Path dir;

  private static final String ROSSI = "g.rossi@quotidiano.example";
  private static final String WROBEL = "l.wrobel@kurier.example";
  private static final String AWAY = "m.nowak@gazeta.example";
  private static final String UNSUB = "c.lambert@echo.example";
  private static final String GONE = "p.broeck@techbode.example";
  private static final String SILENT_1 = "z.kowalczyk@tygodnik.example";
  private static final String SILENT_2 = "w.desmet@koerier.example";
  private static final String LATE = "a.late@radio.example";

  private static final Instant SENT_AT = Instant.parse("2026-11-20T09:00:00Z");
  private static final Instant LATER = Instant.parse("2026-11-26T09:00:00Z");

  private final Map<String, String> originalIds = new HashMap<>();

  @BeforeEach
  void sendTheReleaseAndFetchTheAnswers() {
    StringBuilder csv = new StringBuilder("email,first_name,last_name,outlet\n");
    for (String a : List.of(ROSSI, WROBEL, AWAY, UNSUB, GONE, SILENT_1, SILENT_2)) {
      csv.append(a).append(",Jo,").append(a.substring(0, 4)).append(",Outlet\n");
    }
    TestFiles.write(dir, "contacts/media.csv", csv.toString());
    TestFiles.write(
        dir,
        "templates/launch.md",
        "Subject: Podlaskie goes digital\n"
            + "From: Next2Met Press Office <press@next2met.example>\n\n"
            + "Dear {{first_name}}, the release.\n");
    TestFiles.write(
        dir,
        "templates/nudge.md",
        "From: Next2Met Press Office <press@next2met.example>\n"
            + "Follow-Up: launch\n\n"
            + "Dear {{first_name}}, in case it was missed: the release.\n");
    CliRun.Result sent = run(SENT_AT, smtp("send", "templates/launch.md", "--yes"));
    assertEquals(0, sent.exitCode(), sent::toString);
    JournalReader.forEach(
        dir.resolve("logs/sends.csv"),
        e -> {
          if (e.outcome() == Outcome.SENT) {
            originalIds.put(e.recipient(), e.messageId());
          }
        });
    assertEquals(7, originalIds.size());
    TestFiles.write(
        dir, "contacts/media.csv", csv.append(LATE).append(",Al,Late,Radio\n").toString());
    PressMailbox.deliver(mail, reply(ROSSI, "I would like to request an interview.", ""));
    PressMailbox.deliver(mail, reply(WROBEL, "Thanks, noted.", ""));
    PressMailbox.deliver(
        mail,
        reply(AWAY, "I am out of the office until Monday.", "Auto-Submitted: auto-replied\n"));
    PressMailbox.deliver(mail, reply(UNSUB, "Unsubscribe me please.", ""));
    PressMailbox.deliver(mail, bounce(GONE));
    CliRun.Result fetched = run(LATER, fetch());
    assertEquals(0, fetched.exitCode(), fetched::toString);
    fresh();
  }

  private final Set<String> seen = new java.util.HashSet<>(); // Message-IDs already looked at

  /** The messages GreenMail received since the last call (in no particular order). */
  private List<MimeMessage> fresh() {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      try {
        if (seen.add(m.getMessageID())) {
          out.add(m);
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  @Test
  void theFollowUpReachesExactlyTheSilentOnesThreadedUnderTheirOriginal() throws Exception {
    CliRun.Result r = run(LATER, smtp("send", "templates/nudge.md", "--yes"));
    assertEquals(0, r.exitCode(), r::toString);
    Map<String, MimeMessage> got = received();
    assertEquals(Set.of(SILENT_1, SILENT_2), got.keySet(), r::toString);
    for (String who : got.keySet()) {
      MimeMessage m = got.get(who);
      assertEquals(originalIds.get(who), m.getHeader("In-Reply-To", null));
      assertEquals(originalIds.get(who), m.getHeader("References", null));
      assertEquals("Re: Podlaskie goes digital", m.getSubject());
      assertTrue(m.getMessageID().startsWith("<nudge."), m.getMessageID());
    }
    assertContains(r.out(), "4 not eligible for the follow-up");
    assertContains(r.out(), "  " + ROSSI + ": asked for an interview (launch)");
    assertContains(r.out(), "  " + WROBEL + ": replied (launch)");
    assertContains(r.out(), "  " + AWAY + ": sent an automatic reply (launch)");
    assertContains(r.out(), "  " + LATE + ": never sent the original (launch)");
    // fetch put the unsubscribe and the bounce on the opt-out list, which applies before anything
    assertContains(r.out(), "2 suppressed (opt-out)");
    // its own campaign, journalled with its own subject
    List<String> lines = new ArrayList<>();
    JournalReader.forEach(
        dir.resolve("logs/sends.csv"),
        e -> {
          if (e.campaign().equals("nudge") && e.outcome() == Outcome.SENT) {
            lines.add(e.recipient() + " " + e.subject());
          }
        });
    assertEquals(
        new TreeSet<>(
            List.of(
                SILENT_1 + " Re: Podlaskie goes digital",
                SILENT_2 + " Re: Podlaskie goes digital")),
        new TreeSet<>(lines));
    assertContains(TestFiles.read(dir.resolve("logs/follow-ups.csv")), "nudge,launch,");

    // a reply to the follow-up is matched to it, and the report shows it beside the original
    String nudgeId = got.get(SILENT_1).getMessageID();
    PressMailbox.deliver(
        mail,
        reply(
            SILENT_1,
            "Thanks for the reminder, will cover it.",
            "",
            nudgeId,
            originalIds.get(SILENT_1) + " " + nudgeId));
    CliRun.Result fetched = run(LATER.plusSeconds(3600), fetch());
    assertEquals(0, fetched.exitCode(), fetched::toString);
    assertContains(TestFiles.read(dir.resolve("logs/replies.csv")), "nudge," + SILENT_1);
    CliRun.Result report = run(LATER.plusSeconds(7200), List.of("report", "launch"));
    assertEquals(0, report.exitCode(), report::toString);
    assertContains(report.out(), "Follow-up nudge: sent 2, replies 1");
    CliRun.Result json = run(LATER.plusSeconds(7200), List.of("report", "--format", "json"));
    assertContains(json.out(), "\"follow_ups\": [");

    // a follow-up of the follow-up is refused, unless the template says so
    TestFiles.write(
        dir,
        "templates/nudge2.md",
        "From: Next2Met Press Office <press@next2met.example>\nFollow-Up: nudge\n\nOnce more.\n");
    CliRun.Result again = run(LATER, smtp("send", "templates/nudge2.md", "--yes"));
    assertEquals(2, again.exitCode(), again::toString);
    assertContains(again.err(), "campaign nudge is itself a follow-up (of launch)");
    assertContains(again.err(), "Follow-Up-Again: yes");
    TestFiles.write(
        dir,
        "templates/nudge2.md",
        "From: Next2Met Press Office <press@next2met.example>\nFollow-Up: nudge\n"
            + "Follow-Up-Again: yes\n\nOnce more.\n");
    CliRun.Result allowed = run(LATER, List.of("send", "templates/nudge2.md", "--dry-run"));
    assertEquals(0, allowed.exitCode(), allowed::toString);
    assertContains(allowed.out(), "would send 1 of campaign nudge2");
    assertContains(
        squeezed(allowed.out()), SILENT_1 + " not eligible for the follow-up: replied (nudge)");
  }

  @Test
  void aDryRunAndCheckListEligibility() {
    CliRun.Result dry = run(LATER, List.of("send", "templates/nudge.md", "--dry-run"));
    assertEquals(0, dry.exitCode(), dry::toString);
    assertContains(dry.out(), "would send     " + SILENT_1);
    assertContains(
        squeezed(dry.out()),
        ROSSI + " not eligible for the follow-up: asked for an interview (launch)");
    assertContains(dry.out(), "would send 2 of campaign nudge");
    assertFalse(Files.exists(dir.resolve("logs/follow-ups.csv")), "a dry run writes nothing");
    CliRun.Result preview = run(LATER, List.of("preview", "templates/nudge.md"));
    assertEquals(0, preview.exitCode(), preview::toString);
    // the reviewer sees the follow-up as it goes out: its subject and its threading
    String eml;
    try (var files = Files.walk(dir.resolve("preview"))) {
      Path first =
          files.filter(f -> f.toString().endsWith(".eml")).sorted().findFirst().orElseThrow();
      eml = TestFiles.read(first);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertContains(eml, "Subject: Re: Podlaskie goes digital");
    assertContains(eml, "In-Reply-To: <launch.");

    CliRun.Result check =
        run(LATER, List.of("check", "templates/launch.md", "--follow-up", "launch"));
    assertEquals(2, check.exitCode(), check::toString);
    assertContains(check.err(), "cannot follow itself up");

    TestFiles.write(
        dir,
        "contacts/media.csv",
        TestFiles.read(dir.resolve("contacts/media.csv"))
            .replace(SILENT_2 + ",Jo,w.de,Outlet\n", ""));
    CliRun.Result ok = run(LATER, List.of("check", "templates/nudge.md"));
    assertEquals(0, ok.exitCode(), ok::toString);
    assertContains(ok.out(), "Follow-up of campaign launch: 1 contact is eligible");
    assertContains(
        ok.out(),
        "Not eligible: 1 never sent the original, 1 asked for an interview, 1 replied, 1 sent an"
            + " automatic reply, 2 on the opt-out list, 1 sent the original but not in this contact"
            + " list.");
  }

  @Test
  void anUnknownCampaignGetsADidYouMean() {
    CliRun.Result r =
        run(LATER, List.of("send", "templates/nudge.md", "--dry-run", "--follow-up", "lanch"));
    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "--follow-up lanch and the template's 'Follow-Up: launch' disagree");
    TestFiles.write(
        dir,
        "templates/plain.md",
        "Subject: Hello\nFrom: Next2Met Press Office <press@next2met.example>\n\nHi.\n");
    CliRun.Result unknown =
        run(LATER, List.of("send", "templates/plain.md", "--dry-run", "--follow-up", "lanch"));
    assertEquals(2, unknown.exitCode(), unknown::toString);
    assertContains(unknown.err(), "no campaign 'lanch' in ");
    assertContains(unknown.err(), "did you mean 'launch'?");
  }

  @Test
  void aCampaignWithNoSendsCannotBeFollowedUp() {
    // written to the outbox only: nobody received it
    TestFiles.write(
        dir,
        "templates/draft.md",
        "Subject: Draft\nFrom: Next2Met Press Office <press@next2met.example>\n\nHi.\n");
    assertEquals(0, run(LATER, List.of("send", "templates/draft.md")).exitCode());
    TestFiles.write(
        dir,
        "templates/after-draft.md",
        "From: Next2Met Press Office <press@next2met.example>\nFollow-Up: draft\n\nHi.\n");
    CliRun.Result f = run(LATER, List.of("send", "templates/after-draft.md", "--dry-run"));
    assertEquals(2, f.exitCode(), f::toString);
    assertContains(f.err(), "campaign draft has no sent message in ");
  }

  @Test
  void proofsOfAFollowUpShowItsSubjectButDoNotThread() throws Exception {
    CliRun.Result r =
        run(
            LATER,
            smtp(
                "send",
                "templates/nudge.md",
                "--proof-to",
                "reviewer@next2met.example",
                "--only",
                SILENT_1));
    assertEquals(0, r.exitCode(), r::toString);
    List<MimeMessage> got = fresh();
    assertEquals(1, got.size());
    assertEquals("[PROOF] Re: Podlaskie goes digital", got.get(0).getSubject());
    assertNull(got.get(0).getHeader("In-Reply-To"));
    assertNull(got.get(0).getHeader("References"));
    assertFalse(Files.exists(dir.resolve("logs/follow-ups.csv")), "a proof records nothing");
  }

  @Test
  void aTemplateCannotSetThreadingHeadersItself() {
    TestFiles.write(
        dir,
        "templates/forged.md",
        "Subject: Hi\nFrom: Next2Met Press Office <press@next2met.example>\n"
            + "In-Reply-To: <x@y.example>\n\nHi.\n");
    CliRun.Result r = run(LATER, List.of("check", "templates/forged.md"));
    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.all(), "In-Reply-To");
  }

  private static String squeezed(String out) {
    return out.replaceAll(" +", " ");
  }

  private Map<String, MimeMessage> received() throws Exception {
    Map<String, MimeMessage> got = new TreeMap<>();
    for (MimeMessage m : fresh()) {
      got.put(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress(), m);
    }
    return got;
  }

  private CliRun.Result run(Instant at, List<String> args) {
    return CliRun.in(dir)
        .env(PressMailbox.env())
        .clock(Clock.fixed(at, ZoneOffset.UTC))
        .run(args.toArray(String[]::new));
  }

  private List<String> smtp(String... first) {
    List<String> a = new ArrayList<>(List.of(first));
    a.addAll(
        List.of(
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            String.valueOf(mail.getSmtp().getPort()),
            "--smtp-security",
            "none"));
    return a;
  }

  private List<String> fetch() {
    List<String> a = new ArrayList<>(List.of("interviews", "fetch"));
    a.addAll(PressMailbox.fetchOptions(mail));
    return a;
  }

  private String reply(String from, String text, String extraHeaders) {
    String id = originalIds.get(from);
    return reply(from, text, extraHeaders, id, id);
  }

  private static int replies;

  private String reply(
      String from, String text, String extraHeaders, String inReplyTo, String references) {
    replies++;
    return ("From: <%s>\nTo: Next2Met Press Office <press@next2met.example>\n"
            + "Subject: Re: Podlaskie goes digital\nDate: Tue, 24 Nov 2026 10:00:00 +0100\n"
            + "Message-ID: <reply.%d@elsewhere.example>\nIn-Reply-To: %s\nReferences: %s\n%s"
            + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n%s\n")
        .formatted(from, replies, inReplyTo, references, extraHeaders, text);
  }

  private String bounce(String to) {
    return """
        From: MAILER-DAEMON@mail.next2met.example (Mail Delivery System)
        To: press@next2met.example
        Subject: Undelivered Mail Returned to Sender
        Date: Tue, 24 Nov 2026 09:15:00 +0100
        Message-ID: <dsn.1@mail.next2met.example>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"

        --dsn
        Content-Type: text/plain; charset=us-ascii

        Your message could not be delivered.

        --dsn
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.next2met.example

        Final-Recipient: rfc822; %1$s
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 User unknown

        --dsn
        Content-Type: text/rfc822-headers

        From: Next2Met Press Office <press@next2met.example>
        To: %1$s
        Message-ID: %2$s
        Subject: Podlaskie goes digital

        --dsn--
        """
        .formatted(to, originalIds.get(to));
  }
}
