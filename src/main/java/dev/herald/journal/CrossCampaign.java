package dev.herald.journal;

import dev.herald.identity.EmailAddress;
import dev.herald.util.Hashes;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the journal says about campaigns other than the one being sent, gathered in the pass that
 * reads the run's own state ({@link CampaignState#load(java.nio.file.Path, String, Consumer)}): for
 * pitch spacing, the latest other campaign that reached each recipient within the gap; for a
 * follow-up, each recipient's message of the original campaign (its Message-ID and subject, and
 * whether it bounced); and which campaigns the journal knows at all.
 *
 * <p>A message counts as having reached a recipient when its line is {@code sent} or {@code
 * unknown} (sent whole, perhaps delivered). {@code failed}, {@code deferred} and {@code attempt}
 * lines do not, nor do {@code outbox} lines: a file in the outbox is not a message anyone received.
 * The campaign that a follow-up follows does not count for spacing: the follow-up belongs to the
 * same conversation. Recipients are held by a 64-bit hash of their address key, as in {@link
 * CampaignState}.
 */
public final class CrossCampaign implements Consumer<JournalEntry> {

  /** The other campaign that last reached a recipient, and when. */
  public record Mark(String campaign, Instant time) {}

  /**
   * A recipient's message of the followed campaign: its Message-ID and subject as the sent line
   * records them, whether the server accepted it, and whether it later bounced.
   */
  public record Original(String messageId, String subject, boolean sent, boolean bounced) {}

  private final String campaign;
  private final Duration gap;
  private final Instant since;
  private final String followed;
  private final Map<Long, Mark> recent = new HashMap<>();
  private final Map<Long, Original> originals = new HashMap<>();
  private final Map<String, Boolean> campaigns = new LinkedHashMap<>();
  private final Map<String, String> shared = new HashMap<>(); // one copy of each repeated text

  /**
   * @param campaign the campaign being sent: its own lines are not another campaign's
   * @param gap the spacing asked for; null for none
   * @param now the time the gap reaches back from
   * @param followed the campaign a follow-up follows; null when it is no follow-up
   */
  public CrossCampaign(String campaign, Duration gap, Instant now, String followed) {
    this.campaign = Objects.requireNonNull(campaign, "campaign");
    this.gap = gap;
    this.since = gap == null ? null : now.minus(gap);
    this.followed = followed;
  }

  @Override
  public void accept(JournalEntry e) {
    Outcome o = e.outcome();
    boolean reached = o == Outcome.SENT || o == Outcome.UNKNOWN;
    campaigns.merge(e.campaign(), reached, Boolean::logicalOr);
    if (e.campaign().equals(followed)) {
      if (o == Outcome.SENT || o == Outcome.BOUNCED) {
        long key = key(e.recipient());
        Original was = originals.get(key);
        Original now =
            o == Outcome.SENT
                ? new Original(
                    share(e.messageId()), share(e.subject()), true, was != null && was.bounced())
                : was == null
                    ? new Original("", "", false, true)
                    : new Original(was.messageId(), was.subject(), was.sent(), true);
        originals.put(key, now);
      }
      return;
    }
    if (gap != null && reached && !e.campaign().equals(campaign) && e.time().isAfter(since)) {
      long key = key(e.recipient());
      Mark m = recent.get(key);
      if (m == null || e.time().isAfter(m.time())) {
        recent.put(key, new Mark(share(e.campaign()), e.time()));
      }
    }
  }

  private String share(String s) {
    String known = shared.putIfAbsent(s, s);
    return known == null ? s : known;
  }

  /** The campaign being sent. */
  public String campaign() {
    return campaign;
  }

  /** The spacing asked for; null when none. */
  public Duration gap() {
    return gap;
  }

  /** The campaign followed up; null when none. */
  public String followed() {
    return followed;
  }

  /** The latest other campaign that reached {@code email} within the gap; null if none did. */
  public Mark recent(String email) {
    return gap == null ? null : recent.get(key(email));
  }

  /** The followed campaign's message to {@code email}; null if the journal has none. */
  public Original original(String email) {
    return originals.get(key(email));
  }

  /** How many recipients the server accepted the followed campaign's message for. */
  public int originalsSent() {
    return (int) originals.values().stream().filter(Original::sent).count();
  }

  /** How many sent originals have no subject in the journal (lines older than its column). */
  public int sentWithoutSubject() {
    return (int) originals.values().stream().filter(o -> o.sent() && o.subject().isBlank()).count();
  }

  /** The subject of some sent original ("" if none): what a proof for a non-recipient shows. */
  public String anySubject() {
    return originals.values().stream()
        .filter(o -> o.sent() && !o.subject().isBlank())
        .map(Original::subject)
        .findFirst()
        .orElse("");
  }

  /**
   * Every campaign in the journal, in the order first seen, with whether any of its messages
   * reached anyone (true) or it was only tried or written to the outbox (false).
   */
  public Map<String, Boolean> campaigns() {
    return Collections.unmodifiableMap(campaigns);
  }

  private static long key(String recipient) {
    return Hashes.key64(EmailAddress.key(recipient));
  }
}
