package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.herald.FolderKey;
import dev.herald.identity.MessageIds;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.JournalReader;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.PressMailbox;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on a real mail server: send the sample release over SMTP, let every kind of reply
 * arrive in the press mailbox, fetch them over IMAP twice, and report.
 */
class InterviewLoopTest {
  @RegisterExtension final GreenMailExtension mail = PressMailbox.server();

  @TempDir Path dir;

  private static final String CAMPAIGN = Samples.CAMPAIGN;
  private static final String ROSSI = "g.rossi@quotidiano-regioni.example";
  private static final String WROBEL = "l.wrobel@kurier-podlaski.example";
  private static final String DUPONT = "jj.dupont@bruxelles-numerique.example";
  private static final String ODONNELL = "s.odonnell@regional-monitor.example";
  private static final String POPESCU = "i.popescu@europa-regionum.example";

  private final Map<String, String> sentIds = new HashMap<>();

  @BeforeEach
  void sendTheRelease() {
    Samples.copyTo(dir);
    CliRun.Result sent =
        CliRun.in(dir)
            .run(
                "send",
                Samples.TEMPLATE,
                "--smtp-host",
                "127.0.0.1",
                "--smtp-port",
                String.valueOf(mail.getSmtp().getPort()),
                "--smtp-security",
                "none",
                "--yes");
    assertEquals(0, sent.exitCode(), sent::toString);
    assertContains(sent.out(), "15 sent");
    JournalReader.forEach(
        dir.resolve("logs/sends.csv"),
        e -> {
          if (e.outcome() == Outcome.SENT) {
            sentIds.put(e.recipient(), e.messageId());
          }
        });
    assertEquals(15, sentIds.size());
  }

  private void deliverOneReplyOfEachKind() {
    PressMailbox.deliver(mail, englishInterviewRequest());
    PressMailbox.deliver(mail, polishRequestThroughTheLink());
    PressMailbox.deliver(mail, frenchOutOfOffice());
    PressMailbox.deliver(mail, unsubscribeQuotingTheInvitation());
    PressMailbox.deliver(mail, deliveryStatusNotification());
    PressMailbox.deliver(mail, advertAboutInterviewSlots());
  }

  private CliRun.Result fetch() {
    List<String> args = new ArrayList<>(List.of("interviews", "fetch"));
    args.addAll(PressMailbox.fetchOptions(mail));
    return CliRun.in(dir).env(PressMailbox.env()).run(args.toArray(String[]::new));
  }

