package dev.herald.replies;

import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.mailserver.Failure;
import dev.herald.mailserver.MailSessions;
import dev.herald.mailserver.ServerConfig;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPMessage;

/**
 * The reply mailbox, one folder of it, open over IMAP for reading only. The folder is opened
 * read-only (IMAP EXAMINE) and bodies are read with BODY.PEEK, so herald never deletes, moves or
 * flags a message, and does not even mark one as read.
 *
 * <p>Headers come first, for every message in one round trip; a body is downloaded only for a
 * message that might answer a campaign and is within the size limit, and then in blocks, never more
 * than the limit.
 */
public final class ReplyMailbox implements AutoCloseable {

  /** Headers fetched up front: enough to key a message and to tell whether it might match. */
  private static final String[] HEADERS = {
    "Message-ID", "In-Reply-To", "References", "From", "Subject", "Date", "Content-Type"
  };

  /**
   * What the headers of one message say.
   *
   * @param received when the server received it (else when it was sent), or {@code null} if neither
   *     is known: the reply log then records the time of the fetch
   * @param size RFC822.SIZE as the server gave it, or -1 if it gave none (Jakarta Mail's {@code
   *     getSize}); an unknown size is not passed over, and the download stops at the limit instead
   */
  public record Header(
      int number,
      String key,
      String from,
      String subject,
      Instant received,
      long size,
      boolean mightMatch) {}

  private final ServerConfig server;
  private final Store store;
  private final Folder folder;

  private ReplyMailbox(ServerConfig server, Store store, Folder folder) {
    this.server = server;
    this.store = store;
    this.folder = folder;
  }

  /**
   * Logs in and opens {@code folderName} read-only.
   *
   * @throws HeraldException exit 4 if the server cannot be reached, TLS fails or the login is
   *     refused; exit 2 if there is no such folder
   */
  public static ReplyMailbox open(ServerConfig server, String folderName) {
    Objects.requireNonNull(server, "server");
    if (server.loginInTheClear()) {
      throw HeraldException.undeliverable(server.plaintextRefusal("imap"), null);
    }
    Store store;
    try {
      Store s = MailSessions.imap(server).getStore(MailSessions.imapProtocol(server.security()));
      store =
          server.signIn(
              secret -> {
                s.connect(server.host(), server.port(), server.user(), secret);
                return s;
              });
    } catch (MessagingException e) {
      throw unreachable(server, e);
    }
    try {
      Folder folder = store.getFolder(folderName);
      if (!folder.exists()) {
        throw HeraldException.input(
            "there is no folder '"
                + folderName
                + "' in the mailbox of "
                + server.user()
                + " at "
                + server.address()
                + folders(store)
                + ". Check --folder (default INBOX).");
      }
      folder.open(Folder.READ_ONLY);
      return new ReplyMailbox(server, store, folder);
    } catch (MessagingException e) {
      close(store);
      throw lost(server, e);
    } catch (RuntimeException e) {
      close(store);
      throw e;
    }
  }

  private static String folders(Store store) {
    try {
      List<String> names = new ArrayList<>();
      for (Folder f : store.getDefaultFolder().list("*")) {
        if (names.size() == 30) {
          names.add("…");
          break;
        }
        names.add(f.getFullName());
      }
      return names.isEmpty() ? "" : " (it has: " + String.join(", ", names) + ")";
    } catch (MessagingException | RuntimeException e) {
      return "";
    }
  }

  /** The folder's name on the server. */
  public String folderName() {
    return folder.getFullName();
  }

  /** The number of messages in the folder. */
  public int count() {
    try {
      return folder.getMessageCount();
    } catch (MessagingException e) {
      throw lost(server, e);
    }
  }

  /** The headers of every message, fetched in one round trip. */
  public List<Header> headers() {
    try {
      Message[] messages = folder.getMessages();
      FetchProfile profile = new FetchProfile();
      profile.add(FetchProfile.Item.ENVELOPE);
      profile.add(FetchProfile.Item.SIZE);
      for (String name : HEADERS) {
        profile.add(name);
      }
      folder.fetch(messages, profile);
      List<Header> headers = new ArrayList<>(messages.length);
      for (Message m : messages) {
        headers.add(header(m));
      }
      return headers;
    } catch (MessagingException e) {
      throw lost(server, e);
    }
  }

