package dev.herald.replies;

import dev.herald.identity.EmailAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads delivery status notifications: the machine-readable {@code message/delivery-status} part of
 * RFC 3464, the returned headers of the message that failed, and, for servers that send a
 * plain-text report instead, the same facts from the text as far as they can be found.
 */
final class DeliveryReport {

  /** One recipient's block of a {@code message/delivery-status} part. */
  record RecipientStatus(String finalRecipient, String originalRecipient, String action) {

    /**
     * Whether this recipient failed. RFC 3464 requires Action; a block without one is read as a
     * failure, since the report was sent because something went wrong.
     */
    boolean failed() {
      return action.isEmpty() || action.equals("failed");
    }

    /**
     * The address herald sent to. Original-Recipient is the address as the sender gave it;
     * Final-Recipient may be where an alias or a forward led, which is not in the contact list. So
     * the original wins when the report has it.
     */
    String recipient() {
      return originalRecipient.isEmpty() ? finalRecipient : originalRecipient;
    }
  }

  /** What the returned headers of the failed message say. Empty strings when unknown. */
  record ReturnedHeaders(String messageId, String subject, String to) {
    static final ReturnedHeaders NONE = new ReturnedHeaders("", "", "");
  }

  /** Blocks read from a delivery-status part; more are not plausible for one press release. */
  private static final int MAX_BLOCKS = 1000;

