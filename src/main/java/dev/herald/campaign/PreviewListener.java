package dev.herald.campaign;

import dev.herald.message.MessageBuilder;
import dev.herald.template.Rendered;

/**
 * What a preview tells whoever records it (the approval manifest): every recipient's message as it
 * will be sent, and every row left out with the reason.
 */
public interface PreviewListener {
  /** A recipient's message; {@code suppressed}: on the opt-out list, so not sent today. */
  void recipient(Rendered r, MessageBuilder.Built b, boolean suppressed);

  /** A row that gets no message (repeated, invalid), and why. */
  void skipped(Audience.Entry e, String reason);
}
