package dev.herald.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.FolderKey;
import dev.herald.InputLimits;
import dev.herald.campaign.Audience;
import dev.herald.campaign.Filter;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.contacts.Contact;
import dev.herald.testing.Samples;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages waiting to be sent hold their attachments by reference: every message of a run shares
 * the one encoded copy, so that a queue of messages with a 20 MB attachment is not 20 MB each.
 */
class BuiltPartsTest {
  @TempDir Path dir;

  @Test
  void messagesShareTheirAttachmentsEncodedBytesAndStillCarryThemWhole() throws Exception {
    Samples.copyTo(dir);
    LoadedCampaign v =
        LoadedCampaign.run(
            dir,
            dir.resolve(Samples.TEMPLATE),
            dir.resolve("contacts/media.csv"),
            Filter.ALL,
            InputLimits.DEFAULT,
            FolderKey.load(Map.of(), dir),
            Instant.now());
    List<Contact> contacts = new ArrayList<>();
    v.audience()
        .forEach(
            e -> {
              if (e.kind() == Audience.Kind.SELECTED && contacts.size() < 2) {
                contacts.add(e.contact());
              }
            });
    MessageBuilder builder =
        new MessageBuilder(
            Session.getInstance(new Properties()),
            Clock.systemUTC(),
            FolderKey.load(Map.of(), dir));
    MessageBuilder.Built first = builder.build(v.renderer().render(contacts.get(0)));
    MessageBuilder.Built second = builder.build(v.renderer().render(contacts.get(1)));

    assertEquals(3, first.wire().size(), "text, the attachment, the end of the message");
    assertSame(first.wire().get(1), second.wire().get(1), "one encoded copy for both");

    Part attachment = (Part) ((Multipart) first.message().getContent()).getBodyPart(1);
    assertEquals("next2met-fact-sheet.pdf", attachment.getFileName());
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    attachment.getDataHandler().writeTo(content);
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("templates/attachments/next2met-fact-sheet.pdf")),
        content.toByteArray());
    assertTrue(first.message().getSubject().contains("odlask"), first.message().getSubject());
  }
}
