package dev.herald.interviews;

import dev.herald.journal.JournalReader;
import dev.herald.journal.Outcome;
import dev.herald.template.Renderer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The messages herald sent that some replies refer to: found by reading the send journal once for
 * just the Message-IDs and interview-link references those replies carry, so that memory depends on
 * the replies, not on the length of the journal.
 */
final class SentIndex {

  /** One campaign message to one recipient. */
  record Target(String campaign, String recipient, String messageId) {
    String key() {
      return campaign + "\n" + recipient.toLowerCase(Locale.ROOT);
    }
  }

  private final Map<String, Target> byMessageId;
  private final Map<String, Target> byRef;
  private final Set<String> bounced;

  private SentIndex(Map<String, Target> byMessageId, Map<String, Target> byRef, Set<String> b) {
    this.byMessageId = byMessageId;
    this.byRef = byRef;
    this.bounced = b;
  }

  /**
   * Reads the journal (missing: nothing was sent) for the messages with these ids, and those whose
   * interview-link reference ({@link Renderer#ref}) is one of {@code refs}. Lines written to the
   * outbox are passed over: those messages were never emailed.
   */
  static SentIndex load(Path journal, Set<String> messageIds, Set<String> refs) {
    Map<String, Target> byMessageId = new HashMap<>();
    Map<String, Target> byRef = new HashMap<>();
    Set<String> bounced = new HashSet<>();
    JournalReader.forEach(
        journal,
        entry -> {
          if (entry.outcome() == Outcome.OUTBOX) {
            return;
          }
          Target target = new Target(entry.campaign(), entry.recipient(), entry.messageId());
          if (entry.outcome() == Outcome.BOUNCED) {
            bounced.add(target.key());
          }
          if (!entry.messageId().isEmpty() && messageIds.contains(entry.messageId())) {
            byMessageId.putIfAbsent(entry.messageId(), target);
          }
          // Only a message the server took can have been answered through its link; one hash per
          // sent line keeps a long journal cheap without remembering the pairs already seen.
          if (!refs.isEmpty() && byRef.size() < refs.size() && entry.outcome() == Outcome.SENT) {
            String ref = Renderer.ref(entry.campaign(), entry.recipient());
            if (refs.contains(ref)) {
              byRef.putIfAbsent(ref, target);
            }
          }
        });
    return new SentIndex(byMessageId, byRef, bounced);
  }

  Target byMessageId(String id) {
    return byMessageId.get(id);
  }

  Target byRef(String ref) {
    return byRef.get(ref.toLowerCase(Locale.ROOT));
  }

  /** Whether the journal already records a bounce of this campaign to this address. */
  boolean bounced(String campaign, String recipient) {
    return bounced.contains(campaign + "\n" + recipient.toLowerCase(Locale.ROOT));
  }
}
