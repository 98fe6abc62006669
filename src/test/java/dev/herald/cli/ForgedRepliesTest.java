package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.herald.FolderKey;
import dev.herald.InputLimits;
import dev.herald.contacts.OptOutList;
import dev.herald.identity.MessageIds;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.replies.ReplyLog;
import dev.herald.testing.CliRun;
import dev.herald.testing.PressMailbox;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import dev.herald.util.Hashes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies whose From header or references are forged (issue 9, item 4): a From header and an
 * unkeyed reference can be made up by anybody, so fetch acts on an unsubscribe or interview request
 * only when it comes from the recipient (or carries a keyed reference and comes from their domain),
 * and on a delivery report only for the recipient of the message it refers to. Everything else is
 * listed as needing a look, and kept in the reply log.
 */
class ForgedRepliesTest {
  @RegisterExtension final GreenMailExtension mail = PressMailbox.server();

  @TempDir Path dir;

  private static final String CAMPAIGN = Samples.CAMPAIGN;
  private static final String ANNA = "anna@gazeta.example";
  private static final String BOB = "bob@kurier.example";
  private static final String ANIA = "ania@gazeta-białostocka.example";
  private static final String ANIA_ASCII = "ania@xn--gazeta-biaostocka-c4c.example";

  private FolderKey key;

  @BeforeEach
  void releasesWereSent() {
    Samples.copyTo(dir);
    key = FolderKey.load(PressMailbox.env(), dir);
    try (Journal journal = Journal.open(dir.resolve("logs/sends.csv"))) {
      for (String to : List.of(ANNA, BOB, ANIA)) {
        journal.appendDurably(
            new JournalEntry(CliRun.NOW, CAMPAIGN, to, Outcome.SENT, "250 OK", id(to)));
      }
    }
  }

  private String id(String recipient) {
    return MessageIds.of(key, CAMPAIGN, recipient, PressMailbox.ADDRESS);
  }

  /** The reference herald computed before references were keyed: anybody can compute it. */
  private static String unkeyedRef(String recipient) {
    return Hashes.base32("ref\n" + CAMPAIGN + "\n" + recipient.toLowerCase(Locale.ROOT), 10);
  }

  private CliRun.Result fetch() {
    List<String> args = new ArrayList<>(List.of("interviews", "fetch"));
    args.addAll(PressMailbox.fetchOptions(mail));
    return CliRun.in(dir).env(PressMailbox.env()).run(args.toArray(String[]::new));
  }

  private static String linkReply(String from, String messageId, String ref, String body) {
    return """
        From: %s
        To: press@next2met.example
        Subject: Interview request: %s [ref:%s]
        Date: Mon, 30 Nov 2026 10:05:00 +0100
        Message-ID: %s
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8

        %s
        """
        .formatted(from, CAMPAIGN, ref, messageId, body);
  }

  private static String unsubscribeByLink(String from, String messageId, String ref) {
    return linkReply(from, messageId, ref, "Please unsubscribe me, stop sending these.");
  }

  private static String interviewByLink(String from, String messageId, String ref) {
    return linkReply(from, messageId, ref, "I would like an interview next week.");
  }

  private static String report(
      String messageId, String inReplyTo, String failed, String returnedId, String returnedTo) {
    return """
        Return-Path: <>
        From: MAILER-DAEMON@mail.next2met.example (Mail Delivery System)
        To: press@next2met.example
        Subject: Undelivered Mail Returned to Sender
        Date: Fri, 27 Nov 2026 11:00:02 +0100
        Message-ID: %s
        %sMIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: text/plain; charset=us-ascii

        Your message could not be delivered.

        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.next2met.example

        Final-Recipient: rfc822; %s
        Original-Recipient: rfc822; %s
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 user unknown

        --b
        Content-Type: text/rfc822-headers

        From: Next2Met Press Office <press@next2met.example>
        To: %s
        Message-ID: %s
        Subject: Fostering digitalisation in the Podlaskie Region

        --b--
        """
        .formatted(
            messageId,
            inReplyTo.isEmpty() ? "" : "In-Reply-To: " + inReplyTo + "\n",
            failed,
            failed,
            returnedTo,
            returnedId);
  }

  private OptOutList optOut() {
    return OptOutList.load(dir.resolve("contacts/optout.csv"), InputLimits.DEFAULT);
  }

  private List<ReplyLog.Entry> replyLog() {
    List<ReplyLog.Entry> entries = new ArrayList<>();
    new ReplyLog(dir.resolve("logs/replies.csv")).forEach(entries::add);
    return entries;
  }

