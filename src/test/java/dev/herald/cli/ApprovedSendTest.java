package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import dev.herald.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send --approved}: what a reviewer approved in {@code preview} is what goes out, and any
 * change refuses the whole send (exit 2, nothing sent).
 */
class ApprovedSendTest {
  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  private static final String APPROVAL = "preview/approval.json";

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private CliRun.Result preview(String... more) {
    List<String> args = new ArrayList<>(List.of("preview", Samples.TEMPLATE));
    args.addAll(List.of(more));
    CliRun.Result r = CliRun.in(dir).run(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r::toString);
    return r;
  }

  /** A send an hour after the preview, to the outbox: the Date of every message differs. */
  private CliRun.Result outboxSend(String... more) {
    List<String> args = new ArrayList<>(List.of("send", Samples.TEMPLATE, "--approved", APPROVAL));
    args.addAll(List.of(more));
    return CliRun.in(dir).clock(later()).run(args.toArray(String[]::new));
  }

  private static Clock later() {
    return Clock.fixed(CliRun.NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC);
  }

  private int outboxCount() {
    Path box = dir.resolve("outbox").resolve(Samples.CAMPAIGN);
    return Files.isDirectory(box) ? Eml.files(box).size() : 0;
  }

  private void replace(String file, String from, String to) throws Exception {
    Path p = dir.resolve(file);
    String text = Files.readString(p);
    assertTrue(text.contains(from), from);
    Files.writeString(p, text.replace(from, to));
  }

