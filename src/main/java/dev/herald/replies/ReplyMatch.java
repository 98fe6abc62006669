package dev.herald.replies;

import dev.herald.identity.EmailAddress;
import dev.herald.identity.UnsubscribeTokens;
import dev.herald.journal.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ties a read reply to the campaign message it answers, and says whether herald may act on it
 * without a person looking: the matching step of {@link ReplyFetch}.
 */
final class ReplyMatch {

  /**
   * A reply read and sorted, not yet tied to a campaign; for a bounce, with what the report says
   * about the failure. The message itself is not kept: a folder may hold many large replies.
   */
  record Read(ReplyMailbox.Header header, SortedReply reply, String bounceDetail) {}

  /**
   * A reply tied to the message it answers: {@code keyed} when what ties it is a reference only
   * this folder's key could make (not an old unkeyed one); {@code review} is why it is not acted on
   * automatically, or "".
   */
  record Matched(
      Read read, SentIndex.Target target, boolean throughLink, boolean keyed, String review) {}

  private ReplyMatch() {}

  /** An unsubscribe request that names no release: no In-Reply-To, References or reference. */
  static boolean unsubscribeOutOfThread(Read r) {
    return r.reply().kind() == ReplyKind.UNSUBSCRIBE
        && r.reply().referencedIds().isEmpty()
        && r.reply().refTokens().isEmpty()
        && !ReplyWords.hasProofToken(r.reply().subject()) // a reviewer's click on a proof's link
        && !r.reply().from().isEmpty();
  }

  /**
   * In-Reply-To and References first (then a bounce's returned Message-ID), then a ref token; then
   * whether herald may act on it without a person looking.
   */
  static Matched match(Read r, SentIndex sent) {
    return match(r, sent, Map.of());
  }

