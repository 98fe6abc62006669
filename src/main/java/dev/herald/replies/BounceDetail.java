package dev.herald.replies;

import dev.herald.identity.EmailAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a delivery status notification says about why one recipient failed: the {@code Status} and
 * {@code Diagnostic-Code} of that recipient's block in the {@code message/delivery-status} part
 * (RFC 3464 sections 2.3.4 and 2.3.6), on one line, for the journal and the suppression list.
 */
public final class BounceDetail {
  /** Characters kept: enough for a server's reply, short enough for a spreadsheet cell. */
  static final int MAX_CHARS = 300;

  private static final int MAX_PARTS = 100;
  private static final int MAX_DEPTH = 5;
  private static final int MAX_STATUS_BYTES = 64 * 1024;

  private BounceDetail() {}

  /**
   * The status and diagnostic for {@code recipient} (or for the first failed recipient if none
   * names it), such as {@code 5.1.1 smtp; 550 5.1.1 User unknown}; "" if the report has no
   * delivery-status part. Never throws.
   */
  public static String of(MimeMessage report, String recipient, long maxBytes) {
    try {
      PartReader reader = new PartReader(maxBytes);
      RawPart status = find(reader, PartReader.whole(report), 0, new int[] {0});
      if (status == null) {
        return "";
      }
      String text =
          new String(reader.content(status, MAX_STATUS_BYTES), StandardCharsets.UTF_8)
              .replace("\r", "");
      return describe(text, recipient);
    } catch (IOException | MessagingException | RuntimeException e) {
      return "";
    }
  }

  private static RawPart find(PartReader reader, RawPart part, int depth, int[] visited)
      throws IOException, MessagingException {
    if (++visited[0] > MAX_PARTS) {
      return null;
    }
    MediaType type = PartReader.mediaType(part);
    if (type.is("message/delivery-status") || type.is("message/global-delivery-status")) {
      return part;
    }
    if (!type.isMultipart() || depth >= MAX_DEPTH) {
      return null;
    }
    for (RawPart child : reader.split(part, MAX_PARTS)) {
      RawPart found = find(reader, child, depth + 1, visited);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Reads the recipient blocks (blank-line separated fields, continuation lines folded). */
  static String describe(String deliveryStatus, String recipient) {
    String wanted = recipient == null ? "" : EmailAddress.found(recipient);
    String firstFailed = null;
    for (String block : deliveryStatus.split("\n[ \t]*\n")) {
      Map<String, String> fields = fields(block);
      String finalRecipient = fields.getOrDefault("final-recipient", "");
      String originalRecipient = fields.getOrDefault("original-recipient", "");
      if (finalRecipient.isEmpty() && originalRecipient.isEmpty()) {
        continue; // the per-message block
      }
      String line =
          String.join(
                  " ",
                  List.of(
                      fields.getOrDefault("status", ""),
                      fields.getOrDefault("diagnostic-code", "")))
              .strip();
      if (!wanted.isEmpty()
          && (EmailAddress.found(finalRecipient).contains(wanted)
              || EmailAddress.found(originalRecipient).contains(wanted))) {
        return cap(line);
      }
      String action = fields.getOrDefault("action", "").toLowerCase(Locale.ROOT);
      if (firstFailed == null && (action.isEmpty() || action.startsWith("failed"))) {
        firstFailed = line;
      }
    }
    return firstFailed == null ? "" : cap(firstFailed);
  }

  private static Map<String, String> fields(String block) {
    Map<String, String> fields = new LinkedHashMap<>();
    String last = null;
    for (String line : block.split("\n")) {
      boolean folded = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
      last = DeliveryReport.field(line, folded, last, fields);
    }
    return fields;
  }

  private static String cap(String text) {
    String one = text.replaceAll("\\s+", " ").strip();
    return one.length() <= MAX_CHARS ? one : one.substring(0, MAX_CHARS - 1) + "…";
  }
}
