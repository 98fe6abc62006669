package dev.herald.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplySorterTest {

  private final ReplySorter sorter = new ReplySorter(ReplySorter.ReadLimits.DEFAULT);

  private SortedReply sort(String raw) {
    return sorter.sort(RawMail.parse(raw));
  }

  // ----- quoted original -----

  @Test
  void unsubscribeUnderAQuotedInterviewInvitationIsAnUnsubscribe() {
    SortedReply reply =
        sort(
            RawMail.reply(
                "Re: Fostering digitalisation in the Podlaskie Region",
                """
                Please take me off this list, I no longer cover regional policy.

                Jan

                On Tue, 21 Dec 2021 at 10:00, Next2Met Press Office <press@next2met.example> wrote:
                > Fostering digitalisation in the Podlaskie Region
                >
                > For further information or to request an interview, please contact:
                > press@next2met.example
                """));

    assertEquals(ReplyKind.UNSUBSCRIBE, reply.kind());
    assertEquals(
        "Please take me off this list, I no longer cover regional policy.\n\nJan",
        reply.ownWords());
  }

  @Test
  void thanksAboveAQuotedInterviewInvitationIsOther() {
    SortedReply reply =
        sort(
            RawMail.reply(
                "Re: Fostering digitalisation in the Podlaskie Region",
                """
                Thanks, received.

                -----Original Message-----
                From: Next2Met Press Office <press@next2met.example>
                Sent: Tuesday, December 21, 2021 10:00 AM
                Subject: Fostering digitalisation in the Podlaskie Region

                For further information or to request an interview, please contact:
                press@next2met.example
                """));

    assertEquals(ReplyKind.OTHER, reply.kind());
    assertEquals("Thanks, received.", reply.ownWords());
  }

  @Test
  void bottomPostedReplyKeepsTheWordsBelowTheQuote() {
    SortedReply reply =
        sort(
            RawMail.reply(
                "Re: Fostering digitalisation in the Podlaskie Region",
                """
                On Tue, 21 Dec 2021 at 10:00, Next2Met Press Office <press@next2met.example> wrote:
                > For further information or to request an interview, please contact:
                > press@next2met.example

                Could I speak with the coordinator on Thursday?

                --\s
                Marek Wiśniewski
                Gazeta Współczesna, ul. Suraska 1, Białystok
                Interviews and features desk
                """));

    assertEquals(ReplyKind.INTERVIEW_REQUEST, reply.kind());
    assertEquals("Could I speak with the coordinator on Thursday?", reply.ownWords());
  }

  @Test
  void signatureIsNotOwnWords() {
    SortedReply reply =
        sort(
            RawMail.reply(
                "Re: Fostering digitalisation in the Podlaskie Region",
                "Thank you!\n--\nKatarzyna Zielińska\nFeatures editor | interview desk\n"));

    assertEquals(ReplyKind.OTHER, reply.kind());
    assertEquals("Thank you!", reply.ownWords());
  }

  @Test
  void htmlReplyIsReadAsTextWithoutItsBlockquote() {
    String raw =
        """
        From: Sophie Martin <sophie.martin@ouest-matin.example>
        To: press@next2met.example
        Subject: RE: Fostering digitalisation in the Podlaskie Region
        Message-ID: <html.1@ouest-matin.example>
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary="alt"

        --alt
        Content-Type: text/plain; charset=UTF-8

        \s
        --alt
        Content-Type: text/html; charset=UTF-8
        Content-Transfer-Encoding: quoted-printable

        <html><head><style>p {margin:0}</style></head><body><p>Bonjour,</p><p>Serait-il possi=
        ble d&#39;organiser un entretien avec la responsable&nbsp;?</p>
        <div class=3D"gmail_quote"><div class=3D"gmail_attr">Le mar. 21 d=C3=A9c. 2021 =C3=A0=
         10:00, Press Office &lt;press@next2met.example&gt; a =C3=A9crit=C2=A0:<br></div>
        <blockquote class=3D"gmail_quote">For further information or to request an interview=
        , please contact: press@next2met.example. To unsubscribe, reply.</blockquote></div>
        </body></html>
        --alt--
        """;

    SortedReply reply = sort(raw);

    assertEquals(ReplyKind.INTERVIEW_REQUEST, reply.kind());
    assertEquals(
        "Bonjour,\n\nSerait-il possible d'organiser un entretien avec la responsable ?",
        reply.ownWords());
  }

  // ----- interview link -----

  @Test
  void polishReplyThroughTheInterviewLinkCarriesItsRefToken() {
    SortedReply reply =
        sort(
            RawMail.reply(
                "Interview request: podlaskie-digitalisation [ref:k3q7x2m9ab]",
                "Dzień dobry, chętnie przeprowadzę wywiad z koordynatorem projektu Next2Met."
                    + "\nPozdrawiam,\nAnna Nowak"));

    assertEquals(ReplyKind.INTERVIEW_REQUEST, reply.kind());
    assertEquals(List.of("k3q7x2m9ab"), reply.refTokens());
    assertEquals("anna.nowak@kurier-podlaski.example", reply.from());
    assertEquals("Interview request: podlaskie-digitalisation [ref:k3q7x2m9ab]", reply.subject());
    assertEquals("<CAF=reply.1@mail.kurier-podlaski.example>", reply.messageId());
  }

  @Test
  void interviewLinkWithNothingWrittenIsARequest() {
    SortedReply reply =
        sort(RawMail.reply("Interview request: podlaskie-digitalisation [REF:K3Q7X2M9AB]", ""));

    assertEquals(ReplyKind.INTERVIEW_REQUEST, reply.kind());
    assertEquals(List.of("k3q7x2m9ab"), reply.refTokens());
    assertEquals("", reply.ownWords());
  }

  @Test
  void interviewLinkWhoseSenderDeclinesIsOther() {
    SortedReply reply =
        sort(
            RawMail.reply(
                "Interview request: podlaskie-digitalisation [ref:k3q7x2m9ab]",
                "Sorry, clicked by mistake. No interview needed."));

    assertEquals(ReplyKind.OTHER, reply.kind());
    assertEquals(List.of("k3q7x2m9ab"), reply.refTokens());
  }

  @Test
  void refTokenAloneDoesNotMakeARequest() {
    SortedReply reply = sort(RawMail.reply("Re: Podlaskie [ref:k3q7x2m9ab]", "Thanks, got it."));

    assertEquals(ReplyKind.OTHER, reply.kind());
    assertEquals(List.of("k3q7x2m9ab"), reply.refTokens());
  }

  @Test
  void campaignNameInTheLinkSubjectIsNotTheSendersWording() {
    SortedReply reply =
        sort(RawMail.reply("Interview request: absence-survey [ref:k3q7x2m9ab]", ""));

    assertEquals(ReplyKind.INTERVIEW_REQUEST, reply.kind());
  }

  @Test
  void malformedRefTokensAreIgnored() {
    SortedReply reply =
        sort(
            RawMail.reply(
                "Interview request: x [ref:k3q7x2m9a] [ref:k3q7x2m9ab1] [ref:k3q7-2m9ab]", ""));

    assertEquals(List.of(), reply.refTokens());
    assertEquals(ReplyKind.OTHER, reply.kind());
  }

  // ----- threading headers -----

  @Test
  void inReplyToAndReferencesAreReadInOrderAcrossFoldedLines() {
    String raw =
        """
        From: "Nowak, Anna" <anna.nowak@kurier-podlaski.example>
        To: press@next2met.example
        Subject: Re: Fostering digitalisation
        Message-ID:
         <reply.2@kurier-podlaski.example>
        In-Reply-To: <herald.podlaskie-digitalisation.abc123@next2met.example>
         (Next2Met Press Office's message of Tue, 21 Dec 2021)
        References: <herald.podlaskie-digitalisation.abc123@next2met.example>
        \t<follow-up.7@next2met.example>
          <x.9@kurier-podlaski.example> <herald.podlaskie-digitalisation.abc123@next2met.example>
        References: <second-header@kurier-podlaski.example>
        Content-Type: text/plain

        Thanks.
        """;

    SortedReply reply = sort(raw);

    assertEquals("<reply.2@kurier-podlaski.example>", reply.messageId());
    assertEquals(
        List.of(
            "<herald.podlaskie-digitalisation.abc123@next2met.example>",
            "<follow-up.7@next2met.example>",
            "<x.9@kurier-podlaski.example>",
            "<second-header@kurier-podlaski.example>"),
        reply.referencedIds());
    assertEquals("anna.nowak@kurier-podlaski.example", reply.from());
  }

  @Test
  void missingHeadersAreEmpty() {
    SortedReply reply = sort("\nJust a body.\n");

    assertEquals("", reply.messageId());
    assertEquals("", reply.from());
    assertEquals("", reply.subject());
    assertEquals(List.of(), reply.referencedIds());
    assertEquals(List.of(), reply.refTokens());
    assertEquals("", reply.bouncedRecipient());
    assertEquals("Just a body.", reply.ownWords());
    assertEquals(ReplyKind.OTHER, reply.kind());
  }

  @Test
  void encodedSubjectIsDecoded() {
    SortedReply reply =
        sort(
            RawMail.reply(
                "Odp: Wspieranie cyfryzacji w województwie podlaskim", "Dziękuję, otrzymałam."));

    assertEquals("Odp: Wspieranie cyfryzacji w województwie podlaskim", reply.subject());
  }

  @Test
  void rawUtf8SubjectIsReadAsUtf8() {
    String raw =
        RawMail.reply("placeholder", "")
            .replace("Subject: placeholder", "Subject: Réponse automatique : absent");

    SortedReply reply = sort(raw);

    assertEquals("Réponse automatique : absent", reply.subject());
    assertEquals(ReplyKind.AUTO_REPLY, reply.kind());
  }

  // ----- auto-replies -----

  @Test
  void frenchOutOfOfficeWithAutoSubmittedIsAnAutoReply() {
    String raw =
        """
        From: Claire Dubois <c.dubois@le-quotidien.example>
        To: press@next2met.example
        Subject: =?UTF-8?Q?R=C3=A9ponse_automatique=C2=A0:_Fostering_digitalisation?=
        Auto-Submitted: auto-replied
        X-Auto-Response-Suppress: All
        In-Reply-To: <herald.podlaskie-digitalisation.abc123@next2met.example>
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Bonjour,

        Je suis en cong=E9s jusqu'au 3 janvier. Pour toute demande d'interview,
        merci de contacter la r=E9daction.
        """;

    SortedReply reply = sort(raw);

    assertEquals(ReplyKind.AUTO_REPLY, reply.kind());
    assertEquals(
        List.of("<herald.podlaskie-digitalisation.abc123@next2met.example>"),
        reply.referencedIds());
    assertTrue(reply.ownWords().contains("Je suis en congés"), reply.ownWords());
  }

  @Test
  void germanAbwesenheitsnotizIsAnAutoReplyByItsSubjectAlone() {
    SortedReply reply =
        sort(
            RawMail.reply(
                "Abwesenheitsnotiz: Fostering digitalisation in the Podlaskie Region",
                "Vielen Dank für Ihre Nachricht. Ab dem 10. Januar bin ich wieder erreichbar."
                    + " Für Interviewanfragen wenden Sie sich bitte an die Redaktion."));

    assertEquals(ReplyKind.AUTO_REPLY, reply.kind());
  }

  @Test
  void autoReplyHeadersWinOverWording() {
    for (String header :
        List.of(
            "Auto-Submitted: auto-generated",
            "X-Autoreply: yes",
            "X-Autorespond: Vacation",
            "Precedence: auto_reply")) {
      SortedReply reply =
          sort(
              RawMail.reply("Re: Podlaskie", "Please unsubscribe me.")
                  .replace("MIME-Version: 1.0\n", header + "\nMIME-Version: 1.0\n"));
      assertEquals(ReplyKind.AUTO_REPLY, reply.kind(), header);
    }
  }

  @Test
  void autoSubmittedNoIsAPerson() {
    SortedReply reply =
        sort(
            RawMail.reply("Re: Podlaskie", "I'd like to interview the coordinator.")
                .replace("MIME-Version: 1.0\n", "Auto-Submitted: no\nMIME-Version: 1.0\n"));

    assertEquals(ReplyKind.INTERVIEW_REQUEST, reply.kind());
  }

  @Test
  void readReceiptIsAnAutoReply() {
    String raw =
        """
        From: anna.nowak@kurier-podlaski.example
        To: press@next2met.example
        Subject: Read: Interview request: podlaskie-digitalisation [ref:k3q7x2m9ab]
        Content-Type: multipart/report; report-type=disposition-notification; boundary="r"

        --r
        Content-Type: text/plain

        Your message was read on 21 Dec 2021.
        --r
        Content-Type: message/disposition-notification

        Final-Recipient: rfc822; anna.nowak@kurier-podlaski.example
        Disposition: manual-action/MDN-sent-manually; displayed
        --r--
        """;

    assertEquals(ReplyKind.AUTO_REPLY, sort(raw).kind());
  }

  // ----- unsubscribe -----

  @Test
  void listUnsubscribeMailtoSubjectIsAnUnsubscribe() {
    SortedReply reply = sort(RawMail.reply("unsubscribe", ""));

    assertEquals(ReplyKind.UNSUBSCRIBE, reply.kind());
  }

  // ----- bounces -----

  private static final String POSTFIX_DSN =
      """
      Return-Path: <>
      Received: by mail.next2met.example (Postfix)
      \tid 4JHk2x0Z3Bz1xyz; Tue, 21 Dec 2021 10:02:13 +0100 (CET)
      Date: Tue, 21 Dec 2021 10:02:13 +0100 (CET)
      From: MAILER-DAEMON@mail.next2met.example (Mail Delivery System)
      Subject: Undelivered Mail Returned to Sender
      To: press@next2met.example
      Auto-Submitted: auto-replied
      MIME-Version: 1.0
      Content-Type: multipart/report; report-type=delivery-status;
      \tboundary="4JHk2x0Z3Bz1xyz.1640077333/mail.next2met.example"
      Content-Transfer-Encoding: 8bit
      Message-Id: <20211221090213.4JHk2x0Z3Bz1xyz@mail.next2met.example>

      This is a MIME-encapsulated message.

      --4JHk2x0Z3Bz1xyz.1640077333/mail.next2met.example
      Content-Description: Notification
      Content-Type: text/plain; charset=us-ascii

      This is the mail system at host mail.next2met.example.

      I'm sorry to have to inform you that your message could not
      be delivered to one or more recipients. It's attached below.

      For further assistance, please send mail to postmaster.

      If you do so, please include this problem report. You can
      delete your own text from the attached returned message.

                         The mail system

      <anna.nowak@kurier-podlaski.example>: host
          mx.kurier-podlaski.example[192.0.2.25] said: 550 5.1.1
          <anna.nowak@kurier-podlaski.example>: Recipient address rejected: User
          unknown in virtual mailbox table (in reply to RCPT TO command)

      --4JHk2x0Z3Bz1xyz.1640077333/mail.next2met.example
      Content-Description: Delivery report
      Content-Type: message/delivery-status

      Reporting-MTA: dns; mail.next2met.example
      X-Postfix-Queue-ID: 4JHk2x0Z3Bz1xyz
      X-Postfix-Sender: rfc822; press@next2met.example
      Arrival-Date: Tue, 21 Dec 2021 10:02:11 +0100 (CET)

      Final-Recipient: rfc822; Anna.Nowak@kurier-podlaski.example
      %s
      Action: %s
      Status: 5.1.1
      Remote-MTA: dns; mx.kurier-podlaski.example
      Diagnostic-Code: smtp; 550 5.1.1 <anna.nowak@kurier-podlaski.example>:
          Recipient address rejected: User unknown in virtual mailbox table

      --4JHk2x0Z3Bz1xyz.1640077333/mail.next2met.example
      Content-Description: Undelivered Message Headers
      Content-Type: text/rfc822-headers
      Content-Transfer-Encoding: 8bit

      Return-Path: <press@next2met.example>
      Received: from herald (unknown [192.0.2.10])
      \tby mail.next2met.example (Postfix) with ESMTPSA id 4JHk2x0Z3Bz1xyz
      \tfor <anna.nowak@kurier-podlaski.example>; Tue, 21 Dec 2021 10:02:11 +0100 (CET)
      Date: Tue, 21 Dec 2021 10:00:00 +0100
      From: Next2Met Press Office <press@next2met.example>
      To: Anna Nowak <anna.nowak@kurier-podlaski.example>
      Message-ID: <herald.podlaskie-digitalisation.abc123@next2met.example>
      Subject: Fostering digitalisation in the Podlaskie Region: interview
       opportunities with the Marshal's Office
      MIME-Version: 1.0
      Content-Type: multipart/alternative; boundary="herald-alt"

      --4JHk2x0Z3Bz1xyz.1640077333/mail.next2met.example--
      """;

  private static final String NO_ORIGINAL =
      "Last-Attempt-Date: Tue, 21 Dec 2021 10:02:13 +0100 (CET)";

  private static final String SAME_ORIGINAL =
      "Original-Recipient: rfc822;anna.nowak@kurier-podlaski.example";

  @Test
  void postfixDeliveryStatusNotificationIsABounce() {
    SortedReply reply = sort(POSTFIX_DSN.formatted(NO_ORIGINAL, "failed"));

    assertEquals(ReplyKind.BOUNCE, reply.kind());
    assertEquals("anna.nowak@kurier-podlaski.example", reply.bouncedRecipient());
    assertEquals(
        List.of("<herald.podlaskie-digitalisation.abc123@next2met.example>"),
        reply.referencedIds());
    assertEquals("mailer-daemon@mail.next2met.example", reply.from());
    assertEquals("<20211221090213.4JHk2x0Z3Bz1xyz@mail.next2met.example>", reply.messageId());
    assertTrue(reply.ownWords().startsWith("This is the mail system"), reply.ownWords());
  }

  @Test
  void originalRecipientIsTheAddressHeraldSentTo() {
    SortedReply reply =
        sort(
            POSTFIX_DSN.formatted(
                "Original-Recipient: rfc822;redakcja@kurier-podlaski.example", "failed"));

    assertEquals(ReplyKind.BOUNCE, reply.kind());
    assertEquals("redakcja@kurier-podlaski.example", reply.bouncedRecipient());
  }

  @Test
  void delayedDeliveryReportIsNotABounce() {
    SortedReply reply = sort(POSTFIX_DSN.formatted(SAME_ORIGINAL, "delayed"));

    assertEquals(ReplyKind.OTHER, reply.kind());
    assertEquals("", reply.bouncedRecipient());
    assertEquals(
        List.of("<herald.podlaskie-digitalisation.abc123@next2met.example>"),
        reply.referencedIds());
  }

  @Test
  void bounceWithRefTokenInTheReturnedSubjectCarriesIt() {
    String raw =
        POSTFIX_DSN
            .formatted(SAME_ORIGINAL, "failed")
            .replace(
                "Subject: Fostering digitalisation in the Podlaskie Region: interview\n",
                "Subject: Interview request: podlaskie-digitalisation [ref:k3q7x2m9ab]\n");

    SortedReply reply = sort(raw);

    assertEquals(ReplyKind.BOUNCE, reply.kind());
    assertEquals(List.of("k3q7x2m9ab"), reply.refTokens());
  }

  @Test
  void eximMailDeliveryFailedIsABounceWithTheRecipientFromItsText() {
    String raw =
        """
        Return-path: <>
        From: Mail Delivery System <Mailer-Daemon@mx.next2met.example>
        To: press@next2met.example
        Subject: Mail delivery failed: returning message to sender
        Message-Id: <E1mzb7V-0004Qk-9T@mx.next2met.example>
        Date: Tue, 21 Dec 2021 10:02:13 +0100

        This message was created automatically by mail delivery software.

        A message that you sent could not be delivered to one or more of its
        recipients. This is a permanent error. The following address(es) failed:

          j.schmidt@tagesblatt.example
            host mx.tagesblatt.example [198.51.100.7]
            550 5.1.1 No such user

        ------ This is a copy of the message, including all the headers. ------

        Return-path: <press@next2met.example>
        From: Next2Met Press Office <press@next2met.example>
        To: Jonas Schmidt <j.schmidt@tagesblatt.example>
        Subject: Fostering digitalisation in the Podlaskie Region
        Message-ID: <herald.podlaskie-digitalisation.def456@next2met.example>

        For further information or to request an interview, please contact:
        press@next2met.example
        """;

    SortedReply reply = sort(raw);

    assertEquals(ReplyKind.BOUNCE, reply.kind());
    assertEquals("j.schmidt@tagesblatt.example", reply.bouncedRecipient());
    assertEquals(
        List.of("<herald.podlaskie-digitalisation.def456@next2met.example>"),
        reply.referencedIds());
  }

  @Test
  void nonDeliverySubjectsAreBouncesWhoeverSendsThem() {
    for (String subject :
        List.of(
            "Delivery Status Notification (Failure)",
            "Returned mail: see transcript for details",
            "Unzustellbar: Fostering digitalisation",
            "Non remis : Fostering digitalisation",
            "Niedostarczona: Fostering digitalisation",
            "Undeliverable: Fostering digitalisation")) {
      String raw =
          """
          From: Mail System <notifications@relay.example>
          To: press@next2met.example
          Subject: %s
          Content-Type: text/plain

          Delivery has failed to these recipients or groups:

          RCPT TO:<m.rossi@corriere-locale.example>
          The email address you entered couldn't be found.

          Original message headers:

          To: m.rossi@corriere-locale.example
          Message-ID: <herald.x.1@next2met.example>
          """
              .formatted(RawMail.encoded(subject));
      SortedReply reply = sort(raw);
      assertEquals(ReplyKind.BOUNCE, reply.kind(), subject);
      assertEquals("m.rossi@corriere-locale.example", reply.bouncedRecipient(), subject);
      assertEquals(List.of("<herald.x.1@next2met.example>"), reply.referencedIds(), subject);
    }
  }

  @Test
  void delayWarningWithoutAReportIsNotABounce() {
    String raw =
        """
        From: MAILER-DAEMON@mail.next2met.example
        To: press@next2met.example
        Subject: Delayed Mail (still being retried)

        <m.rossi@corriere-locale.example>: connect to mx.corriere-locale.example: timed out
        """;

    SortedReply reply = sort(raw);

    assertEquals(ReplyKind.OTHER, reply.kind());
    assertEquals("", reply.bouncedRecipient());
  }

  @Test
  void bounceFallsBackToTheReturnedToAndThenToAnyOtherAddress() {
    String returnedTo =
        """
        From: postmaster@relay.example
        To: press@next2met.example
        Subject: Failure notice

        Sorry, we were unable to deliver your message.

        --- Below this line is a copy of the message.

        From: press@next2met.example
        To: Lucia Garcia <lucia.garcia@diario.example>
        """;
    assertEquals("lucia.garcia@diario.example", sort(returnedTo).bouncedRecipient());

    String anyAddress =
        """
        From: postmaster@relay.example
        To: press@next2met.example
        Subject: Failure notice

        Your mail to press@next2met.example's contact lucia.garcia@diario.example
        could not be delivered. Ask postmaster@relay.example for help.
        """;
    SortedReply reply = sort(anyAddress);
    assertEquals(ReplyKind.BOUNCE, reply.kind());
    assertEquals("lucia.garcia@diario.example", reply.bouncedRecipient());
  }

  @Test
  void bounceReturningTheWholeMessageReadsItsHeaders() {
    String raw =
        """
        From: MAILER-DAEMON@mail.next2met.example
        To: press@next2met.example
        Subject: Undelivered Mail Returned to Sender
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: text/plain

        Delivery failed.
        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.next2met.example

        Final-Recipient: rfc822; <pieter.devries@dagblad.example>
        Status: 5.0.0
        --b
        Content-Type: message/rfc822

        Message-ID: <herald.podlaskie-digitalisation.nl1@next2met.example>
        Subject: Interview request: podlaskie-digitalisation [ref:abcdefgh23]
        To: pieter.devries@dagblad.example

        Wij willen graag een interview.
        --b--
        """;

    SortedReply reply = sort(raw);

    assertEquals(ReplyKind.BOUNCE, reply.kind());
    assertEquals("pieter.devries@dagblad.example", reply.bouncedRecipient());
    assertEquals(
        List.of("<herald.podlaskie-digitalisation.nl1@next2met.example>"), reply.referencedIds());
    assertEquals(List.of("abcdefgh23"), reply.refTokens());
  }

  @Test
  void personalMessageIsNeverABounce() {
    SortedReply reply =
        sort(RawMail.reply("Re: Podlaskie", "My colleague's address bounced, use mine."));

    assertEquals(ReplyKind.OTHER, reply.kind());
    assertEquals("", reply.bouncedRecipient());
  }

  // ----- construction -----

  @Test
  void limitsMustBeUsable() {
    assertThrows(IllegalArgumentException.class, () -> new ReplySorter.ReadLimits(0, 20));
    assertThrows(IllegalArgumentException.class, () -> new ReplySorter.ReadLimits(1024, -1));
    assertEquals(10L * 1024 * 1024, ReplySorter.ReadLimits.DEFAULT.maxBytes());
    assertEquals(20, ReplySorter.ReadLimits.DEFAULT.maxDepth());
  }

  @Test
  void sortedReplyCopiesItsLists() {
    List<String> ids = new java.util.ArrayList<>(List.of("<a@b>"));
    SortedReply reply = new SortedReply(ReplyKind.OTHER, "", "", "", ids, List.of(), "", "");
    ids.clear();

    assertEquals(List.of("<a@b>"), reply.referencedIds());
    assertThrows(UnsupportedOperationException.class, () -> reply.refTokens().add("x"));
    assertFalse(reply.referencedIds().isEmpty());
  }

  @Test
  void aLongThreadIsReadFromItsEndWhereTheNearestParentIs() {
    StringBuilder thread = new StringBuilder();
    for (int i = 0; i < 499; i++) {
      thread.append(" <older.").append(i).append("@kurier-podlaski.example>");
    }
    String raw =
        RawMail.reply("Re: Fostering digitalisation", "Thanks.")
            .replace(
                "In-Reply-To: " + RawMail.RELEASE_ID,
                "In-Reply-To:" + thread + " " + RawMail.RELEASE_ID)
            .replace(
                "References: " + RawMail.RELEASE_ID,
                "References:" + thread + " " + RawMail.RELEASE_ID);

    SortedReply reply = sort(raw);

    assertTrue(reply.referencedIds().contains(RawMail.RELEASE_ID), reply::toString);
    assertTrue(reply.referencedIds().contains("<older.498@kurier-podlaski.example>"));
    assertFalse(reply.referencedIds().contains("<older.0@kurier-podlaski.example>"));
    assertTrue(reply.referencedIds().size() <= 2 * Addresses.MAX_IDS);
  }
}
