package dev.herald.journal;

import dev.herald.identity.EmailAddress;
import dev.herald.util.Hashes;
import dev.herald.util.LongIntMap;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the journal says about one campaign, for deciding whom a run still has to send to: the
 * status of each recipient, with addresses compared by their key ({@link EmailAddress#key}).
 *
 * <p>The latest meaningful outcome wins, except that {@code sent} stands until a later {@code
 * bounced}: an {@code attempt} with no later outcome is {@link Status#IN_FLIGHT} (the run died
 * mid-message), {@code failed}, {@code deferred} and {@code unknown} count only if nothing was
 * sent, and {@code outbox} lines are ignored, since a message written to the outbox was never
 * emailed; so are {@code saved} lines (a copy kept in the Sent folder), which say nothing about
 * delivery. A run that writes to the outbox therefore writes no {@code attempt} before it.
 *
 * <p>Memory stays flat for long lists: instead of the addresses, the state keeps a 64-bit key per
 * recipient (the first 8 bytes of the SHA-256 of the address's key) and one byte of status, about
 * 20 bytes a recipient. Two addresses sharing a key would share a status; for a million recipients
 * the odds that any two do are about 3 in 100 million (n&sup2; / 2<sup>65</sup>).
 *
 * <p>Once loaded, a state does not change and may be queried from several threads.
 */
public final class CampaignState {
  /** Where a recipient stands in the campaign. */
  public enum Status {
    /**
     * Nothing in the journal: never sent. It must stay first: the table answers 0 for a recipient
     * it does not hold, and ordinal 0 is what makes that read as {@code NEW}.
     */
    NEW,
    /** The server accepted the message. */
    SENT,
    /** The server refused the message permanently; only {@code --retry-failed} tries again. */
    FAILED,
    /** The run gave up after temporary failures; the next run tries again. */
    DEFERRED,
    /** An attempt with no later outcome: the run died while handing the message over. */
    IN_FLIGHT,
    /** The message bounced. */
    BOUNCED,
    /**
     * The whole message went out and no final reply came: perhaps delivered, so only {@code
     * --retry-unknown} sends it again.
     */
    UNKNOWN
  }

  /**
   * The statuses by ordinal: the table holds a status as its ordinal, and 0 ({@code NEW}) for none.
   */
  private static final Status[] STATUSES = Status.values();

  private final LongIntMap table;
  private final int[] counts = new int[STATUSES.length];
  private final TemplateRecord template;
  private final boolean untemplated;

  private CampaignState(LongIntMap table, TemplateRecord template, boolean untemplated) {
    this.table = table;
    this.template = template;
    this.untemplated = untemplated;
    for (Status status : STATUSES) {
      if (status != Status.NEW) {
        counts[status.ordinal()] = table.count(status.ordinal());
      }
    }
  }

  /** Reads {@code journal} (missing: nothing sent yet) for the entries of {@code campaign}. */
  public static CampaignState load(Path journal, String campaign) {
    return load(journal, campaign, entry -> {});
  }

  /**
   * As {@link #load(Path, String)}, handing every line of the journal, of any campaign, to {@code
   * alsoEach} in the same pass: what other campaigns did ({@link CrossCampaign}) costs no second
   * read of a long journal.
   */
  public static CampaignState load(Path journal, String campaign, Consumer<JournalEntry> alsoEach) {
    Objects.requireNonNull(campaign, "campaign");
    LongIntMap table = new LongIntMap();
    TemplateRecord[] template = {TemplateRecord.NONE};
    boolean[] untemplated = {false};
    JournalReader.forEach(
        journal,
        entry -> {
          alsoEach.accept(entry);
          if (entry.campaign().equals(campaign)
              && entry.outcome() != Outcome.OUTBOX
              && entry.outcome() != Outcome.SAVED) {
            // Only lines that mean a message was emailed or tried: an outbox run sent nothing, and
            // a bounce (from interviews fetch) names no template.
            if (entry.outcome() != Outcome.BOUNCED) {
              TemplateRecord source = entry.source();
              if (source.isEmpty()) {
                untemplated[0] = true;
              } else {
                template[0] = source;
              }
            }
            long key = key(entry.recipient());
            Status now = STATUSES[table.get(key)];
            Status next = next(now, entry.outcome());
            if (next != now) {
              table.put(key, next.ordinal());
            }
          }
        });
    return new CampaignState(table, template[0], untemplated[0]);
  }

  /**
   * The template the campaign was last sent from, as the journal records it; {@link
   * TemplateRecord#NONE} if nothing of it was sent yet, or only by runs from before the journal
   * recorded templates (see {@link #untemplated}).
   */
  public TemplateRecord template() {
    return template;
  }

  /**
   * Whether the journal holds lines of this campaign that name no template: written before the
   * journal recorded templates, so there is nothing to compare a run's template with.
   */
  public boolean untemplated() {
    return untemplated;
  }

  private static Status next(Status now, Outcome outcome) {
    return switch (outcome) {
      case SENT -> Status.SENT;
      case BOUNCED -> Status.BOUNCED;
      case ATTEMPT -> now == Status.SENT ? Status.SENT : Status.IN_FLIGHT;
      case FAILED -> now == Status.SENT ? Status.SENT : Status.FAILED;
      case DEFERRED -> now == Status.SENT ? Status.SENT : Status.DEFERRED;
      case UNKNOWN -> now == Status.SENT ? Status.SENT : Status.UNKNOWN;
      case OUTBOX, SAVED -> now;
    };
  }

  /** The status of {@code recipient}, compared by its key; {@code NEW} if not in it. */
  public Status status(String recipient) {
    return STATUSES[table.get(key(recipient))];
  }

  /** How many recipients have status {@code status}; always 0 for {@code NEW}. */
  public int count(Status status) {
    return counts[status.ordinal()];
  }

  private static long key(String recipient) {
    return Hashes.key64(EmailAddress.key(recipient));
  }
}
