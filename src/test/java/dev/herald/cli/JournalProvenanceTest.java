package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.testing.CliRun;
import dev.herald.testing.SendJournal;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each journal line of a real send records the subject as rendered for that contact, and the
 * contact's {@code source} and {@code legal_basis}: what a follow-up threads under and what answers
 * "why did you write to me?".
 */
class JournalProvenanceTest {
  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  private CliRun.Result send(String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "send",
                "templates/release.md",
                "--smtp-host",
                mail.getSmtp().getBindTo(),
                "--smtp-port",
                String.valueOf(mail.getSmtp().getPort()),
                "--smtp-security",
                "none",
                "--yes"));
    args.addAll(List.of(more));
    return CliRun.in(dir).run(args.toArray(String[]::new));
  }

  @Test
  void subjectSourceAndLegalBasisAreJournalledPerContact() {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: Podlaskie for {{outlet}}, \"Next2Met\"\nFrom: Press <press@herald.example>\n\n"
            + "Hello {{first_name}}\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,first_name,outlet,source,legal_basis\n"
            + "a@news.example,Anna,Kurier Podlaski,public editorial address,legitimate interest\n"
            + "b@news.example,Jean,Le Soir,\"met at the fair, Brussels\",consent 2026-03-02\n"
            + "c@news.example,Ewa,Gazeta,,\n");
    CliRun.Result r = send();
    assertEquals(0, r.exitCode(), r::toString);

    List<JournalEntry> sent =
        SendJournal.entries(dir).stream().filter(e -> e.outcome() == Outcome.SENT).toList();
    assertEquals(3, sent.size());
    JournalEntry a = byRecipient(sent, "a@news.example");
    assertEquals("Podlaskie for Kurier Podlaski, \"Next2Met\"", a.subject());
    assertEquals("public editorial address", a.contactSource());
    assertEquals("legitimate interest", a.legalBasis());
    JournalEntry b = byRecipient(sent, "b@news.example");
    assertEquals("Podlaskie for Le Soir, \"Next2Met\"", b.subject());
    assertEquals("met at the fair, Brussels", b.contactSource());
    assertEquals("consent 2026-03-02", b.legalBasis());
    JournalEntry c = byRecipient(sent, "c@news.example");
    assertEquals("", c.contactSource());
    assertEquals("", c.legalBasis());
  }

  @Test
  void theOutboxRecordsThemToo() {
    TestFiles.write(
        dir,
        "templates/release.md",
        "Subject: Zażółć {{outlet}}\nFrom: Press <press@herald.example>\n\nHello\n");
    TestFiles.write(
        dir,
        "contacts/media.csv",
        "email,outlet,source,legal_basis\na@news.example,Kurier,web form,consent 2026-01-05\n");
    CliRun.Result r = CliRun.in(dir).run("send", "templates/release.md", "--yes");
    assertEquals(0, r.exitCode(), r::toString);
    JournalEntry e = SendJournal.entries(dir).get(0);
    assertEquals(Outcome.OUTBOX, e.outcome());
    assertEquals("Zażółć Kurier", e.subject());
    assertEquals("web form", e.contactSource());
    assertEquals("consent 2026-01-05", e.legalBasis());
  }

  private static JournalEntry byRecipient(List<JournalEntry> entries, String recipient) {
    return entries.stream().filter(e -> e.recipient().equals(recipient)).findFirst().orElseThrow();
  }
}