  private String journal() {
    return TestFiles.read(dir.resolve("logs/sends.csv"));
  }

  @Test
  void aStrangerWithAComputedRefCannotUnsubscribeOrLogAnInterview() {
    PressMailbox.deliver(
        mail, unsubscribeByLink("mallory@evil.example", "<u.1@evil.example>", unkeyedRef(ANNA)));
    PressMailbox.deliver(
        mail, interviewByLink("mallory@evil.example", "<i.1@evil.example>", unkeyedRef(BOB)));

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    assertFalse(optOut().contains(ANNA), r::toString);
    assertFalse(Files.exists(dir.resolve("logs/interviews.csv")), r::toString);
    assertContains(r.out(), "Unsubscribe requests: 0");
    assertContains(r.out(), "Interview requests: 0");
    assertContains(r.out(), "Needs a look: 2, not acted on");
    assertContains(
        r.out(),
        "  <u.1@evil.example>  unsubscribe request about "
            + ANNA
            + " ("
            + CAMPAIGN
            + "): sent from mallory@evil.example, not from "
            + ANNA
            + ", and it carries no keyed reference; if it is genuine: herald optout add "
            + ANNA);
    assertContains(r.out(), "if it is genuine: herald interviews accept <i.1@evil.example>");
    List<ReplyLog.Entry> logged = replyLog();
    assertEquals(2, logged.size());
    assertTrue(logged.stream().allMatch(ReplyLog.Entry::needsLook), logged::toString);

    CliRun.Result again = fetch();
    assertEquals(0, again.exitCode(), again::toString);
    assertContains(again.out(), "nothing new. 2 fetched before");

    // the report counts them apart, not as unsubscribes or replies of the recipients
    CliRun.Result report = CliRun.in(dir).run("report", CAMPAIGN);
    assertEquals(0, report.exitCode(), report::toString);
    assertContains(report.out(), "  Unsubscribes              0\n");
    assertContains(report.out(), "  Replies                   0\n");
    assertContains(report.out(), "  Needs a look              2  (replies not shown to come from");
  }

  @Test
  void aKeyedRefFromTheRecipientsDomainCountsFromAnotherDomainItNeedsALook() {
    String keyed = MessageIds.ref(key, CAMPAIGN, ANNA);
    assertEquals(MessageIds.REF_CHARS, keyed.length());
    PressMailbox.deliver(
        mail, interviewByLink("Desk <desk@gazeta.example>", "<i.2@gazeta.example>", keyed));
    PressMailbox.deliver(
        mail, unsubscribeByLink("mallory@evil.example", "<u.2@evil.example>", keyed));

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Interview requests: 1, logged in ");
    assertContains(TestFiles.read(dir.resolve("logs/interviews.csv")), ANNA);
    assertFalse(optOut().contains(ANNA), r::toString);
    assertContains(r.out(), "Needs a look: 1, not acted on");
    assertContains(r.out(), "sent from mallory@evil.example, outside the domain of " + ANNA);
  }

  @Test
  void anUnkeyedRefOrAnOldMessageIdStillCountsFromTheRecipientItself() {
    String oldId = "<" + CAMPAIGN + ".oldunkeyedid0001@next2met.example>";
    try (Journal journal = Journal.open(dir.resolve("logs/sends.csv"))) {
      journal.appendDurably(
          new JournalEntry(CliRun.NOW, "older-release", BOB, Outcome.SENT, "250 OK", oldId));
    }
    PressMailbox.deliver(
        mail,
        unsubscribeByLink("Anna <Anna@Gazeta.example>", "<u.3@gazeta.example>", unkeyedRef(ANNA)));
    PressMailbox.deliver(
        mail,
        """
        From: bob@kurier.example
        To: press@next2met.example
        Subject: Re: an older release
        In-Reply-To: %s
        Message-ID: <u.4@kurier.example>

        Please remove me from your list.
        """
            .formatted(oldId));

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Unsubscribe requests: 2, added to ");
    assertTrue(optOut().contains(ANNA), r::toString);
    assertTrue(optOut().contains(BOB), r::toString);
  }

  @Test
  void aReplyQuotingAThreadOfSeveralReleasesAnswersTheOneSentToItsSender() {
    PressMailbox.deliver(
        mail,
        """
        From: bob@kurier.example
        To: press@next2met.example
        Subject: Re: Fwd: Fostering digitalisation
        References: %s %s
        Message-ID: <u.5@kurier.example>

        Please remove me from your list.
        """
            .formatted(id(ANNA), id(BOB)));

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(optOut().contains(BOB), r::toString);
    assertFalse(optOut().contains(ANNA), r::toString);
  }

