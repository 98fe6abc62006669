package dev.herald.replies;

import dev.herald.replies.DeliveryReport.ReturnedHeaders;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One pass over a reply's parts, bounded in depth and count, that finds the parts the sorter reads:
 * the first text/plain and text/html that are not attachments, a delivery status, and the returned
 * headers of a delivery report. mime4j has no limit on nesting, so the depth is counted here.
 */
final class PartWalk {
  private final int maxDepth;
  private final PartReader reader;

  private int visited;
  private boolean damaged;
  private RawPart plain;
  private RawPart html;
  private RawPart deliveryStatus;
  private RawPart returned;

  PartWalk(int maxDepth, PartReader reader) {
    this.maxDepth = maxDepth;
    this.reader = reader;
  }

  /** Whether a multipart or a text could not be read: the reply is then sorted as OTHER. */
  boolean damaged() {
    return damaged;
  }

  void visit(RawPart part, int depth) {
    if (visited >= ReplySorter.MAX_PARTS) {
      return;
    }
    visited++;
    MediaType type = PartReader.mediaType(part);
    if (type.isMultipart()) {
      if (depth >= maxDepth) {
        return; // deeper parts are ignored
      }
      List<RawPart> children;
      try {
        children = reader.split(part, ReplySorter.MAX_PARTS - visited);
      } catch (IOException | MessagingException | RuntimeException e) {
        damaged = true;
        return;
      }
      for (RawPart child : children) {
        visit(child, depth + 1);
      }
      return;
    }
    switch (type.type()) {
      case "message/delivery-status", "message/global-delivery-status" -> {
        if (deliveryStatus == null) {
          deliveryStatus = part;
        }
      }
      case "text/rfc822-headers", "message/global-headers", "message/rfc822", "message/global" -> {
        if (returned == null) {
          returned = part;
        }
      }
      case "text/plain" -> {
        if (plain == null && !PartReader.isAttachment(part)) {
          plain = part;
        }
      }
      case "text/html" -> {
        if (html == null && !PartReader.isAttachment(part)) {
          html = part;
        }
      }
      default -> {
        // attachments, images, calendars: not the reply's words
      }
    }
  }

  /**
   * The reply's text: the text/plain part, else the text/html part as text. A message whose
   * structure could not be parsed yields its raw body as text, for the log.
   */
  String bodyText(RawPart message) {
    String text = plain == null ? "" : read(plain);
    if (text.isBlank() && html != null) {
      text = OwnWords.fromHtml(read(html));
    }
    if (text.isBlank() && damaged) {
      text = read(message);
    }
    return text;
  }

  String deliveryStatusText() {
    if (deliveryStatus == null) {
      return "";
    }
    try {
      byte[] bytes = reader.content(deliveryStatus, ReplySorter.SCAN_CHARS);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException | MessagingException | RuntimeException e) {
      return "";
    }
  }

  ReturnedHeaders returnedHeaders() {
    if (returned == null) {
      return ReturnedHeaders.NONE;
    }
    try {
      return DeliveryReport.returnedHeaders(reader.content(returned, ReplySorter.SCAN_CHARS));
    } catch (IOException | MessagingException | RuntimeException e) {
      return ReturnedHeaders.NONE;
    }
  }

  private String read(RawPart part) {
    try {
      return reader.text(part);
    } catch (IOException | MessagingException | RuntimeException e) {
      damaged = true;
      return "";
    }
  }
}
