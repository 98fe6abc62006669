package dev.herald.delivery;

import dev.herald.Display;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.journal.TemplateRecord;
import dev.herald.mailserver.Failure;
import dev.herald.mailserver.MailSessions;
import dev.herald.mailserver.ServerConfig;
import dev.herald.message.MessageBuilder;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Keeps a copy of each message the SMTP server accepted in the mailbox's Sent folder ({@code send
 * --save-sent}), so that colleagues find it where their mail client keeps what was sent.
 *
 * <p>Each copy is appended (IMAP APPEND, RFC 9051 section 6.3.12) with the {@code \Seen} flag as
 * soon as the message's {@code sent} line is on disk, over one IMAP session opened for the first
 * message, and a {@code saved} line is journalled after it. A re-run sends nothing already sent, so
 * it appends nothing twice. A message whose APPEND failed (or whose run stopped in between) is not
 * appended by a later run: its {@code sent} line has no {@code saved} line after it.
 *
 * <p>A failure here never touches the send: the message is sent and journalled already. It is
 * counted and reported, and if the mailbox cannot be reached at all, no later message of the run
 * tries again (one failure, not one per message).
 *
 * <p>The folder is the one named, else the one the server marks {@code \Sent} (IMAP SPECIAL-USE,
 * RFC 6154), else "Sent". A folder that does not exist is not created: the server's TRYCREATE (RFC
 * 9051 section 7.1) is reported, since creating a folder in a shared office mailbox is for its
 * owner to decide.
 */
public final class SentFolder implements AutoCloseable {

  /** A message the server accepted whose copy could not be kept. */
  public record Failed(String recipient, String reason) {}

  /** The folder name used when none is named and the server marks none as {@code \Sent}. */
  public static final String DEFAULT = "Sent";

  private final ServerConfig server;
  private final String named;
  private final Journal journal;
  private final String campaign;
  private final TemplateRecord template;
  private final Clock clock;

  private final List<Failed> failed = new ArrayList<>();
  private int saved;
  private Store store;
  private Folder folder;
  private String resolved; // the folder's name once known
  private String broken; // why the mailbox cannot be used; no later message tries again

  /**
   * @param named the folder to append to, or null for the server's {@code \Sent} folder
   */
  public SentFolder(
      ServerConfig server,
      String named,
      Journal journal,
      String campaign,
      TemplateRecord template,
      Clock clock) {
    this.server = Objects.requireNonNull(server, "server");
    this.named = named == null || named.isBlank() ? null : named;
    this.journal = Objects.requireNonNull(journal, "journal");
    this.campaign = Objects.requireNonNull(campaign, "campaign");
    this.template = Objects.requireNonNull(template, "template");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Appends a copy of {@code m}, sent to {@code recipient}, and journals it as {@code saved}.
   * Called by the connections, one at a time. An APPEND failure is counted, never thrown; only a
   * journal that cannot be written is (it stops the run, as everywhere else).
   */
  public synchronized void save(String recipient, MessageBuilder.Built m) {
    if (broken == null && server.loginInTheClear()) {
      broken = server.plaintextRefusal("imap");
    }
    if (broken != null) {
      failed.add(new Failed(recipient, broken));
      return;
    }
    try {
      Folder f = folder();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      m.writeTo(bytes); // as kept in a file: with its Bcc, which the sender's copy shows
      MimeMessage copy =
          new MimeMessage(
              Session.getInstance(new Properties()), new ByteArrayInputStream(bytes.toByteArray()));
      copy.setFlag(Flags.Flag.SEEN, true);
      f.appendMessages(new Message[] {copy});
    } catch (MessagingException | IOException | RuntimeException e) {
      boolean signedIn = store != null && store.isConnected();
      String reason = reason(e, signedIn);
      if (folder == null || !signedIn) {
        broken = reason;
        close();
      }
      failed.add(new Failed(recipient, reason));
      return;
    }
    saved++;
    journal.appendDurably(
        new JournalEntry(
            clock.instant(),
            campaign,
            recipient,
            Outcome.SAVED,
            resolved,
            m.messageId(),
            template.path(),
            template.hash()));
  }

  private Folder folder() throws MessagingException {
    if (folder != null) {
      return folder;
    }
    store = MailSessions.imapStore(MailSessions.imap(server), server);
    String name = named == null ? specialUseSent(store) : named;
    resolved = name;
    Folder f = store.getFolder(name);
    if (!f.exists()) {
      throw new MessagingException(
          "there is no folder '" + name + "'; create it, or name another with --save-sent=FOLDER");
    }
    folder = f;
    return f;
  }

  /** The folder the server marks {@code \Sent} (RFC 6154), else {@link #DEFAULT}. */
  private static String specialUseSent(Store store) throws MessagingException {
    for (Folder f : store.getDefaultFolder().list("*")) {
      if (f instanceof IMAPFolder imap) {
        for (String attribute : imap.getAttributes()) {
          if ("\\Sent".equalsIgnoreCase(attribute)) {
            return f.getFullName();
          }
        }
      }
    }
    return DEFAULT;
  }

  /** Why, in one line and without secrets; a failure to connect or sign in worded as for SMTP. */
  private String reason(Exception e, boolean signedIn) {
    String text =
        !signedIn && store == null
            ? Failure.of(e).explain(server, "imap")
            : server.address() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
    // a server's NO text, or a folder name it listed, could carry terminal escapes
    return Display.reply(server.withoutSecrets(text.replaceAll("[\\r\\n]+", " ").strip()));
  }

  /** How many copies were kept. */
  public synchronized int saved() {
    return saved;
  }

  /** The accepted messages whose copy could not be kept, in the order they were sent. */
  public synchronized List<Failed> failed() {
    return List.copyOf(failed);
  }

  /** The folder the copies go to, once known (else the one named, or null). */
  public synchronized String folderName() {
    String name = resolved != null ? resolved : named;
    return name == null ? null : Display.reply(name);
  }

  @Override
  public synchronized void close() {
    folder = null;
    if (store != null) {
      try {
        store.close();
      } catch (MessagingException | RuntimeException e) {
        // nothing to undo: every append either completed or was reported
      }
      store = null;
    }
  }
}