  @Test
  void aDeliveryReportNamingAnotherRecipientIsRefused() {
    // Bob answers his own release with a made-up report that names Anna.
    PressMailbox.deliver(mail, report("<dsn.1@kurier.example>", id(BOB), ANNA, id(BOB), BOB));

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    assertFalse(optOut().contains(ANNA), r::toString);
    assertFalse(optOut().contains(BOB), r::toString);
    assertFalse(journal().contains("bounced"), journal());
    assertContains(r.out(), "Bounces: 0");
    assertContains(
        r.out(), "the report names " + ANNA + " but refers to the message sent to " + BOB);
  }

  @Test
  void aReportThatRefersToTwoRecipientsIsRefused() {
    PressMailbox.deliver(mail, report("<dsn.2@kurier.example>", id(BOB), BOB, id(ANNA), ANNA));

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    assertFalse(optOut().contains(ANNA), r::toString);
    assertFalse(optOut().contains(BOB), r::toString);
    assertContains(r.out(), "the report refers to messages sent to different recipients");
  }

  @Test
  void aReportNamingRootAtLocalhostNeverReachesTheSuppressionListAndLaterCommandsRun() {
    PressMailbox.deliver(mail, report("<dsn.3@x.example>", "", "root@localhost", id(ANNA), ANNA));

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    Path optOutFile = dir.resolve("contacts/optout.csv");
    assertFalse(
        Files.exists(optOutFile) && TestFiles.read(optOutFile).contains("localhost"), r::toString);
    assertContains(r.out(), "the report names root@localhost, which herald cannot suppress: ");
    CliRun.Result check = CliRun.in(dir).run("check", Samples.TEMPLATE);
    assertEquals(0, check.exitCode(), check::toString);
    CliRun.Result again = fetch();
    assertEquals(0, again.exitCode(), again::toString);
  }

