package dev.herald.delivery;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.JsonText;
import dev.herald.testing.Samples;
import dev.herald.testing.SendJournal;
import dev.herald.testing.Smtp;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald send} of the sample folder to a real SMTP server (GreenMail). */
class GreenMailSendTest {
  static final String ENGLISH_SUBJECT =
      "Fostering digitalisation in the Podlaskie Region – Next2Met policy learning event";
  static final String POLISH_SUBJECT =
      "Wspieranie cyfryzacji w województwie podlaskim – spotkanie partnerów projektu Next2Met";

  /** The sample contacts that are mailed (all but the suppressed one), with their language. */
  static final Map<String, String> RECIPIENTS =
      Map.ofEntries(
          Map.entry("l.wrobel@kurier-podlaski.example", "pl"),
          Map.entry("z.kowalczyk@gazeta-bialostocka.example", "pl"),
          Map.entry("a.zolkiewska@tygodnik-wschodni.example", "pl"),
          Map.entry("k.jedrzejczak@fala-narwi.example", "pl"),
          Map.entry("m.szczesniak@puls-innowacji.example", "pl"),
          Map.entry("jj.dupont@bruxelles-numerique.example", "fr"),
          Map.entry("c.lambert@echo-des-regions.example", "fr"),
          Map.entry("pieter.vandenbroeck@brugse-techbode.example", "en"),
          Map.entry("n.bernardini@corriere-innovazione.example", "it"),
          Map.entry("g.rossi@quotidiano-regioni.example", "en"),
          Map.entry("g.mueller@technik-und-region.example", "de"),
          Map.entry("s.schroeder@ostsee-wirtschaft.example", "en"),
          Map.entry("s.odonnell@regional-monitor.example", "en"),
          Map.entry("i.popescu@europa-regionum.example", "en"),
          Map.entry("f.weiss@digitale-gesundheit.example", "de"));

  /** Asserts that each sample recipient, and no one else, got exactly one message. */
  static void assertEachGotOne(Map<String, Integer> countsByRecipient) {
    assertEquals(RECIPIENTS.keySet(), countsByRecipient.keySet());
    countsByRecipient.forEach((rcpt, n) -> assertEquals(1, n, rcpt));
  }