  private static Header header(Message m) throws MessagingException {
    String messageId = first(m, "Message-ID");
    String from = first(m, "From");
    String subjectHeader = first(m, "Subject");
    String date = first(m, "Date");
    String subject = DeliveryReport.decodeText(subjectHeader);
    List<String> ids = new ArrayList<>();
    for (String name : List.of("In-Reply-To", "References")) {
      String[] values = m.getHeader(name);
      if (values != null) {
        for (String v : values) {
          ids.addAll(Addresses.messageIds(MimeUtility.unfold(v)));
        }
      }
    }
    // The same tests ReplySorter makes to tie a reply to a campaign message: a reference, an
    // interview-link token, or something that may be a delivery report quoting the original.
    boolean mightMatch =
        !ids.isEmpty()
            || !ReplyWords.refTokens(subject).isEmpty()
            || ReplyWords.hasProofToken(subject)
            || MediaType.of(first(m, "Content-Type")).is("multipart/report")
            || Addresses.isMailSystem(Addresses.sender(from))
            || ReplyWords.isBounceSubject(ReplyWords.normalise(subject))
            // a mail client's Unsubscribe button (RFC 2369 mailto:) refers to no message
            || ReplyWords.asksToUnsubscribe(ReplyWords.normalise(subject));
    Date received = m.getReceivedDate();
    if (received == null) {
      received = m.getSentDate();
    }
    return new Header(
        m.getMessageNumber(),
        ReplyLog.key(ownMessageId(messageId), from, date, subjectHeader),
        Addresses.sender(from),
        subject,
        received == null ? null : received.toInstant(),
        m.getSize(),
        mightMatch);
  }

  /** As ReplySorter reads it: the first bracketed id, else the value as it is. */
  private static String ownMessageId(String value) {
    if (value == null) {
      return "";
    }
    List<String> ids = Addresses.messageIds(value);
    return ids.isEmpty() ? value.strip() : ids.get(0);
  }

  private static String first(Message m, String name) throws MessagingException {
    String[] values = m.getHeader(name);
    if (values == null || values.length == 0) {
      return null;
    }
    return PartReader.utf8Header(MimeUtility.unfold(values[0]));
  }

  /**
   * The whole message as sent (headers and body), or empty if it is larger than {@code maxBytes}:
   * the size the server gave was wrong, and the download stops there.
   */
  public Optional<byte[]> download(Header header, long maxBytes) {
    try {
      Message m = folder.getMessage(header.number());
      if (m instanceof IMAPMessage imap) {
        try (InputStream in = imap.getMimeStream()) {
          byte[] bytes = PartReader.readAtMost(in, maxBytes + 1);
          return bytes.length > maxBytes ? Optional.empty() : Optional.of(bytes);
        }
      }
      Bounded out = new Bounded(maxBytes);
      try {
        m.writeTo(out);
      } catch (TooLarge e) {
        return Optional.empty();
      }
      return Optional.of(out.toByteArray());
    } catch (MessagingException | IOException e) {
      throw lost(server, e);
    }
  }

  @Override
  public void close() {
    try {
      if (folder.isOpen()) {
        folder.close(false); // false: expunge nothing
      }
    } catch (MessagingException | RuntimeException e) {
      // closing a read-only folder changes nothing on the server; a failure there loses nothing
    }
    close(store);
  }

  private static void close(Store store) {
    try {
      store.close();
    } catch (MessagingException | RuntimeException e) {
      // as above: the server is left as it was
    }
  }

  /** A connection or login failure, worded as {@code herald send} words the same for SMTP. */
  static HeraldException unreachable(ServerConfig server, Exception e) {
    return new HeraldException(
        ExitCodes.UNDELIVERABLE,
        Failure.of(e).explain(server, "imap") + " Nothing was changed; a re-run continues.",
        e);
  }

  /** The connection broke after login. */
  private static HeraldException lost(ServerConfig server, Exception e) {
    return new HeraldException(
        ExitCodes.UNDELIVERABLE,
        "lost the connection to the IMAP server "
            + server.address()
            + " ("
            + server.security().label()
            + "): "
            + withoutPassword(server, String.valueOf(e.getMessage()).replaceAll("[\\r\\n]+", " "))
            + ". Nothing on the server was changed; a re-run continues.",
        e);
  }

  // A server that echoes the command it refused must not get the password into a log.
  private static String withoutPassword(ServerConfig server, String text) {
    return server.withoutSecrets(text);
  }

  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }

  private static final class Bounded extends OutputStream {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final long max;

    Bounded(long max) {
      this.max = max;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (out.size() + (long) len > max) {
        throw new TooLarge();
      }
      out.write(b, off, len);
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