  @Test
  void anUnsubscribeForAnAddressTheListCouldNotHoldIsLeftForALook() {
    // a journal line edited by hand
    String id = "<" + CAMPAIGN + ".handedited@next2met.example>";
    try (Journal journal = Journal.open(dir.resolve("logs/sends.csv"))) {
      journal.appendDurably(
          new JournalEntry(CliRun.NOW, CAMPAIGN, "root@localhost", Outcome.SENT, "250 OK", id));
    }
    PressMailbox.deliver(
        mail,
        """
        From: root@localhost
        To: press@next2met.example
        Subject: Re: release
        In-Reply-To: %s
        Message-ID: <u.6@localhost>

        Unsubscribe me.
        """
            .formatted(id));

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "cannot go on the suppression list");
    Path optOutFile = dir.resolve("contacts/optout.csv");
    assertFalse(
        Files.exists(optOutFile) && TestFiles.read(optOutFile).contains("localhost"), r::toString);
  }

  @Test
  void aGenuineBounceOfAnInternationalisedAddressSuppressesTheSpellingTheJournalKnows() {
    PressMailbox.deliver(mail, report("<dsn.4@x.example>", "", ANIA_ASCII, id(ANIA), ANIA_ASCII));

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "Bounces: 1, marked bounced in ");
    assertTrue(optOut().contains(ANIA), TestFiles.read(dir.resolve("contacts/optout.csv")));
    assertContains(journal(), "," + ANIA + ",bounced,");
  }

  @Test
  void aReplyLeftForALookCanBeAcceptedOrItsAddressSuppressed() {
    PressMailbox.deliver(
        mail, interviewByLink("mallory@evil.example", "<i.5@evil.example>", unkeyedRef(ANNA)));
    assertEquals(0, fetch().exitCode());

    CliRun.Result accepted = CliRun.in(dir).run("interviews", "accept", "<i.5@evil.example>");
    assertEquals(0, accepted.exitCode(), accepted::toString);
    assertContains(accepted.out(), "Logged I0001: ");
    assertContains(TestFiles.read(dir.resolve("logs/interviews.csv")), "<i.5@evil.example>");
    CliRun.Result twice = CliRun.in(dir).run("interviews", "accept", "<i.5@evil.example>");
    assertContains(twice.out(), "Already in the log: I0001");

    CliRun.Result unknown = CliRun.in(dir).run("interviews", "accept", "<nope@x.example>");
    assertEquals(2, unknown.exitCode(), unknown::toString);

    CliRun.Result added = CliRun.in(dir).run("optout", "add", ANNA);
    assertEquals(0, added.exitCode(), added::toString);
    assertTrue(optOut().contains(ANNA));

    CliRun.Result refused = CliRun.in(dir).run("optout", "add", "root@localhost");
    assertEquals(2, refused.exitCode(), refused::toString);
    assertFalse(optOut().contains("root@localhost"));
  }

  private static String replyTo(String from, String messageId, String inReplyTo, String body) {
    return """
        From: %s
        To: press@next2met.example
        Subject: Re: Fwd: Fostering digitalisation in the Podlaskie Region
        Date: Mon, 30 Nov 2026 10:05:00 +0100
        Message-ID: %s
        In-Reply-To: %s
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8

        %s
        """
        .formatted(from, messageId, inReplyTo, body);
  }

  private List<dev.herald.interviews.Interview> interviews() {
    return new dev.herald.interviews.InterviewLog(dir.resolve("logs/interviews.csv")).read();
  }

  @Test
  void aColleagueAnsweringAForwardedReleaseIsLoggedUnderTheirOwnAddress() {
    // Anna forwarded the release; a colleague at her paper and a freelancer elsewhere answer it.
    PressMailbox.deliver(
        mail,
        replyTo(
            "Marco Verdi <m.verdi@gazeta.example>",
            "<f.1@gazeta.example>",
            id(ANNA),
            "I would like an interview with the coordinator."));
    PressMailbox.deliver(
        mail,
        replyTo(
            "carla@freelance.example",
            "<f.2@freelance.example>",
            id(ANNA),
            "I would like an interview too."));
    // and one from another domain asks to unsubscribe: that must not suppress Anna
    PressMailbox.deliver(
        mail,
        replyTo(
            "carla@freelance.example",
            "<f.3@freelance.example>",
            id(ANNA),
            "Please unsubscribe me."));

    CliRun.Result r = fetch();

    assertEquals(0, r.exitCode(), r::toString);
    List<dev.herald.interviews.Interview> logged = interviews();
    assertEquals(2, logged.size(), logged::toString);
    assertEquals("m.verdi@gazeta.example", logged.get(0).email());
    assertEquals("m.verdi@gazeta.example", logged.get(0).replyFrom());
    assertEquals(ANNA, logged.get(0).forwardedBy());
    assertEquals("carla@freelance.example", logged.get(1).email());
    assertEquals(ANNA, logged.get(1).forwardedBy());
    assertTrue(logged.stream().noneMatch(i -> i.email().equals(ANNA)), logged::toString);
    assertContains(r.out(), "Interview requests: 2, logged in ");
    assertContains(
        r.out(), "m.verdi@gazeta.example, forwarded by " + ANNA + " (" + CAMPAIGN + ", by reply)");
    assertFalse(optOut().contains(ANNA), r::toString);
    assertFalse(optOut().contains("carla@freelance.example"), r::toString);
    assertContains(r.out(), "Needs a look: 1, not acted on");
    assertContains(r.out(), "sent from carla@freelance.example, outside the domain of " + ANNA);

    // the reply log names each reply's sender
    List<ReplyLog.Entry> replies = replyLog();
    assertEquals(
        List.of("m.verdi@gazeta.example", "carla@freelance.example", "carla@freelance.example"),
        replies.stream().map(ReplyLog.Entry::from).toList());
    assertTrue(replies.stream().allMatch(e -> e.email().equals(ANNA)), replies::toString);

    CliRun.Result list = CliRun.in(dir).run("interviews", "list");
    assertContains(list.out(), "m.verdi@gazeta.example (forwarded by " + ANNA + ")");
  }

  @Test
  void aRequestFromSomeoneElseWithoutAKeyedReferenceIsAcceptedUnderItsSender() {
    PressMailbox.deliver(
        mail, interviewByLink("mallory@evil.example", "<i.9@evil.example>", unkeyedRef(ANNA)));
    assertEquals(0, fetch().exitCode());
    assertFalse(Files.exists(dir.resolve("logs/interviews.csv")));

    CliRun.Result accepted = CliRun.in(dir).run("interviews", "accept", "<i.9@evil.example>");

    assertEquals(0, accepted.exitCode(), accepted::toString);
    assertContains(
        accepted.out(),
        "Logged I0001: mallory@evil.example, campaign " + CAMPAIGN + ", forwarded by " + ANNA);
    assertEquals("mallory@evil.example", interviews().get(0).email());
    assertEquals(ANNA, interviews().get(0).forwardedBy());
  }
}
