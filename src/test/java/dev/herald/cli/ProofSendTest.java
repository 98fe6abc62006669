package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.campaign.ProofPicks;
import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.JsonText;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import dev.herald.testing.TestFiles;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send --proof-to} against a real SMTP server: the reviewer gets the proofs, the contacts
 * and the journal get nothing.
 */
class ProofSendTest {
  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  static final String REVIEWER = "anna.nowak@next2met.example";
  static final String WROBEL = "l.wrobel@kurier-podlaski.example";
  static final String DUPONT = "jj.dupont@bruxelles-numerique.example";

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private CliRun.Result proof(String... more) {
    List<String> args = new ArrayList<>(List.of("send", Samples.TEMPLATE));
    args.addAll(List.of("--smtp-host", "127.0.0.1"));
    args.addAll(List.of("--smtp-port", String.valueOf(mail.getSmtp().getPort())));
    args.addAll(List.of("--smtp-security", "none"));
    args.addAll(List.of(more));
    return CliRun.in(dir).run(args.toArray(String[]::new));
  }

  /** Output with the working folder's paths as a run inside it would print them. */
  private String rel(String output) {
    return output.replace(dir.toAbsolutePath() + "/", "");
  }

  private List<MimeMessage> received() {
    return List.of(mail.getReceivedMessages());
  }

  private static String to(MimeMessage m) throws Exception {
    Address[] to = m.getRecipients(Message.RecipientType.TO);
    assertEquals(1, to.length);
    return ((InternetAddress) to[0]).getAddress();
  }

  @Test
  void byDefaultTheFirstContactOfEachVariantGoesToTheReviewerAlone() throws Exception {
    CliRun.Result r = proof("--proof-to", REVIEWER);

    assertEquals(0, r.exitCode(), r::toString);
    List<MimeMessage> got = received();
    assertEquals(2, got.size(), r::toString);
    for (MimeMessage m : got) {
      assertEquals(REVIEWER, to(m));
      assertNull(m.getRecipients(Message.RecipientType.CC));
      assertTrue(m.getSubject().startsWith("[PROOF] "), m.getSubject());
      assertTrue(m.getMessageID().startsWith("<proof." + Samples.CAMPAIGN + "."), m.getMessageID());
      assertNull(m.getHeader("List-Unsubscribe"), "a proof's unsubscribe must not be clickable");
      String text = Eml.text(m);
      assertTrue(text.startsWith("Proof for "), text);
      assertContains(text, "%5Bproof%3A");
      assertFalse(text.contains("%5Bref%3A"), text);
      assertContains(
          text,
          "The real message carries List-Unsubscribe (mailto:), shown by herald preview. This"
              + " proof carries none, so that no click on it unsubscribes anyone.");
      assertFalse(text.contains("subject=unsubscribe"), "no clickable unsubscribe address");
      String html = Eml.html(m);
      int body = html.indexOf("<body");
      assertTrue(html.indexOf("Proof for ", body) > body, html);
      assertTrue(html.indexOf("Proof for ") < html.indexOf("<p>"), "the note comes first");
      assertEquals(List.of("next2met-fact-sheet.pdf"), attachments(m));
    }
    MimeMessage polish = byContact(got, WROBEL);
    assertTrue(polish.getSubject().startsWith("[PROOF] Wspieranie cyfryzacji"));
    assertEquals(
        "Proof for Łukasz Wróbel <"
            + WROBEL
            + "> (pl variant, line 2 of contacts/media.csv) — not sent to them",
        rel(Eml.text(polish).split("\r?\n")[0]));
    MimeMessage french = byContact(got, DUPONT);
    assertTrue(french.getSubject().startsWith("[PROOF] Fostering digitalisation"));
    assertContains(
        rel(Eml.text(french)),
        "Proof for Jean-Jacques \"JJ\" Dupont <"
            + DUPONT
            + "> (default variant: no fr variant, line 7 of contacts/media.csv) — not sent to"
            + " them");
    assertContains(Eml.html(french), "Jean-Jacques &quot;JJ&quot; Dupont");
    assertFalse(Files.exists(dir.resolve("logs")), "a proof writes no journal, and no lock");
    assertContains(r.out(), "Proofs of campaign " + Samples.CAMPAIGN + ", sent over 127.0.0.1:");
    assertContains(
        rel(r.out()), "(pl variant, line 2 of contacts/media.csv) → " + REVIEWER + ": sent");
    assertContains(r.out(), "Sent 2 proof messages (2 contacts, 1 proof address).");
    assertContains(
        r.out(), "Nothing was written to the journal, and no contact or copy was mailed.");
  }

