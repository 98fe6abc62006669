package dev.herald.replies;

import dev.herald.InputLimits;
import dev.herald.contacts.ContactLookup;
import dev.herald.contacts.OptOutList;
import dev.herald.identity.EmailAddress;
import dev.herald.identity.UnsubscribeTokens;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.replies.ReplyFetch.Files;
import dev.herald.replies.ReplyFetch.Found;
import dev.herald.replies.ReplyMatch.Matched;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Acts on matched replies by kind, the acting step of {@link ReplyFetch}: an interview request
 * becomes a row of the interview log, an unsubscribe request a suppression, a bounce a journal line
 * and a suppression. Each action is safe to repeat.
 */
final class ReplyActions {
  private final Files files;
  private final InputLimits limits;
  private final Clock clock;

  ReplyActions(Files files, InputLimits limits, Clock clock) {
    this.files = files;
    this.limits = limits;
    this.clock = clock;
  }

  List<Found> act(List<Matched> matched, SentIndex sent) {
    if (matched.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Set<String> emails = new HashSet<>();
    for (Matched m : matched) {
      emails.add(m.target().recipient());
      if (!m.read().reply().from().isEmpty()) {
        emails.add(m.read().reply().from());
      }
    }
    ContactLookup contacts = ContactLookup.of(files.contacts(), emails, limits);

    List<InterviewLog.Draft> drafts = new ArrayList<>();
    for (Matched m : matched) {
      if (m.read().reply().kind() == ReplyKind.INTERVIEW_REQUEST && m.review().isEmpty()) {
        drafts.add(draft(m, contacts));
      }
    }
    List<InterviewLog.Added> added =
        new InterviewLog(files.interviewLog()).addRequests(drafts, now);

    OptOutList optOut = null;
    Journal journal = null;
    List<Found> found = new ArrayList<>();
    int interview = 0;
    try {
      for (Matched m : matched) {
        SortedReply reply = m.read().reply();
        String campaign = m.target().campaign();
        // The address as the journal knows it: a report may name an internationalised address in
        // its ASCII form, and suppressing that spelling would let the Unicode one be mailed again.
        String email = m.target().recipient();
        if (!m.review().isEmpty()) {
          found.add(found(m, contacts, "", null, true));
          continue;
        }
        switch (reply.kind()) {
          case INTERVIEW_REQUEST -> {
            InterviewLog.Added a = added.get(interview++);
            found.add(
                new Found(
                    reply.kind(),
                    campaign,
                    email,
                    a.interview().name(),
                    a.interview().outlet(),
                    reply.subject(),
                    "",
                    a.interview(),
                    a.isNew(),
                    reply.from(),
                    m.read().header().key(),
                    ""));
          }
          case UNSUBSCRIBE -> {
            if (optOut == null) {
              optOut = OptOutList.load(files.optOut(), limits);
            }
            boolean link = m.throughLink() && !UnsubscribeTokens.in(reply.subject()).isEmpty();
            boolean isNew =
                optOut.add(
                    email, link ? "unsubscribe link" : "unsubscribe request by reply", today);
            found.add(found(m, contacts, "", null, isNew));
          }
          case BOUNCE -> {
            String detail = m.read().bounceDetail();
            if (!sent.bounced(campaign, email)) {
              if (journal == null) {
                journal = Journal.open(files.journal());
              }
              journal.appendDurably(
                  new JournalEntry(
                      now, campaign, email, Outcome.BOUNCED, detail, m.target().messageId()));
            }
            if (optOut == null) {
              optOut = OptOutList.load(files.optOut(), limits);
            }
            boolean isNew =
                optOut.add(email, detail.isEmpty() ? "bounced" : "bounced: " + detail, today);
            found.add(found(m, contacts, detail, null, isNew));
          }
          default -> found.add(found(m, contacts, "", null, true));
        }
      }
    } finally {
      if (journal != null) {
        journal.close();
      }
    }
    return found;
  }

  /**
   * The request as logged: under the recipient when they sent it; else under its sender, naming the
   * recipient in {@code forwarded_by}, with the sender's name and outlet from the contacts (the
   * recipient's outlet if the sender is not in them but writes from the recipient's domain).
   */
  private static InterviewLog.Draft draft(Matched m, ContactLookup contacts) {
    String recipient = m.target().recipient();
    String from = m.read().reply().from();
    boolean forwarded = !from.isEmpty() && !EmailAddress.same(from, recipient);
    String email = forwarded ? from : recipient;
    String outlet = contacts.outlet(email);
    if (forwarded && outlet.isEmpty() && EmailAddress.sameDomain(from, recipient)) {
      outlet = contacts.outlet(recipient);
    }
    return new InterviewLog.Draft(
        m.target().campaign(),
        email,
        contacts.name(email),
        outlet,
        m.read().reply().subject(),
        Interview.Status.REQUESTED,
        "",
        m.throughLink() ? Interview.Source.LINK : Interview.Source.REPLY,
        m.read().header().key(),
        "",
        from,
        forwarded ? recipient : "");
  }

  private static Found found(
      Matched m, ContactLookup contacts, String detail, Interview interview, boolean isNew) {
    SortedReply reply = m.read().reply();
    String email = m.target().recipient();
    return new Found(
        reply.kind(),
        m.target().campaign(),
        email,
        contacts.name(email),
        contacts.outlet(email),
        reply.subject(),
        detail,
        interview,
        isNew,
        reply.from(),
        m.read().header().key(),
        m.review());
  }
}