  @RegisterExtension
  final GreenMailExtension mail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("press", "S3cr3t-pa55"));

  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private CliRun.Result send(String... more) {
    return send(Map.of(), more);
  }

  private CliRun.Result send(Map<String, String> env, String... more) {
    return CliRun.in(dir).env(env).run(Smtp.send(host(), port(), more));
  }

  private String host() {
    return mail.getSmtp().getBindTo();
  }

  private int port() {
    return mail.getSmtp().getPort();
  }

  /** The messages delivered to the mailbox of {@code address}: those with it in the envelope. */
  private List<MimeMessage> mailbox(String address) {
    return mail.findReceivedMessages(
            user -> user.getEmail().equalsIgnoreCase(address), message -> true)
        .toList();
  }

  private static String to(MimeMessage m) throws Exception {
    return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
  }

  @Test
  void sendsEachSampleContactOneMessageInItsLanguage() throws Exception {
    CliRun.Result r = send();

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, mail.getReceivedMessages().length, r::toString);
    for (Map.Entry<String, String> contact : RECIPIENTS.entrySet()) {
      List<MimeMessage> got = mailbox(contact.getKey());
      assertEquals(1, got.size(), contact.getKey());
      MimeMessage m = got.get(0);
      assertEquals(contact.getKey(), to(m));
      String subject = contact.getValue().equals("pl") ? POLISH_SUBJECT : ENGLISH_SUBJECT;
      assertEquals(subject, m.getSubject(), contact.getKey());
      // non-ASCII header text travels as RFC 2047 encoded words
      assertTrue(m.getHeader("Subject")[0].startsWith("=?"), m.getHeader("Subject")[0]);
      assertEquals(
          "press@next2met.example", ((InternetAddress) m.getFrom()[0]).getAddress(), "From");
    }
    assertTrue(mailbox("w.desmet@kempische-koerier.example").isEmpty(), "suppressed");
    assertContains(r.out(), "15 sent, 0 failed, 0 deferred");
    assertContains(r.out(), "1 suppressed");
  }

  @Test
  void anInternationalisedDomainGoesOutInPunycodeInEnvelopeAndHeader() throws Exception {
    String unicode = "redakcja@gazeta-białostocka.example";
    String ascii = "redakcja@" + java.net.IDN.toASCII("gazeta-białostocka.example");
    java.nio.file.Files.writeString(
        dir.resolve("contacts/media.csv"),
        unicode + ",Anna,Wiśniewska,Szanowna Pani Redaktor,Gazeta,health,pl,PL,regional\n",
        java.nio.file.StandardOpenOption.APPEND);

    CliRun.Result r = send();

    assertEquals(0, r.exitCode(), r::toString);
    List<MimeMessage> got = mailbox(ascii);
    assertEquals(1, got.size(), "delivered to the punycode address: " + r);
    assertEquals(ascii, to(got.get(0)));
    assertEquals(POLISH_SUBJECT, got.get(0).getSubject());
    assertContains(r.out(), "16 sent, 0 failed, 0 deferred");
    // the journal keeps the address as the contact list has it, so re-runs match it
    assertEquals(
        Outcome.SENT,
        SendJournal.entries(dir).stream()
            .filter(e -> e.recipient().equals(unicode))
            .reduce((a, b) -> b)
            .orElseThrow()
            .outcome());
  }

  @Test
  void theToHeaderCarriesTheContactsNameDecoded() throws Exception {
    send();

    Map<String, String> names = new HashMap<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      InternetAddress a = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
      names.put(a.getAddress(), a.getPersonal());
    }
    assertEquals("Łukasz Wróbel", names.get("l.wrobel@kurier-podlaski.example"));
    assertEquals("Agnieszka Żółkiewska", names.get("a.zolkiewska@tygodnik-wschodni.example"));
    assertEquals("Jean-Jacques \"JJ\" Dupont", names.get("jj.dupont@bruxelles-numerique.example"));
    assertEquals("Sinéad O'Donnell", names.get("s.odonnell@regional-monitor.example"));
    assertEquals("Franziska Weiß", names.get("f.weiss@digitale-gesundheit.example"));
  }

  @Test
  void everyMessageCarriesTheFactSheetAndBothBodies() throws Exception {
    send();

    for (MimeMessage m : mail.getReceivedMessages()) {
      boolean attached = false;
      for (Part p : Eml.leaves(m)) {
        attached |=
            "next2met-fact-sheet.pdf".equals(p.getFileName()) && p.isMimeType("application/pdf");
      }
      assertTrue(attached, "no fact sheet for " + to(m));
      assertFalse(Eml.text(m).isBlank(), to(m));
      assertContains(Eml.html(m), "Next2Met");
    }
  }

  @Test
  void theJournalRecordsEachMessageIdAndTheServersReply() throws Exception {
    send();

    Map<String, JournalEntry> sent = new HashMap<>();
    for (JournalEntry e : SendJournal.entries(dir, Outcome.SENT)) {
      assertEquals(Samples.CAMPAIGN, e.campaign());
      assertTrue(e.reply().startsWith("250"), e.reply());
      assertEquals(null, sent.put(e.recipient().toLowerCase(Locale.ROOT), e), e.recipient());
    }
    assertEquals(RECIPIENTS.keySet(), sent.keySet());
    for (MimeMessage m : mail.getReceivedMessages()) {
      assertEquals(sent.get(to(m)).messageId(), m.getMessageID(), to(m));
    }
    assertEquals(15, SendJournal.count(dir, Outcome.ATTEMPT).size());
  }

  @Test
  void aSecondRunSendsNothingMore() {
    send();

    CliRun.Result again = send();

    assertEquals(0, again.exitCode(), again::toString);
    assertContains(again.out(), "0 sent, 0 failed, 0 deferred");
    assertContains(again.out(), "15 already sent");
    assertEquals(15, mail.getReceivedMessages().length);
    assertEquals(15, SendJournal.entries(dir, Outcome.SENT).size());
  }

  @Test
  void limitSendsTheFirstAndARerunSendsTheRest() throws Exception {
    CliRun.Result first = send("--limit", "5");

    assertEquals(0, first.exitCode(), first::toString);
    assertEquals(5, mail.getReceivedMessages().length);
    assertContains(first.out(), "10 left for a later run (--limit)");

    CliRun.Result rest = send();

    assertEquals(0, rest.exitCode(), rest::toString);
    assertContains(rest.out(), "10 sent");
    assertContains(rest.out(), "5 already sent");
    assertEquals(15, mail.getReceivedMessages().length);
    for (String address : RECIPIENTS.keySet()) {
      assertEquals(1, mailbox(address).size(), address);
    }
  }

  @Test
  void onlySendsToThatOneAddress() throws Exception {
    CliRun.Result r = send("--only", "G.Mueller@Technik-und-Region.EXAMPLE");

    assertEquals(0, r.exitCode(), r::toString);
    MimeMessage[] got = mail.getReceivedMessages();
    assertEquals(1, got.length);
    assertEquals("g.mueller@technik-und-region.example", to(got[0]));
    assertEquals(1, SendJournal.entries(dir, Outcome.SENT).size());
  }

  @Test
  void whereLanguagePlSendsThePolishReleaseToThePolishContacts() throws Exception {
    CliRun.Result r = send("--where", "language=pl");

    assertEquals(0, r.exitCode(), r::toString);
    MimeMessage[] got = mail.getReceivedMessages();
    assertEquals(5, got.length);
    for (MimeMessage m : got) {
      assertEquals("pl", RECIPIENTS.get(to(m)), to(m));
      assertEquals(POLISH_SUBJECT, m.getSubject());
    }
  }

  @Test
  void jsonSummaryParsesAndCounts() {
    CliRun.Result r = send("--format", "json");

    assertEquals(0, r.exitCode(), r::toString);
    Map<String, Object> summary = JsonText.object(r.out().strip());
    assertEquals(15L, summary.get("sent"));
    assertEquals(List.of(), summary.get("failed"));
    assertEquals(List.of(), summary.get("deferred"));
    assertEquals(0L, summary.get("exit_code"));
    assertEquals(Samples.CAMPAIGN, summary.get("campaign"));
    assertEquals(host() + ":" + port(), summary.get("server"));
    @SuppressWarnings("unchecked")
    Map<String, Object> skipped = (Map<String, Object>) summary.get("skipped");
    assertEquals(1L, skipped.get("suppressed"));
    assertEquals(0L, skipped.get("already_sent"));

    CliRun.Result again = send("--format", "json");
    Map<String, Object> second = JsonText.object(again.out().strip());
    assertEquals(0L, second.get("sent"));
    assertEquals(0L, second.get("exit_code"));
    @SuppressWarnings("unchecked")
    Map<String, Object> skippedAgain = (Map<String, Object>) second.get("skipped");
    assertEquals(15L, skippedAgain.get("already_sent"));
  }

  @Test
  void logsInWithThePasswordFromTheEnvironment() {
    CliRun.Result r = send(Map.of("HERALD_SMTP_PASSWORD", "S3cr3t-pa55"), "--smtp-user", "press");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, mail.getReceivedMessages().length);
    assertContains(r.out(), "15 sent");
  }

  @Test
  void aWrongPasswordSendsNothing() {
    CliRun.Result r = send(Map.of("HERALD_SMTP_PASSWORD", "wrong"), "--smtp-user", "press");

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "refused the login for user 'press'");
    assertEquals(0, mail.getReceivedMessages().length);
    assertTrue(SendJournal.entries(dir, Outcome.SENT).isEmpty());
  }
}
