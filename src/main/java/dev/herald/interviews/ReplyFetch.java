package dev.herald.interviews;

import dev.herald.Limits;
import dev.herald.contacts.ContactLookup;
import dev.herald.contacts.OptOutList;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * One run of {@code herald interviews fetch}: reads the reply mailbox, ties each reply to the
 * campaign message it answers, and acts on it by kind.
 *
 * <p>A reply belongs to a campaign when its In-Reply-To or References (or, for a bounce, the
 * returned original's Message-ID) name a message in the send journal, or its subject carries the
 * {@code [ref:…]} of a contact's interview link. Anything else is left alone, whatever it says.
 *
 * <ul>
 *   <li>interview request: a {@code requested} row in the interview log
 *   <li>unsubscribe request: the contact is added to the suppression list
 *   <li>bounce: a {@code bounced} line in the journal, and the address suppressed
 *   <li>auto-reply and other replies: counted
 * </ul>
 *
 * <p>Every reply acted on is then recorded in the reply log, which is how a second run knows to
 * pass it over. Each action is also safe to repeat, so a run that stops between acting and
 * recording adds nothing twice when run again.
 */
public final class ReplyFetch {

  /**
   * Where fetch reads and writes; {@code optOut} are the opt-out lists that apply ({@link
   * OptOutList#locate}), the first being the one unsubscribes and bounces are added to.
   */
  public record Files(
      Path journal, Path contacts, Path interviewLog, Path replyLog, List<Path> optOut) {
    public Files {
      optOut = List.copyOf(optOut);
    }
  }

  /** A reply about a campaign, and what was done with it. */
  public record Found(
      ReplyKind kind,
      String campaign,
      String email,
      String name,
      String outlet,
      String subject,
      String detail,
      Interview interview,
      boolean isNew) {}

  /** A message passed over because it is larger than {@code limits.reply-bytes}. */
  public record Skipped(String from, String subject, long size) {}

  /** What a run found. */
  public record Summary(
      String folder,
      int messages,
      List<Found> found,
      int notAboutCampaign,
      int alreadyFetched,
      List<Skipped> tooLarge) {
    public Summary {
      found = List.copyOf(found);
      tooLarge = List.copyOf(tooLarge);
    }

    public List<Found> of(ReplyKind kind) {
      return found.stream().filter(f -> f.kind() == kind).toList();
    }
  }

  /**
   * A reply read and sorted, not yet tied to a campaign; for a bounce, with what the report says
   * about the failure. The message itself is not kept: a folder may hold many large replies.
   */
  private record Read(ReplyMailbox.Header header, SortedReply reply, String bounceDetail) {}

  /** A reply tied to the message it answers. */
  private record Matched(Read read, SentIndex.Target target, boolean throughLink) {}

  private final Files files;
  private final Limits limits;
  private final Clock clock;
  private final ReplySorter sorter;
  private final Session session = Session.getInstance(new Properties());

  public ReplyFetch(Files files, Limits limits, Clock clock) {
    this.files = Objects.requireNonNull(files, "files");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sorter =
        new ReplySorter(new ReplySorter.Limits(limits.maxReplyBytes(), limits.maxDepth()));
  }

  /** Reads the mailbox and acts on the replies not acted on before. */
  public Summary run(ReplyMailbox mailbox) {
    // One fetch at a time: two at once would both find the same new replies.
    return LogFile.locked(files.replyLog(), () -> runLocked(mailbox));
  }

  private Summary runLocked(ReplyMailbox mailbox) {
    ReplyLog replyLog = new ReplyLog(files.replyLog());
    Set<String> done = replyLog.keys();
    List<ReplyMailbox.Header> headers = mailbox.headers();
    int already = 0;
    int notAbout = 0;
    List<Skipped> tooLarge = new ArrayList<>();
    List<Read> read = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ReplyMailbox.Header h : headers) {
      if (done.contains(h.key())) {
        already++;
      } else if (!seen.add(h.key())) {
        already++; // a second copy of a message in this folder
      } else if (!h.mightMatch()) {
        notAbout++;
      } else if (h.size() > limits.maxReplyBytes()) {
        tooLarge.add(new Skipped(h.from(), h.subject(), h.size()));
      } else {
        byte[] bytes = mailbox.download(h, limits.maxReplyBytes());
        if (bytes == null) {
          tooLarge.add(new Skipped(h.from(), h.subject(), limits.maxReplyBytes() + 1));
        } else {
          MimeMessage message = parse(bytes);
          SortedReply reply = sorter.sort(message);
          String detail =
              reply.kind() == ReplyKind.BOUNCE
                  ? BounceDetail.of(message, reply.bouncedRecipient(), limits.maxReplyBytes())
                  : "";
          read.add(new Read(h, reply, detail));
        }
      }
    }

    Set<String> ids = new LinkedHashSet<>();
    Set<String> refs = new LinkedHashSet<>();
    for (Read r : read) {
      ids.addAll(r.reply().referencedIds());
      refs.addAll(r.reply().refTokens());
    }
    SentIndex sent =
        read.isEmpty() ? null : SentIndex.load(files.journal(), Set.copyOf(ids), Set.copyOf(refs));
    List<Matched> matched = new ArrayList<>();
    for (Read r : read) {
      Matched m = match(r, sent);
      if (m == null) {
        notAbout++;
      } else {
        matched.add(m);
      }
    }

    List<Found> found = act(matched, sent);
    replyLog.append(
        matched.stream()
            .map(
                m ->
                    new ReplyLog.Entry(
                        m.read().header().received() == null
                            ? clock.instant()
                            : m.read().header().received(),
                        m.target().campaign(),
                        m.target().recipient(),
                        m.read().reply().kind(),
                        m.read().header().key(),
                        m.read().reply().subject()))
            .toList());
    return new Summary(mailbox.folderName(), headers.size(), found, notAbout, already, tooLarge);
  }

  private MimeMessage parse(byte[] bytes) {
    try {
      return new MimeMessage(session, new ByteArrayInputStream(bytes));
    } catch (MessagingException e) {
      // Jakarta Mail reads headers leniently and hardly ever refuses; an empty message then
      // sorts as an unrelated one, and the mailbox run goes on.
      return new MimeMessage(session);
    }
  }

  /** In-Reply-To and References first (then a bounce's returned Message-ID), then a ref token. */
  private static Matched match(Read r, SentIndex sent) {
    for (String id : r.reply().referencedIds()) {
      SentIndex.Target t = sent.byMessageId(id);
      if (t != null) {
        return new Matched(r, t, false);
      }
    }
    for (String ref : r.reply().refTokens()) {
      SentIndex.Target t = sent.byRef(ref);
      if (t != null) {
        return new Matched(r, t, true);
      }
    }
    return null;
  }

  private List<Found> act(List<Matched> matched, SentIndex sent) {
    if (matched.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Set<String> emails = new HashSet<>();
    for (Matched m : matched) {
      emails.add(m.target().recipient());
      emails.add(bouncedAddress(m));
    }
    ContactLookup contacts = ContactLookup.of(files.contacts(), emails, limits);

    List<InterviewLog.Draft> drafts = new ArrayList<>();
    for (Matched m : matched) {
      if (m.read().reply().kind() == ReplyKind.INTERVIEW_REQUEST) {
        String email = m.target().recipient();
        drafts.add(
            new InterviewLog.Draft(
                m.target().campaign(),
                email,
                contacts.name(email),
                contacts.outlet(email),
                m.read().reply().subject(),
                Interview.Status.REQUESTED,
                "",
                m.throughLink() ? Interview.Source.LINK : Interview.Source.REPLY,
                m.read().header().key(),
                ""));
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
        String email = m.target().recipient();
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
                    a.isNew()));
          }
          case UNSUBSCRIBE -> {
            if (optOut == null) {
              optOut = OptOutList.load(files.optOut(), limits);
            }
            boolean isNew = optOut.add(email, "unsubscribe request by reply", today);
            found.add(
                new Found(
                    reply.kind(),
                    campaign,
                    email,
                    contacts.name(email),
                    contacts.outlet(email),
                    reply.subject(),
                    "",
                    null,
                    isNew));
          }
          case BOUNCE -> {
            String address = bouncedAddress(m);
            String detail = m.read().bounceDetail();
            if (!sent.bounced(campaign, address)) {
              if (journal == null) {
                journal = Journal.open(files.journal());
              }
              journal.appendDurably(
                  new JournalEntry(
                      now, campaign, address, Outcome.BOUNCED, detail, m.target().messageId()));
            }
            if (optOut == null) {
              optOut = OptOutList.load(files.optOut(), limits);
            }
            boolean isNew =
                optOut.add(address, detail.isEmpty() ? "bounced" : "bounced: " + detail, today);
            found.add(
                new Found(
                    reply.kind(),
                    campaign,
                    address,
                    contacts.name(address),
                    contacts.outlet(address),
                    reply.subject(),
                    detail,
                    null,
                    isNew));
          }
          default ->
              found.add(
                  new Found(
                      reply.kind(),
                      campaign,
                      email,
                      contacts.name(email),
                      contacts.outlet(email),
                      reply.subject(),
                      "",
                      null,
                      true));
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
   * The address a bounce is about: the failed recipient the report names, else the recipient of the
   * message it returns. For any other reply, the recipient of the message it answers.
   */
  private static String bouncedAddress(Matched m) {
    String named = m.read().reply().bouncedRecipient();
    return m.read().reply().kind() == ReplyKind.BOUNCE && !named.isEmpty()
        ? named
        : m.target().recipient();
  }
}