  @Test
  void fetchSortsEveryKindOfReplyOnceAndTheReportCountsThem() {
    deliverOneReplyOfEachKind();
    String optOutBefore = TestFiles.read(dir.resolve("contacts/optout.csv"));

    CliRun.Result first = fetch();

    assertEquals(0, first.exitCode(), first::toString);
    assertEquals("", first.err());
    String out = first.out();
    assertContains(out, "Read 6 messages in INBOX at 127.0.0.1:");
    assertContains(out, "5 new replies about a campaign, 0 fetched before, 1 not about a campaign");
    assertContains(out, "Interview requests: 2, logged in ");
    assertContains(
        out,
        "  I0001  Giulia Rossi <"
            + ROSSI
            + ">, Il Quotidiano delle Regioni ("
            + CAMPAIGN
            + ", by"
            + " reply)");
    assertContains(
        out,
        "  I0002  Łukasz Wróbel <"
            + WROBEL
            + ">, Kurier Podlaski ("
            + CAMPAIGN
            + ", through the interview link)");
    assertContains(out, "Unsubscribe requests: 1, added to ");
    assertContains(
        out, "  Sinéad O'Donnell <" + ODONNELL + ">, Brussels Regional Monitor (" + CAMPAIGN + ")");
    assertContains(out, "Bounces: 1, marked bounced in ");
    assertContains(
        out,
        "  Ioana Popescu <"
            + POPESCU
            + ">, Europa Regionum, Brussels Edition ("
            + CAMPAIGN
            + "): 5.1.1 smtp; 550 5.1.1 <"
            + POPESCU
            + ">: Recipient address rejected: User unknown in virtual mailbox table");
    assertContains(out, "Auto-replies: 1, counted only");
    assertContains(
        out,
        "  Jean-Jacques \"JJ\" Dupont <" + DUPONT + ">, Bruxelles Numérique (" + CAMPAIGN + ")");
    assertContains(out, "Other replies: 0\n");
    assertContains(out, "Not about a campaign: 1 (left alone)");

    String ref = MessageIds.ref(FolderKey.load(PressMailbox.env(), dir), CAMPAIGN, WROBEL);
    assertEquals(
        "id,logged_at,campaign,email,name,outlet,topic,status,when,source,message_id,note,"
            + "reply_from,forwarded_by\n"
            + "I0001,2026-11-27T10:00:00Z,podlaskie-digitalisation,"
            + ROSSI
            + ",Giulia Rossi,Il Quotidiano delle Regioni,"
            + "Re: Fostering digitalisation in the Podlaskie Region,requested,,reply,"
            + "<reply.rossi.1@quotidiano-regioni.example>,,"
            + ROSSI
            + ",\n"
            + "I0002,2026-11-27T10:00:00Z,podlaskie-digitalisation,"
            + WROBEL
            + ",Łukasz Wróbel,Kurier Podlaski,"
            + "Interview request: podlaskie-digitalisation [ref:"
            + ref
            + "],requested,,link,<link.wrobel.1@kurier-podlaski.example>,,"
            + WROBEL
            + ",\n",
        TestFiles.read(dir.resolve("logs/interviews.csv")));

    assertEquals(
        optOutBefore
            + ODONNELL
            + ",unsubscribe request by reply,2026-11-27\n"
            + POPESCU
            + ",bounced: 5.1.1 smtp; 550 5.1.1 <"
            + POPESCU
            + ">: Recipient address rejected: User unknown in virtual mailbox table,2026-11-27\n",
        TestFiles.read(dir.resolve("contacts/optout.csv")));

    List<JournalEntry> bounced = new ArrayList<>();
    JournalReader.forEach(
        dir.resolve("logs/sends.csv"),
        e -> {
          if (e.outcome() == Outcome.BOUNCED) {
            bounced.add(e);
          }
        });
    assertEquals(1, bounced.size(), bounced::toString);
    assertEquals(CAMPAIGN, bounced.get(0).campaign());
    assertEquals(POPESCU, bounced.get(0).recipient());
    assertEquals(sentIds.get(POPESCU), bounced.get(0).messageId());
    assertTrue(bounced.get(0).reply().startsWith("5.1.1 smtp; 550 5.1.1"), bounced::toString);

    List<String> replies = replyRowsWithoutTime();
    assertEquals(
        List.of(
            CAMPAIGN
                + ","
                + ROSSI
                + ",interview_request,<reply.rossi.1@quotidiano-regioni.example>,"
                + "Re: Fostering digitalisation in the Podlaskie Region",
            CAMPAIGN
                + ","
                + WROBEL
                + ",interview_request,<link.wrobel.1@kurier-podlaski.example>,"
                + "Interview request: podlaskie-digitalisation [ref:"
                + ref
                + "]",
            CAMPAIGN
                + ","
                + DUPONT
                + ",auto_reply,<ooo.dupont.1@bruxelles-numerique.example>,"
                + "Réponse automatique : Fostering digitalisation in the Podlaskie Region",
            CAMPAIGN
                + ","
                + ODONNELL
                + ",unsubscribe,<unsub.odonnell.1@regional-monitor.example>,"
                + "Re: Fostering digitalisation in the Podlaskie Region",
            CAMPAIGN
                + ","
                + POPESCU
                + ",bounce,<dsn.popescu.1@mail.next2met.example>,"
                + "Undelivered Mail Returned to Sender"),
        replies);

    // The second run finds everything fetched before and changes nothing.
    Map<String, String> files = snapshot();
    CliRun.Result second = fetch();

    assertEquals(0, second.exitCode(), second::toString);
    assertContains(
        second.out(),
        "Read 6 messages in INBOX at 127.0.0.1:"
            + mail.getImap().getPort()
            + " (press): nothing new. 5 fetched before, 1 not about a campaign.");
    assertEquals(files, snapshot());

    CliRun.Result report = CliRun.in(dir).run("report", CAMPAIGN, "--format", "json");

    assertEquals(0, report.exitCode(), report::toString);
    assertContains(
        squash(report.out()),
        squash(
            """
            {
              "campaigns": [
                {
                  "campaign": "podlaskie-digitalisation",
                  "contacts_targeted": 15,
                  "sent": 15,
                  "failed": 0,
                  "deferred": 0,
                  "unknown": 0,
                  "bounced": 1,
                  "replies": 3,
                  "auto_replies": 1,
                  "unsubscribes": 1,
                  "needs_a_look": 0,
                  "interview_requests": {
                    "total": 2,
                    "requested": 2,
                    "scheduled": 0,
                    "done": 0,
                    "declined": 0
                  },
                  "outlets": [
                    {
                      "outlet": "Il Quotidiano delle Regioni",
                      "sent": 1,
                      "replies": 1,
                      "interview_requests": 1
                    },
                    {
                      "outlet": "Kurier Podlaski",
                      "sent": 1,
                      "replies": 1,
                      "interview_requests": 1
                    },
                    {
                      "outlet": "Brussels Regional Monitor",
                      "sent": 1,
                      "replies": 1,
                      "interview_requests": 0
                    },
                    {
                      "outlet": "Brugse Techbode",
                      "sent": 1,
                      "replies": 0,
                      "interview_requests": 0
                    },
            """));
  }

