package dev.herald.approval;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.campaign.Audience;
import dev.herald.campaign.Filter;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.contacts.Contact;
import dev.herald.delivery.SendRun;
import dev.herald.journal.CampaignState;
import dev.herald.message.MessageBuilder;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import jakarta.mail.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check a send keeps after {@code --approved} passed: each message is compared again as it is
 * built for sending, so a file changed between the check and the send stops the run before the
 * changed message goes out. And the digest itself: the same message at another time hashes the
 * same, another message does not.
 */
class ApprovalGuardTest {
  @TempDir Path dir;

  private FolderKey key() {
    return FolderKey.load(Map.of(), dir);
  }

  private LoadedCampaign campaign() {
    return LoadedCampaign.run(
        dir,
        dir.resolve(Samples.TEMPLATE),
        dir.resolve("contacts/media.csv"),
        Filter.ALL,
        InputLimits.DEFAULT,
        key(),
        CliRun.NOW);
  }

  private MessageBuilder builder(Clock clock) {
    return new MessageBuilder(Session.getInstance(new Properties()), clock, key());
  }

  private static Contact first(LoadedCampaign v) {
    List<Contact> contacts = new ArrayList<>();
    v.audience()
        .forEach(
            e -> {
              if (e.kind() == Audience.Kind.SELECTED && contacts.isEmpty()) {
                contacts.add(e.contact());
              }
            });
    return contacts.get(0);
  }

  @Test
  void aMessageHashesTheSameAtAnotherTimeAndWithOtherBoundaries() {
    Samples.copyTo(dir);
    LoadedCampaign v = campaign();
    Contact c = first(v);
    Clock later = Clock.fixed(CliRun.NOW.plus(Duration.ofDays(3)), ZoneOffset.UTC);

    String now = Fingerprint.message(builder(Clock.systemUTC()).build(v.renderer().render(c)));
    String then = Fingerprint.message(builder(later).build(v.renderer().render(c)));

    assertEquals(now, then);
  }

  @Test
  void anAttachmentChangedAfterTheCheckStopsThatMessage() throws Exception {
    Samples.copyTo(dir);
    assertEquals(0, CliRun.in(dir).run("preview", Samples.TEMPLATE).exitCode());
    LoadedCampaign v = campaign();
    SendRun run =
        new SendRun(
            v,
            CampaignState.load(dir.resolve("logs/sends.csv"), v.templates().campaign()),
            new SendRun.Options(false, 0, 1, 0, 1, Duration.ofMillis(1)));
    BiConsumer<Contact, MessageBuilder.Built> guard =
        ApprovalCheck.check(
            dir.resolve("preview/approval.json"),
            v,
            run,
            dir,
            dir.resolve("contacts/media.csv"),
            builder(Clock.systemUTC()),
            key());
    Contact c = first(v);
    MessageBuilder.Built before = builder(Clock.systemUTC()).build(v.renderer().render(c));
    guard.accept(c, before); // as checked: goes out

    Path pdf = dir.resolve("templates/attachments/next2met-fact-sheet.pdf");
    byte[] b = Files.readAllBytes(pdf);
    b[0] ^= 1;
    Files.write(pdf, b);
    MessageBuilder.Built after = builder(Clock.systemUTC()).build(v.renderer().render(c));

    assertNotEquals(Fingerprint.message(before), Fingerprint.message(after));
    HeraldException e = assertThrows(HeraldException.class, () -> guard.accept(c, after));
    assertEquals(2, e.exitCode());
    assertContains(e.getMessage(), "the message differs from the one checked against");
    assertContains(e.getMessage(), "it was not sent, and the run stopped");
  }
}