  /** Lines in a text report that start the returned message, after the diagnostic text. */
  private static final Pattern RETURNED_MESSAGE_MARKER =
      Pattern.compile(
          "^\\s*(?:-{2,}.*(?:copy of|original message|returned message|message follows"
              + "|headers of|below this line)"
              + "|(?:original message headers|original message follows)"
              + "|(?:received|return-path|dkim-signature|message-id|mime-version|content-type)"
              + "\\s*:)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern RECIPIENT_FIELD =
      Pattern.compile(
          "^\\s*(?:original|final)-recipient\\s*:\\s*(?:[a-z0-9-]+\\s*;)?"
              + "\\s*<?([^\\s<>;@]+@[^\\s<>;@]+)",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  private static final Pattern RCPT_TO =
      Pattern.compile("rcpt to\\s*:\\s*<([^\\s<>@]+@[^\\s<>@]+)>", Pattern.CASE_INSENSITIVE);

  /** Postfix's text part: "&lt;anna@example.org&gt;: host mx.example.org said: 550 …". */
  private static final Pattern POSTFIX_RECIPIENT =
      Pattern.compile("^\\s*<([^\\s<>@]+@[^\\s<>@]+)>\\s*:", Pattern.MULTILINE);

  private static final Pattern TEXT_HEADER =
      Pattern.compile("^(message-id|subject|to)\\s*:\\s*(.*)$", Pattern.CASE_INSENSITIVE);

  private DeliveryReport() {}

  /** Parses the recipient blocks of a {@code message/delivery-status} part. */
  static List<RecipientStatus> recipients(String deliveryStatus) {
    List<RecipientStatus> recipients = new ArrayList<>();
    Map<String, String> fields = new LinkedHashMap<>();
    String lastField = null;
    int blocks = 0;
    for (String line : (deliveryStatus + "\n\n").split("\r?\n", -1)) {
      if (line.isBlank()) {
        if (!fields.isEmpty()) {
          addRecipient(fields, recipients);
          fields.clear();
          if (++blocks >= MAX_BLOCKS) {
            break;
          }
        }
        lastField = null;
        continue;
      }
      lastField = field(line, Character.isWhitespace(line.charAt(0)), lastField, fields);
    }
    return recipients;
  }

  /**
   * Reads one line of a block of fields into {@code fields} and returns the field a continuation
   * line after it belongs to: a {@code continuation} line is added to {@code last}'s value, and
   * "Name: value" keeps the first value of the lower-case name.
   */
  static String field(String line, boolean continuation, String last, Map<String, String> fields) {
    if (continuation && last != null) {
      fields.merge(last, " " + line.strip(), String::concat);
      return last;
    }
    int colon = line.indexOf(':');
    if (colon > 0) {
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      fields.putIfAbsent(name, line.substring(colon + 1).strip());
      return name;
    }
    return last;
  }

  private static void addRecipient(Map<String, String> fields, List<RecipientStatus> out) {
    String finalRecipient = address(fields.get("final-recipient"));
    String originalRecipient = address(fields.get("original-recipient"));
    if (finalRecipient.isEmpty() && originalRecipient.isEmpty()) {
      return; // the per-message block, or noise
    }
    String action = fields.getOrDefault("action", "").strip().toLowerCase(Locale.ROOT);
    int space = action.indexOf(' ');
    out.add(
        new RecipientStatus(
            finalRecipient, originalRecipient, space < 0 ? action : action.substring(0, space)));
  }

  /** "rfc822; Anna@Example.org" to "anna@example.org" (RFC 3464 section 2.3.1). */
  private static String address(String field) {
    if (field == null) {
      return "";
    }
    int semicolon = field.indexOf(';');
    String value = (semicolon < 0 ? field : field.substring(semicolon + 1)).strip();
    if (value.startsWith("<") && value.endsWith(">")) {
      value = value.substring(1, value.length() - 1).strip();
    }
    return value.contains("@") ? EmailAddress.found(value) : "";
  }

  /**
   * Reads the returned headers ({@code text/rfc822-headers}) or the head of a returned message
   * ({@code message/rfc822}).
   */
  static ReturnedHeaders returnedHeaders(byte[] headerBytes) {
    try {
      InternetHeaders headers = PartReader.headers(headerBytes);
      return new ReturnedHeaders(
          firstMessageId(headers.getHeader("Message-ID", null)),
          decodeText(headers.getHeader("Subject", null)),
          unfolded(headers.getHeader("To", null)));
    } catch (IOException | RuntimeException e) {
      return ReturnedHeaders.NONE;
    }
  }

  /**
   * Finds the returned headers in a plain-text report: the Message-ID, Subject and To lines after
   * the diagnostic text, or anywhere if the report marks no returned message.
   */
  static ReturnedHeaders returnedHeaders(String reportText) {
    List<String> lines = List.of(reportText.split("\r?\n", -1));
    int start = returnedMessageStart(lines);
    String messageId = "";
    String subject = "";
    String to = "";
    for (int i = Math.max(0, start); i < lines.size(); i++) {
      Matcher matcher = TEXT_HEADER.matcher(lines.get(i));
      if (!matcher.matches()) {
        continue;
      }
      StringBuilder value = new StringBuilder(matcher.group(2));
      for (int j = i + 1; j < lines.size() && startsWithSpace(lines.get(j)); j++) {
        value.append(' ').append(lines.get(j).strip());
      }
      String name = matcher.group(1).toLowerCase(Locale.ROOT);
      if (name.equals("message-id") && messageId.isEmpty()) {
        messageId = firstMessageId(value.toString());
      } else if (name.equals("subject") && subject.isEmpty()) {
        subject = decodeText(value.toString());
      } else if (name.equals("to") && to.isEmpty() && start >= 0) {
        to = value.toString().strip();
      }
    }
    return new ReturnedHeaders(messageId, subject, to);
  }

  /**
   * The failed recipient as a text report names it, lower case, or "": a Final-Recipient or
   * Original-Recipient line, an SMTP "RCPT TO:&lt;…&gt;", or Postfix's "&lt;addr&gt;:" line, in the
   * diagnostic text before the returned message.
   */
  static String recipientFromText(String reportText) {
    String diagnostic = diagnosticText(reportText);
    for (Pattern pattern : List.of(RECIPIENT_FIELD, RCPT_TO, POSTFIX_RECIPIENT)) {
      Matcher matcher = pattern.matcher(diagnostic);
      if (matcher.find()) {
        return EmailAddress.found(matcher.group(1));
      }
    }
    return "";
  }

  /**
   * The last resort for a report that names its recipient nowhere else: the first address in the
   * diagnostic text that is not one of {@code excluded} (the report's own sender and recipients)
   * nor a mail system's, or "".
   */
  static String firstAddress(String reportText, Set<String> excluded) {
    for (String address : Addresses.find(diagnosticText(reportText))) {
      if (!excluded.contains(address) && !Addresses.isMailSystem(address)) {
        return address;
      }
    }
    return "";
  }

  private static String diagnosticText(String reportText) {
    List<String> lines = List.of(reportText.split("\r?\n", -1));
    int start = returnedMessageStart(lines);
    return start < 0 ? reportText : String.join("\n", lines.subList(0, start));
  }

  /** The line where the returned message starts, or -1 if the report marks none. */
  private static int returnedMessageStart(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (RETURNED_MESSAGE_MARKER.matcher(lines.get(i)).lookingAt()) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWithSpace(String line) {
    return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
  }

  private static String firstMessageId(String value) {
    if (value == null) {
      return "";
    }
    List<String> ids = Addresses.messageIds(value);
    return ids.isEmpty() ? "" : ids.get(0);
  }

  private static String unfolded(String value) {
    return value == null ? "" : MimeUtility.unfold(value).strip();
  }

  /** Decodes RFC 2047 encoded words; an undecodable subject is kept as it is. */
  static String decodeText(String value) {
    if (value == null) {
      return "";
    }
    String unfolded = unfolded(value);
    try {
      return MimeUtility.decodeText(unfolded).strip();
    } catch (UnsupportedEncodingException | RuntimeException e) {
      return unfolded;
    }
  }
}