  /** JSON with every run of white space made one space, so that indentation does not matter. */
  private static String squash(String json) {
    return json.replaceAll("\\s+", " ").strip();
  }

  @Test
  void fetchLeavesEveryMessageOnTheServerAsItWas() {
    deliverOneReplyOfEachKind();
    List<String> before = PressMailbox.flags(mail);
    assertTrue(before.stream().allMatch(f -> f.endsWith(" unseen")), before::toString);

    assertEquals(0, fetch().exitCode());
    assertEquals(0, fetch().exitCode());

    assertEquals(6, PressMailbox.inbox(mail).size());
    assertEquals(before, PressMailbox.flags(mail));
  }

  @Test
  void anAdvertAboutInterviewSlotsIsNotAboutACampaign() {
    PressMailbox.deliver(mail, advertAboutInterviewSlots());

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "nothing new. 0 fetched before, 1 not about a campaign.");
    assertFalse(dir.resolve("logs/interviews.csv").toFile().exists());
    assertFalse(dir.resolve("logs/replies.csv").toFile().exists());
  }

  private List<String> replyRowsWithoutTime() {
    List<String> lines = TestFiles.read(dir.resolve("logs/replies.csv")).lines().toList();
    assertEquals("received,campaign,email,kind,message_id,subject,review,from", lines.get(0));
    // every reply here came from its recipient (the last column) and was acted on: its review
    // column is empty
    List<String> rows =
        lines.subList(1, lines.size()).stream()
            .map(l -> l.substring(0, l.lastIndexOf(',')))
            .toList();
    rows.forEach(l -> assertTrue(l.endsWith(","), l));
    return rows.stream().map(l -> l.substring(l.indexOf(',') + 1, l.length() - 1)).toList();
  }

  private Map<String, String> snapshot() {
    Map<String, String> files = new HashMap<>();
    for (String f :
        List.of(
            "logs/sends.csv", "logs/interviews.csv", "logs/replies.csv", "contacts/optout.csv")) {
      files.put(f, TestFiles.read(dir.resolve(f)));
    }
    return files;
  }

  // ----- the replies -----

  private String englishInterviewRequest() {
    return """
        From: Giulia Rossi <g.rossi@quotidiano-regioni.example>
        To: Next2Met Press Office <press@next2met.example>
        Subject: Re: Fostering digitalisation in the Podlaskie Region
        Date: Mon, 30 Nov 2026 09:12:00 +0100
        Message-ID: <reply.rossi.1@quotidiano-regioni.example>
        In-Reply-To: %1$s
        References: %1$s
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8
        Content-Transfer-Encoding: 8bit

        Dear Marta,

        Thank you for the release. I would like to request an interview with someone from the
        Marshal's Office about e-Health Podlaskie for our health pages. Could we speak next week?

        Best regards,
        Giulia Rossi
        Il Quotidiano delle Regioni

        On 27/11/2026 11:00, Next2Met Press Office wrote:
        > Fostering digitalisation in the Podlaskie Region
        """
        .formatted(sentIds.get(ROSSI));
  }

  private String polishRequestThroughTheLink() {
    return """
        From: %s <l.wrobel@kurier-podlaski.example>
        To: press@next2met.example
        Subject: Interview request: podlaskie-digitalisation [ref:%s]
        Date: Mon, 30 Nov 2026 10:05:00 +0100
        Message-ID: <link.wrobel.1@kurier-podlaski.example>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8
        Content-Transfer-Encoding: 8bit

        Dzień dobry, chętnie porozmawiam — czy możliwy jest wywiad w przyszłym tygodniu?

        Łukasz Wróbel
        Kurier Podlaski
        """
        .formatted(
            encoded("Łukasz Wróbel"),
            MessageIds.ref(FolderKey.load(PressMailbox.env(), dir), CAMPAIGN, WROBEL));
  }

  private String frenchOutOfOffice() {
    return """
        From: Jean-Jacques Dupont <jj.dupont@bruxelles-numerique.example>
        To: press@next2met.example
        Subject: %s
        Date: Fri, 27 Nov 2026 11:00:05 +0100
        Message-ID: <ooo.dupont.1@bruxelles-numerique.example>
        In-Reply-To: %s
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8
        Content-Transfer-Encoding: 8bit

        Bonjour,

        Je suis absent du bureau jusqu'au 4 janvier, sans accès à mes courriels. Pour toute
        urgence, merci de contacter la rédaction.

        Cordialement,
        Jean-Jacques Dupont
        """
        .formatted(
            encoded("Réponse automatique : Fostering digitalisation in the Podlaskie Region"),
            sentIds.get(DUPONT));
  }

  private String unsubscribeQuotingTheInvitation() {
    return """
        From: =?UTF-8?Q?Sin=C3=A9ad_O'Donnell?= <s.odonnell@regional-monitor.example>
        To: press@next2met.example
        Subject: Re: Fostering digitalisation in the Podlaskie Region
        Date: Mon, 30 Nov 2026 08:00:00 +0000
        Message-ID: <unsub.odonnell.1@regional-monitor.example>
        In-Reply-To: %1$s
        References: %1$s
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8
        Content-Transfer-Encoding: 8bit

        Please remove me from your mailing list, I no longer cover cohesion policy.

        Sinéad

        On Fri, 27 Nov 2026 at 11:00, Next2Met Press Office <press@next2met.example> wrote:
        > For further information or to request an interview, please contact:
        > press@next2met.example
        """
        .formatted(sentIds.get(ODONNELL));
  }

  private String deliveryStatusNotification() {
    return """
        Return-Path: <>
        From: MAILER-DAEMON@mail.next2met.example (Mail Delivery System)
        To: press@next2met.example
        Subject: Undelivered Mail Returned to Sender
        Date: Fri, 27 Nov 2026 11:00:02 +0100
        Message-ID: <dsn.popescu.1@mail.next2met.example>
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-boundary"

        This is a MIME-encapsulated message.

        --dsn-boundary
        Content-Description: Notification
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mail.next2met.example.

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients.

        <i.popescu@europa-regionum.example>: host mx.europa-regionum.example said:
            550 5.1.1 <i.popescu@europa-regionum.example>: Recipient address rejected:
            User unknown in virtual mailbox table

        --dsn-boundary
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.next2met.example
        Arrival-Date: Fri, 27 Nov 2026 11:00:00 +0100

        Final-Recipient: rfc822; i.popescu@europa-regionum.example
        Original-Recipient: rfc822;i.popescu@europa-regionum.example
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; mx.europa-regionum.example
        Diagnostic-Code: smtp; 550 5.1.1 <i.popescu@europa-regionum.example>:
            Recipient address rejected: User unknown in virtual mailbox table

        --dsn-boundary
        Content-Description: Undelivered Message Headers
        Content-Type: text/rfc822-headers

        Date: Fri, 27 Nov 2026 11:00:00 +0100
        From: Next2Met Press Office <press@next2met.example>
        To: Ioana Popescu <i.popescu@europa-regionum.example>
        Message-ID: %s
        Subject: Fostering digitalisation in the Podlaskie Region
        MIME-Version: 1.0

        --dsn-boundary--
        """
        .formatted(sentIds.get(POPESCU));
  }

  private static String advertAboutInterviewSlots() {
    return """
        From: Media Slots <offers@pressbooking.example>
        To: press@next2met.example
        Subject: Book your interview slots for 2027 now
        Date: Sat, 28 Nov 2026 07:30:00 +0000
        Message-ID: <advert.2027@pressbooking.example>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8

        Interview slots available! Request an interview with our experts today and get 20% off
        your first booking.
        """;
  }

  private static String encoded(String value) {
    try {
      return MimeUtility.encodeText(value, "UTF-8", "Q");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
