package dev.herald.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The press office's mail server for a test: GreenMail with SMTP and IMAP on loopback at ports the
 * system picks, and one mailbox, the press office's, that replies are delivered into.
 */
public final class PressMailbox {
  public static final String ADDRESS = "press@next2met.example";
  public static final String LOGIN = "press";
  public static final String PASSWORD = "imap-secret-4711";

  private PressMailbox() {}

  /** A GreenMail extension for {@code @RegisterExtension}, fresh for every test method. */
  public static GreenMailExtension server() {
    return new GreenMailExtension(
            new ServerSetup[] {
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            })
        .withConfiguration(GreenMailConfiguration.aConfig().withUser(ADDRESS, LOGIN, PASSWORD))
        .withPerMethodLifecycle(true);
  }

  /** The environment that gives herald the mailbox's password. */
  public static Map<String, String> env() {
    return Map.of("HERALD_IMAP_PASSWORD", PASSWORD);
  }

  /** The fetch options that reach the mailbox over plain IMAP on loopback. */
  public static List<String> fetchOptions(GreenMailExtension mail) {
    return List.of(
        "--imap-host",
        "127.0.0.1",
        "--imap-port",
        String.valueOf(mail.getImap().getPort()),
        "--imap-security",
        "none",
        "--imap-user",
        LOGIN);
  }

  /** Delivers a message, given as raw RFC 5322 text (LF line ends, UTF-8), into the inbox. */
  public static void deliver(GreenMailExtension mail, String raw) {
    user(mail).deliver(parse(raw));
  }

  /** Parses raw text: line ends become CRLF, the text is sent as UTF-8. */
  public static MimeMessage parse(String raw) {
    String crlf = raw.replace("\r\n", "\n").replace("\n", "\r\n");
    try {
      return new MimeMessage(
          Session.getInstance(new Properties()),
          new ByteArrayInputStream(crlf.getBytes(StandardCharsets.UTF_8)));
    } catch (MessagingException e) {
      throw new IllegalStateException("test message does not parse", e);
    }
  }

  /** The messages in the inbox, as the server stores them (flags included). */
  public static List<StoredMessage> inbox(GreenMailExtension mail) {
    try {
      MailFolder inbox = mail.getManagers().getImapHostManager().getInbox(user(mail));
      return inbox.getMessages();
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each inbox message's flags, in order, as text: what a test compares before and after. */
  public static List<String> flags(GreenMailExtension mail) {
    return inbox(mail).stream()
        .map(m -> describe(m.getFlags()) + (m.isSet(Flags.Flag.SEEN) ? " seen" : " unseen"))
        .toList();
  }

  private static String describe(Flags flags) {
    return String.join(",", flags.getUserFlags()) + "/" + flags.getSystemFlags().length;
  }

  private static GreenMailUser user(GreenMailExtension mail) {
    return mail.getUserManager().getUserByEmail(ADDRESS);
  }
}
