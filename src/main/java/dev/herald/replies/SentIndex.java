package dev.herald.replies;

import dev.herald.FolderKey;
import dev.herald.identity.EmailAddress;
import dev.herald.identity.MessageIds;
import dev.herald.journal.JournalReader;
import dev.herald.journal.Outcome;
import dev.herald.util.Hashes;
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

  /** Characters in the unkeyed references of releases sent before references were keyed. */
  static final int LEGACY_REF_CHARS = 10;

  /** One campaign message to one recipient. */
  record Target(String campaign, String recipient, String messageId) {
    String key() {
      return campaign + "\n" + EmailAddress.key(recipient);
    }
  }

  /**
   * A reference found in the journal, and whether it was keyed: only a keyed one shows that the
   * sender had the message; an unkeyed one can be computed by anybody.
   */
  record RefMatch(Target target, boolean keyed) {}

  private final FolderKey key;
  private final Map<String, Target> byMessageId;
  private final Map<String, RefMatch> byRef;
  private final Set<String> bounced;

  /** The latest message sent to each of the senders asked for, by address key. */
  private Map<String, Target> bySender = Map.of();

  private SentIndex(
      FolderKey key, Map<String, Target> byMessageId, Map<String, RefMatch> byRef, Set<String> b) {
    this.key = key;
    this.byMessageId = byMessageId;
    this.byRef = byRef;
    this.bounced = b;
  }

  /**
   * Like {@link #load(Path, Set, Set, FolderKey)}, also remembering the latest message the server
   * accepted for each address in {@code senders}: an unsubscribe request sent by a mail client's
   * Unsubscribe button (RFC 2369 {@code List-Unsubscribe: mailto:}) refers to no message, but comes
   * from the recipient.
   */
  static SentIndex load(
      Path journal, Set<String> messageIds, Set<String> refs, Set<String> senders, FolderKey key) {
    Set<String> wanted = new HashSet<>();
    senders.forEach(a -> wanted.add(EmailAddress.key(a)));
    Map<String, Target> bySender = new HashMap<>();
    if (!wanted.isEmpty()) {
      JournalReader.forEach(
          journal,
          entry -> {
            if (entry.outcome() == Outcome.SENT) {
              String k = EmailAddress.key(entry.recipient());
              if (wanted.contains(k)) {
                bySender.put(k, new Target(entry.campaign(), entry.recipient(), entry.messageId()));
              }
            }
          });
    }
    SentIndex index = load(journal, messageIds, refs, key);
    index.bySender = bySender;
    return index;
  }

  /** The latest message sent to {@code address}, if it was asked for when loading; else null. */
  Target bySender(String address) {
    return bySender.get(EmailAddress.key(address));
  }

  /**
   * Reads the journal (missing: nothing was sent) for the messages with these ids, and those whose
   * interview-link reference is one of {@code refs}: keyed ({@link MessageIds#ref}) or, for
   * releases sent before keying, unkeyed. Lines written to the outbox are passed over: those
   * messages were never emailed.
   */
  static SentIndex load(Path journal, Set<String> messageIds, Set<String> refs, FolderKey key) {
    Map<String, Target> byMessageId = new HashMap<>();
    Map<String, RefMatch> byRef = new HashMap<>();
    Set<String> bounced = new HashSet<>();
    boolean keyedRefs = refs.stream().anyMatch(r -> r.length() == MessageIds.REF_CHARS);
    boolean legacyRefs = refs.stream().anyMatch(r -> r.length() == LEGACY_REF_CHARS);
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
            if (keyedRefs) {
              String ref = MessageIds.ref(key, entry.campaign(), entry.recipient());
              if (refs.contains(ref)) {
                byRef.putIfAbsent(ref, new RefMatch(target, true));
              }
            }
            if (legacyRefs) {
              String ref = legacyRef(entry.campaign(), entry.recipient());
              if (refs.contains(ref)) {
                byRef.putIfAbsent(ref, new RefMatch(target, false));
              }
            }
          }
        });
    return new SentIndex(key, byMessageId, byRef, bounced);
  }

  /**
   * The unkeyed reference herald wrote into interview links before references were keyed, computed
   * exactly as it was then (lower case, not the address key), so that old links still match.
   */
  static String legacyRef(String campaign, String email) {
    return Hashes.base32(
        "ref\n" + campaign + "\n" + email.toLowerCase(Locale.ROOT), LEGACY_REF_CHARS);
  }

  Target byMessageId(String id) {
    return byMessageId.get(id);
  }

  /** Whether a Message-ID the journal holds is keyed with this folder's key (not an old one). */
  boolean keyed(Target target) {
    return MessageIds.isKeyed(key, target.messageId(), target.campaign(), target.recipient());
  }

  RefMatch byRef(String ref) {
    return byRef.get(ref.toLowerCase(Locale.ROOT));
  }

  /** Whether the journal already records a bounce of this campaign to this address. */
  boolean bounced(String campaign, String recipient) {
    return bounced.contains(new Target(campaign, recipient, "").key());
  }
}