  @Test
  void anUnchangedFolderSendsAlthoughTheDateDiffers() {
    preview();
    CliRun.Result r = outboxSend();

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, outboxCount());
  }

  @Test
  void aChangedTemplateWordIsRefused() throws Exception {
    preview();
    replace(Samples.TEMPLATE, "digital tools", "digital instruments");

    CliRun.Result r = outboxSend();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "templates/podlaskie-digitalisation.md: the template changed");
    assertContains(r.err(), "body differs");
    assertContains(r.err(), "nothing was sent");
    assertEquals(0, outboxCount());
  }

  @Test
  void aChangedAttachmentByteIsRefused() throws Exception {
    preview();
    Path pdf = dir.resolve("templates/attachments/next2met-fact-sheet.pdf");
    byte[] b = Files.readAllBytes(pdf);
    b[b.length / 2] ^= 1;
    Files.write(pdf, b);

    CliRun.Result r = outboxSend();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(
        r.err(), "templates/attachments/next2met-fact-sheet.pdf: the attachment changed");
    assertContains(r.err(), "attachments differs");
    assertEquals(0, outboxCount());
  }

  @Test
  void anAddedContactRowIsRefused() throws Exception {
    preview();
    Files.writeString(
        dir.resolve("contacts/media.csv"),
        "new.reporter@example.com,Nina,Nowak,Dear Ms Nowak,New Outlet,tech,en,PL,\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);

    CliRun.Result r = outboxSend();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "new.reporter@example.com: not in ");
    assertContains(r.err(), "a contact row added");
    assertEquals(0, outboxCount());
  }

  @Test
  void aRemovedContactRowIsRefused() throws Exception {
    preview();
    Path csv = dir.resolve("contacts/media.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    String gone = lines.remove(3);

    Files.write(csv, lines);
    CliRun.Result r = outboxSend();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), gone.substring(0, gone.indexOf(',')) + ": approved (line 4)");
    assertContains(r.err(), "a contact row removed");
    assertEquals(0, outboxCount());
  }

  @Test
  void aChangedContactValueNamesTheRecipientAndThePart() throws Exception {
    preview();
    replace("contacts/media.csv", "Szanowny Panie Redaktorze,Kurier", "Drogi Panie,Kurier");

    CliRun.Result r = outboxSend();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "contacts/media.csv:2: l.wrobel@kurier-podlaski.example: body differs");
  }

  @Test
  void aNewOptOutAndARerunAfterAPartialSendAreNoDifference() throws Exception {
    preview();
    CliRun.Result first = outboxSend("--limit", "3");
    assertEquals(0, first.exitCode(), first::toString);
    Files.writeString(
        dir.resolve("contacts/optout.csv"),
        "z.kowalczyk@gazeta-bialostocka.example,phoned,2026-11-27\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);

    CliRun.Result r = outboxSend("--only", "a.zolkiewska@tygodnik-wschodni.example");

    assertEquals(0, r.exitCode(), r::toString);
  }

  @Test
  void aContactTakenOffTheOptOutListSinceTheApprovalIsADifference() throws Exception {
    preview();
    // the reviewer saw De Smet among those left out; someone then removes the opt-out
    replace(
        "contacts/optout.csv",
        "W.DeSmet@Kempische-Koerier.example,asked to be removed by phone,2025-11-03\n",
        "");

    CliRun.Result r = outboxSend();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "w.desmet@kempische-koerier.example: on the opt-out list when the");
    assertEquals(0, outboxCount());
  }

  @Test
  void aPreviewWithLimitApprovesOnlyWhatTheReviewerSaw() {
    CliRun.Result p = preview("--limit", "3");
    assertContains(p.out(), "Only the first 3 were previewed");

    CliRun.Result all = outboxSend();
    assertEquals(2, all.exitCode(), all::toString);
    assertContains(all.err(), "beyond the 3 recipients approved (preview --limit 3)");

    CliRun.Result three = outboxSend("--limit", "3");
    assertEquals(0, three.exitCode(), three::toString);
    assertEquals(3, outboxCount());
  }

  @Test
  void aSubsetOfWhatWasApprovedMaySendAndARecipientOutsideItMayNot() {
    preview("--where", "language=pl");

    CliRun.Result one = outboxSend("--only", "l.wrobel@kurier-podlaski.example");
    assertEquals(0, one.exitCode(), one::toString);

    CliRun.Result all = outboxSend();
    assertEquals(2, all.exitCode(), all::toString);
    assertContains(all.err(), "(preview --where language=pl)");
  }

  @Test
  void aMalformedManifestIsRefusedWithAClearMessage() throws Exception {
    preview();
    Path m = dir.resolve(APPROVAL);
    String good = Files.readString(m);
    String[][] cases = {
      {good.substring(0, good.length() / 2), "not valid JSON"},
      {"[1, 2]", "not a JSON object"},
      {"{\"name\": \"something else\"}", "no \"format\": \"herald-approval\""},
      {good.replace("\"version\": 1", "\"version\": 7"), "format version 7"},
      {good.replaceFirst("\"sha256\": \"[0-9a-f]", "\"sha256\": \"0"), "does not match its seal"},
      {"\u0000\u00ff", "not"},
    };
    for (String[] c : cases) {
      Files.writeString(m, c[0], StandardCharsets.ISO_8859_1);
      CliRun.Result r = outboxSend();
      assertEquals(2, r.exitCode(), r::toString);
      assertContains(r.err(), "approval.json is not an approval herald can use");
      assertContains(r.err(), c[1]);
      assertFalse(r.err().contains("Exception"), r::toString);
    }
    Files.delete(m);
    CliRun.Result missing = outboxSend();
    assertEquals(2, missing.exitCode(), missing::toString);
    assertContains(missing.err(), "no such file");
    assertEquals(0, outboxCount());
  }

  @Test
  void aManifestMadeWithAnotherKeyIsRefused() {
    preview();
    CliRun.Result r =
        CliRun.in(dir)
            .env(java.util.Map.of("HERALD_KEY", "another-secret-0123456789-abcdefghijklmn"))
            .run("send", Samples.TEMPLATE, "--approved", APPROVAL);

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "another working folder key");
  }

  @Test
  void aRealSendWithApprovalReachesEveryRecipient() {
    preview();
    CliRun.Result r =
        CliRun.in(dir)
            .clock(later())
            .run(
                Smtp.send(
                    mail.getSmtp().getBindTo(), mail.getSmtp().getPort(), "--approved", APPROVAL));

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, mail.getReceivedMessages().length);
  }

  @Test
  void approvalRequireRefusesARealSendWithoutApproval() {
    TestFiles.write(dir, "herald.properties", "approval.require = true\n");
    CliRun.Result r =
        CliRun.in(dir).run(Smtp.send(mail.getSmtp().getBindTo(), mail.getSmtp().getPort()));

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "approval.require) is true: a send over SMTP needs --approved");
    assertContains(r.err(), "--approved preview/approval.json");
    assertEquals(0, mail.getReceivedMessages().length);

    preview();
    CliRun.Result approved =
        CliRun.in(dir)
            .run(
                Smtp.send(
                    mail.getSmtp().getBindTo(), mail.getSmtp().getPort(), "--approved", APPROVAL));
    assertEquals(0, approved.exitCode(), approved::toString);
    assertEquals(15, mail.getReceivedMessages().length);
  }

  @Test
  void approvalRequireLeavesTheOutboxAndDryRunsAlone() {
    TestFiles.write(dir, "herald.properties", "approval.require = true\n");

    CliRun.Result dry = CliRun.in(dir).run("send", Samples.TEMPLATE, "--dry-run");
    assertEquals(0, dry.exitCode(), dry::toString);
    assertContains(
        dry.err(), "note: approval.require is true: a send over SMTP without --approved");
    CliRun.Result outbox = CliRun.in(dir).run("send", Samples.TEMPLATE);
    assertEquals(0, outbox.exitCode(), outbox::toString);
    assertEquals(15, outboxCount());
  }

  @Test
  void theEnvironmentCannotSwitchOffApprovalRequireSetInTheFile() {
    TestFiles.write(dir, "herald.properties", "approval.require = true\n");
    CliRun.Result r =
        CliRun.in(dir)
            .env(java.util.Map.of("HERALD_APPROVAL_REQUIRE", "false"))
            .run(Smtp.send(mail.getSmtp().getBindTo(), mail.getSmtp().getPort()));

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "needs --approved");
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void aBadApprovalRequireValueNamesTheKey() {
    TestFiles.write(dir, "herald.properties", "approval.require = yes please\n");

    CliRun.Result r = CliRun.in(dir).run("send", Samples.TEMPLATE, "--dry-run");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "approval.require");
    assertContains(r.err(), "must be true or false");
  }

  @Test
  void aDryRunWithApprovalChecksIt() throws Exception {
    preview();
    replace(Samples.TEMPLATE, "digital tools", "digital instruments");

    CliRun.Result r =
        CliRun.in(dir).run("send", Samples.TEMPLATE, "--dry-run", "--approved", APPROVAL);

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "body differs");
  }
}
