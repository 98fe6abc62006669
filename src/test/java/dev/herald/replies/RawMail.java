package dev.herald.replies;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Builds messages from raw RFC 5322 text, as a mailbox would hand them over. */
final class RawMail {

  static final String RELEASE_ID = "<herald.podlaskie-digitalisation.abc123@next2met.example>";

  private RawMail() {}

  /** Parses raw text; line ends become CRLF, the text is sent as UTF-8. */
  static MimeMessage parse(String raw) {
    return parse(crlf(raw).getBytes(StandardCharsets.UTF_8));
  }

  static MimeMessage parse(byte[] raw) {
    try {
      return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    } catch (MessagingException e) {
      throw new IllegalStateException("test message does not parse", e);
    }
  }

  /** A plain-text reply to the release, in UTF-8, with the given subject and body. */
  static String reply(String subject, String body) {
    return "Return-Path: <anna.nowak@kurier-podlaski.example>\n"
        + "From: Anna Nowak <Anna.Nowak@Kurier-Podlaski.example>\n"
        + "To: Next2Met Press Office <press@next2met.example>\n"
        + "Subject: "
        + encoded(subject)
        + "\n"
        + "Date: Tue, 21 Dec 2021 11:30:00 +0100\n"
        + "Message-ID: <CAF=reply.1@mail.kurier-podlaski.example>\n"
        + "In-Reply-To: "
        + RELEASE_ID
        + "\n"
        + "References: "
        + RELEASE_ID
        + "\n"
        + "MIME-Version: 1.0\n"
        + "Content-Type: text/plain; charset=UTF-8\n"
        + "Content-Transfer-Encoding: 8bit\n"
        + "\n"
        + body
        + "\n";
  }

  /** A header value as a mail client writes it: RFC 2047 encoded words when not ASCII. */
  static String encoded(String value) {
    try {
      return MimeUtility.fold(9, MimeUtility.encodeText(value, "UTF-8", "Q"));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String crlf(String text) {
    return text.replace("\r\n", "\n").replace("\n", "\r\n");
  }
}