  /**
   * As {@link #match(Read, SentIndex)}, also tying a reply through the {@code [unsub:…]} token of
   * an unsubscribe link in its subject; {@code tokens} maps each token that verifies under the
   * folder's key to the journal line of the message it was sent in ({@link
   * dev.herald.journal.SentTokens}). A reply with a token that verifies is an unsubscribe request,
   * whatever else its words say; one whose token verifies for nobody is never acted on unless it
   * comes from the recipient's own address.
   */
  static Matched match(Read r, SentIndex sent, Map<String, JournalEntry> tokens) {
    List<Matched> candidates = new ArrayList<>();
    List<String> unsubscribe = UnsubscribeTokens.in(r.reply().subject());
    boolean forged = unsubscribe.stream().anyMatch(t -> !tokens.containsKey(t));
    if (!forged && !unsubscribe.isEmpty()) {
      r = asUnsubscribe(r);
    }
    for (String id : r.reply().referencedIds()) {
      SentIndex.Target t = sent.byMessageId(id);
      if (t != null) {
        candidates.add(new Matched(r, t, false, sent.keyed(t), ""));
      }
    }
    for (String ref : r.reply().refTokens()) {
      SentIndex.RefMatch t = sent.byRef(ref);
      if (t != null) {
        candidates.add(new Matched(r, t.target(), true, t.keyed(), ""));
      }
    }
    for (String token : unsubscribe) {
      JournalEntry e = tokens.get(token);
      if (e != null) {
        SentIndex.Target t = new SentIndex.Target(e.campaign(), e.recipient(), e.messageId());
        candidates.add(new Matched(r, t, true, true, ""));
      }
    }
    if (candidates.isEmpty() && unsubscribeOutOfThread(r)) {
      // A mail client's Unsubscribe button (List-Unsubscribe: mailto:, RFC 2369) or a new
      // message asking to be removed: it refers to no release, but comes from a recipient. From
      // the recipient's own address it is acted on, as any unsubscribe from the recipient is.
      SentIndex.Target t = sent.bySender(r.reply().from());
      if (t != null) {
        candidates.add(new Matched(r, t, false, false, ""));
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    Matched chosen = candidates.get(0);
    String from = r.reply().from();
    if (r.reply().kind() != ReplyKind.BOUNCE && !from.isEmpty()) {
      // A reply may carry the References of a thread of several releases: it answers the one
      // that was sent to its sender.
      for (Matched c : candidates) {
        if (EmailAddress.same(from, c.target().recipient())) {
          chosen = c;
          break;
        }
      }
    }
    String recipient = chosen.target().recipient();
    boolean keyed =
        candidates.stream()
            .anyMatch(c -> c.keyed() && EmailAddress.same(c.target().recipient(), recipient));
    // A delivery report is about one message: references to messages sent to different
    // recipients mean it was made up, or mixes two reports.
    boolean disagree =
        r.reply().kind() == ReplyKind.BOUNCE
            && candidates.stream()
                .anyMatch(c -> !EmailAddress.same(c.target().recipient(), recipient));
    Matched m = new Matched(r, chosen.target(), chosen.throughLink(), keyed, "");
    String review = review(m, disagree);
    if (review.isEmpty() && forged && r.reply().kind() == ReplyKind.UNSUBSCRIBE) {
      review = forgedToken(r.reply().from(), recipient);
    }
    return new Matched(r, chosen.target(), chosen.throughLink(), keyed, review);
  }

  /**
   * Why an unsubscribe whose token verifies for nobody is not acted on, or "" when it comes from
   * the recipient's own address: any unsubscribe from there counts (a token made under a key that
   * was since lost no longer verifies, and the recipient may still mean it).
   */
  private static String forgedToken(String from, String recipient) {
    if (!from.isEmpty() && EmailAddress.same(from, recipient)) {
      return "";
    }
    return "its unsubscribe token does not verify (forged, or made under another key), and it was"
        + " sent "
        + (from.isEmpty() ? "without a sender address" : "from " + from)
        + ", not from "
        + recipient;
  }

  /**
   * The reply read as an unsubscribe request: it came through a link that asks for nothing else.
   */
  private static Read asUnsubscribe(Read r) {
    SortedReply s = r.reply();
    if (s.kind() != ReplyKind.OTHER && s.kind() != ReplyKind.INTERVIEW_REQUEST) {
      return r; // a bounce or an auto-reply is what it is
    }
    SortedReply u =
        new SortedReply(
            ReplyKind.UNSUBSCRIBE,
            s.messageId(),
            s.from(),
            s.subject(),
            s.referencedIds(),
            s.refTokens(),
            s.bouncedRecipient(),
            s.ownWords());
    return new Read(r.header(), u, r.bounceDetail());
  }

  /**
   * Why a reply is not acted on automatically, or "" if it may be. A From header can be forged, so
   * an unsubscribe or interview request counts when it comes from the recipient's own address, or
   * carries a keyed reference (which only someone who got the message can know) and comes from the
   * recipient's domain. A delivery report counts only for the recipient of the message it refers
   * to, and only for an address herald could read back from its suppression list.
   */
  private static String review(Matched m, boolean disagree) {
    SortedReply reply = m.read().reply();
    String recipient = m.target().recipient();
    boolean suppresses = reply.kind() == ReplyKind.UNSUBSCRIBE || reply.kind() == ReplyKind.BOUNCE;
    var unreadable = EmailAddress.problem(recipient);
    if (suppresses && unreadable.isPresent()) {
      // a journal line edited by hand: writing it would make the suppression list unreadable
      return "the journal's address "
          + recipient
          + " cannot go on the suppression list: "
          + unreadable.get();
    }
    switch (reply.kind()) {
      case UNSUBSCRIBE, INTERVIEW_REQUEST -> {
        String from = reply.from();
        if (!from.isEmpty() && EmailAddress.same(from, recipient)) {
          return "";
        }
        String sender = from.isEmpty() ? "without a sender address" : "from " + from;
        if (reply.kind() == ReplyKind.INTERVIEW_REQUEST
            && m.keyed()
            && !from.isEmpty()
            && EmailAddress.problem(from).isEmpty()) {
          // Someone the release was forwarded to: a keyed reference shows they got it from the
          // recipient. The request is logged under its sender, naming the recipient, so it claims
          // nothing on the recipient's behalf (see draft).
          return "";
        }
        if (!m.keyed()) {
          return "sent "
              + sender
              + ", not from "
              + recipient
              + ", and it carries no keyed reference";
        }
        if (!from.isEmpty() && EmailAddress.sameDomain(from, recipient)) {
          return "";
        }
        return "sent " + sender + ", outside the domain of " + recipient;
      }
      case BOUNCE -> {
        String named = reply.bouncedRecipient();
        if (disagree) {
          return "the report refers to messages sent to different recipients";
        }
        if (!named.isEmpty()) {
          var problem = EmailAddress.problem(named);
          if (problem.isPresent()) {
            return "the report names " + named + ", which herald cannot suppress: " + problem.get();
          }
          if (!EmailAddress.same(named, recipient)) {
            return "the report names " + named + " but refers to the message sent to " + recipient;
          }
        }
        if (m.throughLink() && !m.keyed()) {
          return "the report is tied to " + recipient + " only by an unkeyed reference";
        }
        return "";
      }
      default -> {
        return "";
      }
    }
  }
}