  private static MimeMessage byContact(List<MimeMessage> got, String contact) throws Exception {
    for (MimeMessage m : got) {
      if (Eml.text(m).startsWith("Proof for") && Eml.text(m).split("\r?\n")[0].contains(contact)) {
        return m;
      }
    }
    throw new AssertionError("no proof for " + contact);
  }

  private static List<String> attachments(MimeMessage m) throws Exception {
    List<String> names = new ArrayList<>();
    for (Part p : Eml.leaves(m)) {
      if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
        names.add(p.getFileName());
      }
    }
    return names;
  }

  @Test
  void theJournalAndTheReportStayAsTheRealSendLeftThem() {
    CliRun.Result real = proofless("--only", WROBEL);
    assertEquals(0, real.exitCode(), real::toString);
    Path journal = dir.resolve("logs/sends.csv");
    String before = TestFiles.read(journal);
    String report = CliRun.in(dir).run("report", Samples.CAMPAIGN).out();
    mail.reset();

    CliRun.Result r = proof("--proof-to", REVIEWER, "--only", WROBEL);

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(1, received().size());
    assertEquals(before, TestFiles.read(journal));
    assertEquals(report, CliRun.in(dir).run("report", Samples.CAMPAIGN).out());
    // the proof counted for nobody: the real send still has everyone else to send to
    CliRun.Result rest = proofless();
    assertEquals(0, rest.exitCode(), rest::toString);
    assertContains(rest.out(), "14 sent");
  }

  private CliRun.Result proofless(String... more) {
    List<String> args = new ArrayList<>(List.of("send", Samples.TEMPLATE, "--yes"));
    args.addAll(List.of("--smtp-host", "127.0.0.1"));
    args.addAll(List.of("--smtp-port", String.valueOf(mail.getSmtp().getPort())));
    args.addAll(List.of("--smtp-security", "none"));
    args.addAll(Arrays.asList(more));
    return CliRun.in(dir).run(args.toArray(String[]::new));
  }

  @Test
  void onlyWhereAndLimitChooseTheContacts() throws Exception {
    CliRun.Result only =
        proof("--proof-to", REVIEWER, "--only", "Z.Kowalczyk@gazeta-bialostocka.example");
    assertEquals(0, only.exitCode(), only::toString);
    assertEquals(1, received().size());
    assertContains(Eml.text(received().get(0)), "Proof for Zofia Kowalczyk <");
    mail.reset();

    // w.desmet (en, health) is on the opt-out list: a real send would not mail him
    CliRun.Result where = proof("--proof-to", REVIEWER, "--where", "tags=health");
    assertEquals(0, where.exitCode(), where::toString);
    List<String> firstLines = new ArrayList<>();
    for (MimeMessage m : received()) {
      firstLines.add(Eml.text(m).split("\r?\n")[0]);
    }
    assertEquals(3, firstLines.size(), firstLines::toString);
    assertFalse(firstLines.toString().contains("w.desmet"), firstLines::toString);
    assertContains(firstLines.toString(), "g.rossi@quotidiano-regioni.example");
    mail.reset();

    CliRun.Result limited = proof("--proof-to", REVIEWER, "--where", "language=en", "--limit", "2");
    assertEquals(0, limited.exitCode(), limited::toString);
    assertEquals(2, received().size());
    assertContains(limited.out(), "pieter.vandenbroeck@brugse-techbode.example");
    assertContains(limited.out(), "g.rossi@quotidiano-regioni.example");
    assertFalse(limited.out().contains("s.schroeder"), limited::toString);
  }

  @Test
  void anOptedOutContactHasNoMessageToProof() {
    CliRun.Result r = proof("--proof-to", REVIEWER, "--only", "w.desmet@kempische-koerier.example");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "is on the opt-out list, so a real send would not mail them");
    assertEquals(0, received().size());
  }

  @Test
  void severalAddressesCommaSeparatedOrRepeatedEachGetEveryProofOnce() throws Exception {
    CliRun.Result r =
        proof(
            "--proof-to",
            REVIEWER + ", desk@next2met.example",
            "--proof-to",
            REVIEWER.toUpperCase());

    assertEquals(0, r.exitCode(), r::toString);
    List<String> to = new ArrayList<>();
    for (MimeMessage m : received()) {
      to.add(to(m));
    }
    assertEquals(4, to.size(), to::toString);
    assertEquals(2, to.stream().filter(REVIEWER::equals).count());
    assertEquals(2, to.stream().filter("desk@next2met.example"::equals).count());
    assertContains(r.out(), "Sent 4 proof messages (2 contacts, 2 proof addresses).");
  }

  @Test
  void aProofAddressIsCheckedAsAContactsIs() {
    for (String bad :
        List.of("", "anna\u200b.nowak@next2met.example", "not-an-address", REVIEWER + ",")) {
      CliRun.Result r = proof("--proof-to", bad);
      assertEquals(2, r.exitCode(), r::toString);
      assertContains(r.err(), "--proof-to: ");
      assertContains(r.err(), "nothing was sent");
    }
    CliRun.Result hidden = proof("--proof-to", "anna\u200b.nowak@next2met.example");
    assertContains(hidden.err(), "invisible character");
    assertEquals(0, received().size());
  }

  @Test
  void aContactsOwnAddressIsNeverAProofAddressInAnySpelling() {
    // a careless reviewer pastes a journalist's address: the proofs would show them others' mail
    CliRun.Result r = proof("--proof-to", REVIEWER + ",L.Wrobel@KURIER-PODLASKI.example");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "L.Wrobel@KURIER-PODLASKI.example (");
    assertContains(r.err(), "media.csv:2");
    assertContains(r.err(), "is a contact of this list");
    assertContains(r.err(), "Nothing was sent.");
    assertEquals(0, received().size());
  }

  @Test
  void anOptedOutAddressMayStillBeAReviewers() throws Exception {
    // the opt-out list is the journalists'; it does not apply to a colleague reading proofs, but
    // a contact row on it is still a contact
    CliRun.Result r = proof("--proof-to", "redakcja@dawny-tygodnik.example", "--limit", "1");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(1, received().size());
  }

  @Test
  void optionsThatMeanNothingForAProofAreRefused() {
    CliRun.Result r = proof("--proof-to", REVIEWER, "--dry-run");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "--proof-to cannot be combined with --dry-run");
    assertEquals(0, received().size());
  }

  @Test
  void copiesAreNamedNotSentAndAScheduleAheadDoesNotHoldAProof() throws Exception {
    TestFiles.write(
        dir,
        "templates/copies.md",
        """
        Subject: Copies for {{outlet}}
        From: Next2Met Press Office <press@next2met.example>
        Cc: desk@press-agency.example
        Bcc: archive@next2met.example
        Campaign: copies
        Send-At: 2030-01-01T09:00:00Z

        {{salutation}},

        A release with copies.
        """);
    CliRun.Result r =
        CliRun.in(dir)
            .run(
                "send",
                "templates/copies.md",
                "--smtp-host",
                "127.0.0.1",
                "--smtp-port",
                String.valueOf(mail.getSmtp().getPort()),
                "--smtp-security",
                "none",
                "--proof-to",
                REVIEWER,
                "--limit",
                "1");

    assertEquals(0, r.exitCode(), r::toString);
    List<MimeMessage> got = received();
    assertEquals(1, got.size(), "the copies get nothing: " + r);
    assertEquals(REVIEWER, to(got.get(0)));
    assertNull(got.get(0).getHeader("Cc"));
    assertContains(
        Eml.text(got.get(0)),
        "The real message also goes to Cc: desk@press-agency.example; Bcc:"
            + " archive@next2met.example. This proof went to no one else.");
  }

  @Test
  void withoutAServerProofsGoToTheirOwnFolderAndNothingIsEmailed() throws Exception {
    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE, "--proof-to", REVIEWER);

    assertEquals(0, r.exitCode(), r::toString);
    Path folder = dir.resolve("outbox/proofs/" + Samples.CAMPAIGN);
    List<Path> files = Eml.files(folder);
    assertEquals(2, files.size());
    for (Path f : files) {
      assertTrue(f.getFileName().toString().startsWith("proof-"), f::toString);
      Eml.assertLinesOk(f);
      MimeMessage m = Eml.parse(f);
      assertEquals(REVIEWER, to(m));
      assertTrue(m.getSubject().startsWith("[PROOF] "));
    }
    assertFalse(Files.exists(dir.resolve("outbox/" + Samples.CAMPAIGN)));
    assertFalse(Files.exists(dir.resolve("logs")));
    assertContains(rel(r.out()), "written to outbox/proofs/" + Samples.CAMPAIGN + "/:");
    assertContains(r.out(), "Nothing was emailed: no SMTP server is configured.");
    assertEquals(0, received().size());

    // a second proof run replaces the first one's files
    CliRun.Result again =
        CliRun.in(dir).run("send", Samples.TEMPLATE, "--proof-to", REVIEWER, "--only", WROBEL);
    assertEquals(0, again.exitCode(), again::toString);
    assertEquals(1, Eml.files(folder).size());
  }

  @Test
  void jsonListsEachProofWithItsContactAndOutcome() {
    CliRun.Result r = proof("--proof-to", REVIEWER, "--format", "json");

    assertEquals(0, r.exitCode(), r::toString);
    Map<String, Object> json = JsonText.object(r.out());
    assertEquals("proofs-sent", json.get("status"));
    assertEquals(2L, ((Number) json.get("sent")).longValue());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> proofs = (List<Map<String, Object>>) json.get("proofs");
    assertEquals(WROBEL, proofs.get(0).get("contact"));
    assertEquals("contacts/media.csv:2", rel((String) proofs.get(0).get("where")));
    assertEquals("pl variant", proofs.get(0).get("variant"));
    assertEquals(REVIEWER, proofs.get(0).get("to"));
    assertEquals("sent", proofs.get(0).get("outcome"));
    assertEquals("default variant: no fr variant", proofs.get(1).get("variant"));
  }

  /** One more contact than a filter may select without --limit. */
  private static final int MORE = ProofPicks.MAX_UNLIMITED + 1;

  @Test
  void aFilterSelectingManyContactsNeedsALimit() {
    StringBuilder csv =
        new StringBuilder("email,first_name,last_name,salutation,outlet,language\n");
    for (int i = 1; i <= MORE; i++) {
      csv.append("j").append(i).append("@paper.example,J,Doe,Dear J,Paper,en\n");
    }
    TestFiles.write(dir, "contacts/many.csv", csv.toString());

    CliRun.Result r =
        proof("--proof-to", REVIEWER, "--contacts", "contacts/many.csv", "--where", "outlet=Paper");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "--only/--where select " + MORE + " contacts");
    assertContains(r.err(), "add --limit N");
    assertEquals(0, received().size());
  }

  @Test
  void aProofAddressTheServerRefusesIsNamedWithExit3OrExit4WhenNothingWent() throws Exception {
    String gone = "gone@next2met.example";
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().rejectRecipient(gone, 550, "5.1.1 no such user").start()) {
      CliRun.Result some =
          CliRun.in(dir)
              .run(
                  Smtp.send(
                      server.host(),
                      server.port(),
                      "--proof-to",
                      REVIEWER + "," + gone,
                      "--only",
                      WROBEL));
      assertEquals(3, some.exitCode(), some::toString);
      assertContains(some.out(), "→ " + gone + ": refused by the server: 550 5.1.1 no such user");
      assertContains(some.out(), "Sent 1 of 2 proof messages");
      assertEquals(1, server.messagesTo(REVIEWER).size());

      CliRun.Result none =
          CliRun.in(dir)
              .run(Smtp.send(server.host(), server.port(), "--proof-to", gone, "--only", WROBEL));
      assertEquals(4, none.exitCode(), none::toString);
      assertEquals(1, server.acceptedCount());
      assertFalse(Files.exists(dir.resolve("logs")));
    }
  }

  @Test
  void anUnreachableServerIsExit4AndNothingIsSent() {
    CliRun.Result r =
        CliRun.in(dir).run(Smtp.send("127.0.0.1", Smtp.closedPort(), "--proof-to", REVIEWER));

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "No proof was sent.");
  }
}
