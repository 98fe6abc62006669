package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.herald.FolderKey;
import dev.herald.InputLimits;
import dev.herald.contacts.OptOutList;
import dev.herald.identity.UnsubscribeTokens;
import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.PressMailbox;
import dev.herald.testing.TestFiles;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
 * {@code {{unsubscribe_link}}} end to end on a real mail server: the release goes out over SMTP
 * with a keyed link in its body and its List-Unsubscribe header, a journalist's mail client answers
 * the link into the press mailbox, {@code interviews fetch} reads it over IMAP and suppresses the
 * journalist, and the next send leaves them out. A token that does not verify, or that belongs to
 * someone else, is never acted on for another sender.
 */
class UnsubscribeLinkTest {
  @RegisterExtension final GreenMailExtension mail = PressMailbox.server();

  @TempDir Path dir;

  static final String ANNA = "anna@news.example";
  static final String BEN = "ben@news.example";
  static final String CLARA = "clara@other.example";
  static final String CAMPAIGN = "news";

  private static final Pattern LINK = Pattern.compile("mailto:[^\\s>)\\]]+");

  @BeforeEach
  void folder() {
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,outlet\n"
            + ANNA
            + ",Anna,News\n"
            + BEN
            + ",Ben,News\n"
            + CLARA
            + ",Clara,Other\n");
    TestFiles.write(
        dir,
        "templates/news.md",
        "Subject: News\n"
            + "From: Press Office <"
            + PressMailbox.ADDRESS
            + ">\n\n"
            + "Hello {{first_name}}\n\n"
            + "[Unsubscribe]({{unsubscribe_link}})\n");
  }

  private CliRun.Result send(String template) {
    return CliRun.in(dir)
        .env(PressMailbox.env())
        .run(
            "send",
            template,
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            String.valueOf(mail.getSmtp().getPort()),
            "--smtp-security",
            "none",
            "--yes");
  }

  private CliRun.Result fetch() {
    List<String> args = new ArrayList<>(List.of("interviews", "fetch"));
    args.addAll(PressMailbox.fetchOptions(mail));
    return CliRun.in(dir).env(PressMailbox.env()).run(args.toArray(String[]::new));
  }

  private MimeMessage receivedBy(String address) throws Exception {
    MimeMessage found = null;
    for (MimeMessage m : mail.getReceivedMessages()) {
      for (var a : m.getRecipients(Message.RecipientType.TO)) {
        if (((InternetAddress) a).getAddress().equals(address)) {
          found = m;
        }
      }
    }
    return found;
  }

  /** How many messages the server took for {@code address}, in any order it keeps them. */
  private int countTo(String address) throws Exception {
    int n = 0;
    for (MimeMessage m : mail.getReceivedMessages()) {
      for (var a : m.getRecipients(Message.RecipientType.TO)) {
        if (((InternetAddress) a).getAddress().equals(address)) {
          n++;
        }
      }
    }
    return n;
  }

  private String token(String campaign, String address) {
    return UnsubscribeTokens.of(FolderKey.load(PressMailbox.env(), dir), campaign, address);
  }

  private boolean suppressed(String address) {
    return OptOutList.load(dir.resolve("contacts/optout.csv"), InputLimits.DEFAULT)
        .contains(address);
  }

  /** What a mail client sends for a mailto: link: a new message with the link's subject. */
  private void answerLink(String link, String from, String messageId, String inReplyTo) {
    String subject =
        URLDecoder.decode(link.substring(link.indexOf("?subject=") + 9), StandardCharsets.UTF_8);
    String to = link.substring("mailto:".length(), link.indexOf('?'));
    PressMailbox.deliver(
        mail,
        "From: "
            + from
            + "\nTo: "
            + to
            + "\nSubject: "
            + subject
            + "\nDate: Mon, 30 Nov 2026 10:05:00 +0100\nMessage-ID: "
            + messageId
            + (inReplyTo == null ? "" : "\nIn-Reply-To: " + inReplyTo)
            + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n\n");
  }

  @Test
  void aClickOnTheLinkIsFetchedAndTheNextSendSkipsTheJournalist() throws Exception {
    CliRun.Result sent = send("templates/news.md");
    assertEquals(0, sent.exitCode(), sent::toString);

    MimeMessage toAnna = receivedBy(ANNA);
    String header = toAnna.getHeader("List-Unsubscribe", ", ");
    Matcher inHeader = LINK.matcher(header);
    assertTrue(inHeader.find(), header);
    String link = inHeader.group();
    assertEquals(
        "mailto:"
            + PressMailbox.ADDRESS
            + "?subject=Unsubscribe%20%5Bunsub%3A"
            + token(CAMPAIGN, ANNA)
            + "%5D",
        link);
    assertContains(Eml.text(toAnna), link);
    assertContains(Eml.html(toAnna), link);
    assertNull(toAnna.getHeader("List-Unsubscribe-Post"), "no https: address, so no one-click");
    // each recipient has a link of their own
    assertFalse(
        receivedBy(BEN).getHeader("List-Unsubscribe", ", ").contains(token(CAMPAIGN, ANNA)));

    answerLink(link, "Anna <" + ANNA + ">", "<u.1@news.example>", null);
    CliRun.Result fetched = fetch();
    assertEquals(0, fetched.exitCode(), fetched::toString);
    assertContains(fetched.out(), "Unsubscribe requests: 1, added to ");
    assertTrue(suppressed(ANNA), fetched::toString);
    assertContains(TestFiles.read(dir.resolve("contacts/optout.csv")), ANNA + ",unsubscribe link,");

    TestFiles.write(
        dir,
        "templates/more.md",
        "Subject: More news\nFrom: Press Office <"
            + PressMailbox.ADDRESS
            + ">\n\nHello {{first_name}}\n\n[Unsubscribe]({{unsubscribe_link}})\n");
    int before = mail.getReceivedMessages().length;
    int annasBefore = countTo(ANNA);
    CliRun.Result next = send("templates/more.md");
    assertEquals(0, next.exitCode(), next::toString);
    assertEquals(before + 2, mail.getReceivedMessages().length, next::toString);
    assertEquals(annasBefore, countTo(ANNA), "the next campaign skips her: " + next);
  }

  @Test
  void aColleagueAtTheSameOutletMayUseTheLinkButNobodyElse() throws Exception {
    assertEquals(0, send("templates/news.md").exitCode());
    String annasLink = link(receivedBy(ANNA));
    String clarasLink = link(receivedBy(CLARA));

    // Ben forwards nothing: he answers Anna's link from his own address at News (PRODUCT.md: a
    // keyed reference from the recipient's domain counts)
    answerLink(annasLink, BEN, "<u.2@news.example>", null);
    // Clara's link answered from a stranger's address: listed, not applied
    answerLink(clarasLink, "someone@elsewhere.example", "<u.3@elsewhere.example>", null);
    CliRun.Result fetched = fetch();

    assertEquals(0, fetched.exitCode(), fetched::toString);
    assertTrue(suppressed(ANNA), fetched::toString);
    assertFalse(suppressed(BEN), "Ben asked for Anna, not for himself: " + fetched);
    assertFalse(suppressed(CLARA), fetched::toString);
    assertContains(fetched.out(), "Needs a look: 1, not acted on");
    assertContains(fetched.out(), "outside the domain of " + CLARA);
  }

  @Test
  void aTokenForAnotherAddressSpeaksOnlyForThatAddress() throws Exception {
    assertEquals(0, send("templates/news.md").exitCode());
    // Clara answers Anna's link (a forwarded release): Anna's token, Clara's address elsewhere
    answerLink(link(receivedBy(ANNA)), CLARA, "<u.4@other.example>", null);
    CliRun.Result fetched = fetch();

    assertEquals(0, fetched.exitCode(), fetched::toString);
    assertFalse(suppressed(ANNA), fetched::toString);
    assertFalse(suppressed(CLARA), fetched::toString);
    assertContains(fetched.out(), "Needs a look: 1");
  }

  @Test
  void aForgedTokenIsRefusedEvenInTheJournalistsThread() throws Exception {
    assertEquals(0, send("templates/news.md").exitCode());
    String annasMessage = receivedBy(ANNA).getMessageID();
    // the right thread and the right outlet, but a token nobody was given
    answerLink(
        "mailto:" + PressMailbox.ADDRESS + "?subject=Unsubscribe%20%5Bunsub%3Aaaaaaaaaaaaaaaaa%5D",
        BEN,
        "<u.5@news.example>",
        annasMessage);
    // a token of another folder's key, sent out of any thread from a stranger
    answerLink(
        "mailto:" + PressMailbox.ADDRESS + "?subject=Unsubscribe%20%5Bunsub%3Abbbbbbbbbbbbbbbb%5D",
        "someone@elsewhere.example",
        "<u.6@elsewhere.example>",
        null);
    CliRun.Result fetched = fetch();

    assertEquals(0, fetched.exitCode(), fetched::toString);
    assertFalse(suppressed(ANNA), fetched::toString);
    assertFalse(suppressed(BEN), fetched::toString);
    assertContains(fetched.out(), "Needs a look: 1, not acted on");
    assertContains(fetched.out(), "its unsubscribe token does not verify");
    assertContains(fetched.out(), "Not about a campaign: 1 (left alone)");
  }

  @Test
  void anotherCampaignsTokenStillNamesItsRecipient() throws Exception {
    assertEquals(0, send("templates/news.md").exitCode());
    String first = link(receivedBy(ANNA));
    TestFiles.write(
        dir,
        "templates/second.md",
        "Subject: Second\nFrom: Press Office <"
            + PressMailbox.ADDRESS
            + ">\n\nHello\n\n{{unsubscribe_link}}\n");
    assertEquals(0, send("templates/second.md").exitCode());
    assertFalse(first.contains(token("second", ANNA)), "a token is per campaign");

    answerLink(first, ANNA, "<u.7@news.example>", null);
    CliRun.Result fetched = fetch();

    assertEquals(0, fetched.exitCode(), fetched::toString);
    assertContains(fetched.out(), "Anna <" + ANNA + ">, News (" + CAMPAIGN + ")");
    assertTrue(suppressed(ANNA));
  }

  @Test
  void aProofsLinkUnsubscribesNobody() throws Exception {
    assertEquals(0, send("templates/news.md").exitCode());
    CliRun.Result proof =
        CliRun.in(dir)
            .env(PressMailbox.env())
            .run(
                "send",
                "templates/news.md",
                "--proof-to",
                "editor@news.example",
                "--only",
                ANNA,
                "--smtp-host",
                "127.0.0.1",
                "--smtp-port",
                String.valueOf(mail.getSmtp().getPort()),
                "--smtp-security",
                "none",
                "--yes");
    assertEquals(0, proof.exitCode(), proof::toString);
    MimeMessage copy = null;
    for (MimeMessage m : mail.getReceivedMessages()) {
      if (m.getSubject().startsWith("[PROOF]")) {
        copy = m;
      }
    }
    assertNull(copy.getHeader("List-Unsubscribe"));
    String link = link(copy);
    assertContains(link, "%5Bproof%3A");
    assertFalse(link.contains(token(CAMPAIGN, ANNA)));

    // the proof reaches Anna herself (forwarded by mistake), and she clicks it: still a proof's
    answerLink(link, ANNA, "<u.8@news.example>", null);
    CliRun.Result fetched = fetch();

    assertEquals(0, fetched.exitCode(), fetched::toString);
    assertFalse(suppressed(ANNA), fetched::toString);
    assertFalse(suppressed(BEN), fetched::toString);
    assertContains(fetched.out(), "Replies to proofs: 1");
  }

  /** The unsubscribe link in a message's text part. */
  private static String link(MimeMessage m) throws Exception {
    Matcher found =
        Pattern.compile("mailto:\\S+?subject=Unsubscribe[^\\s)\\]>]+").matcher(Eml.text(m));
    assertTrue(found.find(), Eml.text(m));
    return found.group();
  }
}
