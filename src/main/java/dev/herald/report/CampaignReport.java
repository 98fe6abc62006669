package dev.herald.report;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.contacts.Columns;
import dev.herald.contacts.ContactFile;
import dev.herald.identity.EmailAddress;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import dev.herald.journal.JournalReader;
import dev.herald.journal.Outcome;
import dev.herald.replies.ReplyKind;
import dev.herald.replies.ReplyLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How each campaign went, from the send journal, the reply log and the interview log: whom it
 * reached, who answered and how, and the interview requests by status; and the same per outlet,
 * with outlets taken from the contact list.
 */
public final class CampaignReport {

  /** The outlet of a recipient who is no longer, or never was, in the contact list. */
  public static final String NOT_IN_CONTACTS = "(not in the contact list)";

  /** The outlet of a contact whose outlet column is empty. */
  public static final String NO_OUTLET = "(no outlet)";

  /** Where the report reads. */
  public record Inputs(Path journal, Path replyLog, Path interviewLog, Path contacts) {}

  /** One outlet's part in a campaign. */
  public record Outlet(String outlet, int sent, int replies, int interviewRequests) {}

  /**
   * One campaign.
   *
   * @param targeted distinct recipients that a run tried to email (the outbox does not count)
   * @param sent distinct recipients whose message the server accepted
   * @param failed recipients refused permanently and never sent
   * @param deferred recipients given up on after temporary failures and never sent
   * @param unknown recipients whose message went out whole with no final reply, never confirmed
   * @param bounced recipients whose message later bounced
   * @param replies replies from people: interview and unsubscribe requests and other replies
   * @param autoReplies out-of-office and other automatic answers
   * @param unsubscribes unsubscribe requests
   * @param interviews interview requests by status
   * @param outlets per outlet, those with an interview request or a reply first
   * @param needsLook replies fetch left for a person to look at (not counted above)
   */
  public record Campaign(
      String campaign,
      int targeted,
      int sent,
      int failed,
      int deferred,
      int unknown,
      int bounced,
      int replies,
      int autoReplies,
      int unsubscribes,
      Map<Interview.Status, Integer> interviews,
      List<Outlet> outlets,
      int needsLook) {
    public Campaign {
      interviews = Collections.unmodifiableMap(new EnumMap<>(interviews));
      outlets = List.copyOf(outlets);
    }

    public int interviewRequests() {
      return interviews.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  // What the journal and the logs say about one recipient of one campaign.
  private static final class Recipient {
    boolean targeted;
    boolean sent;
    boolean bounced;
    Outcome last; // the last of attempt, failed, deferred, unknown: if nothing was sent
    int replies;
  }

  private static final class Counts {
    final Map<String, Recipient> recipients = new HashMap<>();
    final Map<ReplyKind, Integer> replies = new EnumMap<>(ReplyKind.class);
    final List<Interview> interviews = new ArrayList<>();
    int needsLook;
  }

  private CampaignReport() {}

  /**
   * The report for {@code campaign}, or for every campaign in the journal and the logs if it is
   * null, in the order they first appear.
   *
   * @throws HeraldException exit 2 if a campaign is named that none of them mentions
   */
  public static List<Campaign> build(Inputs files, String campaign, InputLimits limits) {
    Objects.requireNonNull(files, "files");
    Map<String, Counts> tallies = new LinkedHashMap<>();
    JournalReader.forEach(
        files.journal(),
        e -> {
          if (e.outcome() == Outcome.OUTBOX || e.outcome() == Outcome.SAVED) {
            // a saved line is a copy in the sender's Sent folder, not news about the recipient
            tallies.computeIfAbsent(e.campaign(), c -> new Counts());
            return;
          }
          Recipient r =
              tallies
                  .computeIfAbsent(e.campaign(), c -> new Counts())
                  .recipients
                  .computeIfAbsent(EmailAddress.key(e.recipient()), k -> new Recipient());
          r.targeted = true;
          switch (e.outcome()) {
            case SENT -> r.sent = true;
            case BOUNCED -> r.bounced = true;
            default -> r.last = e.outcome();
          }
        });
    new ReplyLog(files.replyLog())
        .forEach(
            e -> {
              Counts t = tallies.computeIfAbsent(e.campaign(), c -> new Counts());
              if (e.needsLook()) {
                // not shown to come from the recipient: counted apart until a person acts on it
                t.needsLook++;
                return;
              }
              t.replies.merge(e.kind(), 1, Integer::sum);
              if (isFromAPerson(e.kind())) {
                t.recipients.computeIfAbsent(EmailAddress.key(e.email()), k -> new Recipient())
                    .replies++;
              }
            });
    for (Interview i : new InterviewLog(files.interviewLog()).read()) {
      tallies.computeIfAbsent(i.campaign(), c -> new Counts()).interviews.add(i);
    }
    if (campaign != null && !tallies.containsKey(campaign)) {
      throw HeraldException.input(
          "no campaign '"
              + campaign
              + "' in "
              + Display.path(files.journal())
              + " or the interview and reply logs"
              + (tallies.isEmpty()
                  ? ": nothing has been sent yet"
                  : "; campaigns there: " + String.join(", ", tallies.keySet())));
    }
    if (campaign != null) {
      tallies.keySet().retainAll(List.of(campaign));
    }
    Map<String, String> outlets = outlets(files.contacts(), tallies, limits);
    List<Campaign> report = new ArrayList<>();
    tallies.forEach((name, t) -> report.add(campaign(name, t, outlets)));
    return report;
  }

  private static boolean isFromAPerson(ReplyKind kind) {
    return kind == ReplyKind.INTERVIEW_REQUEST
        || kind == ReplyKind.UNSUBSCRIBE
        || kind == ReplyKind.OTHER;
  }

  /** The outlet of every address the report mentions, by address key, from one contact pass. */
  private static Map<String, String> outlets(
      Path contacts, Map<String, Counts> tallies, InputLimits limits) {
    Map<String, String> outlets = new HashMap<>();
    for (Counts t : tallies.values()) {
      t.recipients.keySet().forEach(k -> outlets.put(k, NOT_IN_CONTACTS));
      t.interviews.forEach(i -> outlets.put(EmailAddress.key(i.email()), NOT_IN_CONTACTS));
    }
    if (outlets.isEmpty() || contacts == null || !Files.exists(contacts)) {
      return outlets;
    }
    try (ContactFile csv = ContactFile.open(contacts, limits)) {
      for (ContactFile.Row row : csv) {
        if (row.ok()) {
          String key = EmailAddress.key(row.contact().email());
          if (NOT_IN_CONTACTS.equals(outlets.get(key))) {
            String outlet = row.contact().value(Columns.OUTLET).strip();
            outlets.put(key, outlet.isEmpty() ? NO_OUTLET : outlet);
          }
        }
      }
    }
    return outlets;
  }

  private static Campaign campaign(String name, Counts t, Map<String, String> outletOf) {
    int targeted = 0;
    int sent = 0;
    int failed = 0;
    int deferred = 0;
    int unknown = 0;
    int bounced = 0;
    Map<String, int[]> outlets = new HashMap<>(); // sent, replies, interview requests
    for (Map.Entry<String, Recipient> e : t.recipients.entrySet()) {
      Recipient r = e.getValue();
      int[] o = outlets.computeIfAbsent(outletOf.get(e.getKey()), k -> new int[3]);
      if (r.targeted) {
        targeted++;
      }
      if (r.sent) {
        sent++;
        o[0]++;
      } else if (r.last == Outcome.FAILED) {
        failed++;
      } else if (r.last == Outcome.DEFERRED) {
        deferred++;
      } else if (r.last == Outcome.UNKNOWN) {
        unknown++;
      }
      if (r.bounced) {
        bounced++;
      }
      o[1] += r.replies;
    }
    Map<Interview.Status, Integer> interviews = new EnumMap<>(Interview.Status.class);
    for (Interview.Status s : Interview.Status.values()) {
      interviews.put(s, 0);
    }
    for (Interview i : t.interviews) {
      interviews.merge(i.status(), 1, Integer::sum);
      String outlet =
          i.outlet().isBlank() ? outletOf.get(EmailAddress.key(i.email())) : i.outlet().strip();
      outlets.computeIfAbsent(outlet, k -> new int[3])[2]++;
    }
    List<Outlet> list = new ArrayList<>();
    outlets.forEach((outlet, o) -> list.add(new Outlet(outlet, o[0], o[1], o[2])));
    list.sort(
        Comparator.comparingInt(Outlet::interviewRequests)
            .thenComparingInt(Outlet::replies)
            .thenComparingInt(Outlet::sent)
            .reversed()
            .thenComparing(Outlet::outlet, String.CASE_INSENSITIVE_ORDER));
    return new Campaign(
        name,
        targeted,
        sent,
        failed,
        deferred,
        unknown,
        bounced,
        t.replies.entrySet().stream()
            .filter(e -> isFromAPerson(e.getKey()))
            .mapToInt(Map.Entry::getValue)
            .sum(),
        t.replies.getOrDefault(ReplyKind.AUTO_REPLY, 0),
        t.replies.getOrDefault(ReplyKind.UNSUBSCRIBE, 0),
        interviews,
        list,
        t.needsLook);
  }
}
