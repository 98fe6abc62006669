package dev.herald.replies;

import dev.herald.Display;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.contacts.ContactLookup;
import dev.herald.contacts.OptOutList;
import dev.herald.csv.LogFile;
import dev.herald.identity.EmailAddress;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.Outcome;
import dev.herald.util.Progress;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

  /**
   * A reply about a campaign, and what was done with it.
   *
   * @param email the recipient of the message it answers (for a bounce, the address suppressed)
   * @param from the reply's sender
   * @param review why it was not acted on and needs a person to look at it, or "" if it was acted
   *     on
   */
  public record Found(
      ReplyKind kind,
      String campaign,
      String email,
      String name,
      String outlet,
      String subject,
      String detail,
      Interview interview,
      boolean isNew,
      String from,
      String replyId,
      String review) {

    /** Whether it was left for a person to look at. */
    public boolean needsLook() {
      return !review.isEmpty();
    }
  }

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

    /** The replies of this kind that were acted on. */
    public List<Found> of(ReplyKind kind) {
      return found.stream().filter(f -> f.kind() == kind && !f.needsLook()).toList();
    }

    /** The replies left for a person to look at, with the reason. */
    public List<Found> needsLook() {
      return found.stream().filter(Found::needsLook).toList();
    }
  }

  /**
   * A reply read and sorted, not yet tied to a campaign; for a bounce, with what the report says
   * about the failure. The message itself is not kept: a folder may hold many large replies.
   */
  private record Read(ReplyMailbox.Header header, SortedReply reply, String bounceDetail) {}

  /**
   * A reply tied to the message it answers: {@code keyed} when what ties it is a reference only
   * this folder's key could make (not an old unkeyed one); {@code review} is why it is not acted on
   * automatically, or "".
   */
  private record Matched(
      Read read, SentIndex.Target target, boolean throughLink, boolean keyed, String review) {}

  private final Files files;
  private final InputLimits limits;
  private final Clock clock;
  private final FolderKey key;
  private final ReplySorter sorter;
  private final Session session = Session.getInstance(new Properties());

  public ReplyFetch(Files files, InputLimits limits, Clock clock, FolderKey key) {
    this.key = Objects.requireNonNull(key, "key");
    this.files = Objects.requireNonNull(files, "files");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sorter =
        new ReplySorter(new ReplySorter.ReadLimits(limits.maxReplyBytes(), limits.maxDepth()));
  }

  /** Replies read before they are acted on and recorded: a batch. */
  static final int BATCH = 50;

  /** The longest a read reply waits to be recorded, so that a slow mailbox loses little. */
  static final Duration BATCH_TIME = Duration.ofSeconds(5);

  /** Reads the mailbox and acts on the replies not acted on before. */
  public Summary run(ReplyMailbox mailbox) {
    return run(mailbox, Progress.none());
  }

  /**
   * Reads the mailbox and acts on the replies not acted on before, stepping {@code progress} once
   * for each message in the folder.
   *
   * <p>Replies are acted on and recorded in batches (every {@value #BATCH} replies, or {@link
   * #BATCH_TIME}, whichever comes first), so a connection that breaks part-way loses at most the
   * batch being read, and that is recorded too before the error is passed on: a re-run continues
   * where this one stopped, and adds nothing twice.
   *
   * @throws HeraldException exit 4 if the connection breaks; its message says how many replies were
   *     recorded before it did
   */
  public Summary run(ReplyMailbox mailbox, Progress progress) {
    Objects.requireNonNull(progress, "progress");
    // One fetch at a time: two at once would both find the same new replies.
    return LogFile.locked(files.replyLog(), () -> runLocked(mailbox, progress));
  }

  /** What a run has found so far, batch by batch. */
  private final class Run {
    final ReplyLog replyLog = new ReplyLog(files.replyLog());
    final List<Read> pending = new ArrayList<>();
    final List<Found> found = new ArrayList<>();
    final List<Skipped> tooLarge = new ArrayList<>();
    int notAbout;
    int already;
    int recorded;
    long batchStarted = System.nanoTime();

    void add(Read read) {
      pending.add(read);
      if (pending.size() >= BATCH || System.nanoTime() - batchStarted >= BATCH_TIME.toNanos()) {
        flush();
      }
    }

    /** Acts on the replies read since the last batch and records them in the reply log. */
    void flush() {
      batchStarted = System.nanoTime();
      if (pending.isEmpty()) {
        return;
      }
      List<Read> read = List.copyOf(pending);
      pending.clear();
      Set<String> ids = new LinkedHashSet<>();
      Set<String> refs = new LinkedHashSet<>();
      Set<String> senders = new LinkedHashSet<>();
      for (Read r : read) {
        ids.addAll(r.reply().referencedIds());
        refs.addAll(r.reply().refTokens());
        if (unsubscribeOutOfThread(r)) {
          senders.add(r.reply().from());
        }
      }
      SentIndex sent =
          SentIndex.load(
              files.journal(), Set.copyOf(ids), Set.copyOf(refs), Set.copyOf(senders), key);
      List<Matched> matched = new ArrayList<>();
      for (Read r : read) {
        Matched m = match(r, sent);
        if (m == null) {
          notAbout++;
        } else {
          matched.add(m);
        }
      }
      found.addAll(act(matched, sent));
      replyLog.append(matched.stream().map(ReplyFetch.this::entry).toList());
      recorded += matched.size();
    }
  }

  /** An unsubscribe request that names no release: no In-Reply-To, References or reference. */
  private static boolean unsubscribeOutOfThread(Read r) {
    return r.reply().kind() == ReplyKind.UNSUBSCRIBE
        && r.reply().referencedIds().isEmpty()
        && r.reply().refTokens().isEmpty()
        && !r.reply().from().isEmpty();
  }

  private ReplyLog.Entry entry(Matched m) {
    return new ReplyLog.Entry(
        m.read().header().received() == null ? clock.instant() : m.read().header().received(),
        m.target().campaign(),
        m.target().recipient(),
        m.read().reply().kind(),
        m.read().header().key(),
        m.read().reply().subject(),
        m.review(),
        m.read().reply().from());
  }

  private Summary runLocked(ReplyMailbox mailbox, Progress progress) {
    Run run = new Run();
    Set<String> done = run.replyLog.keys();
    List<ReplyMailbox.Header> headers = mailbox.headers();
    Set<String> seen = new HashSet<>();
    try {
      for (ReplyMailbox.Header h : headers) {
        if (done.contains(h.key())) {
          run.already++;
        } else if (!seen.add(h.key())) {
          run.already++; // a second copy of a message in this folder
        } else if (!h.mightMatch()) {
          run.notAbout++;
        } else if (h.size() > limits.maxReplyBytes()) {
          // RFC822.SIZE came with the headers: a huge message is passed over unread
          run.tooLarge.add(new Skipped(h.from(), h.subject(), h.size()));
        } else {
          byte[] bytes = mailbox.download(h, limits.maxReplyBytes());
          if (bytes == null) {
            run.tooLarge.add(new Skipped(h.from(), h.subject(), limits.maxReplyBytes() + 1));
          } else {
            MimeMessage message = parse(bytes);
            SortedReply reply = sorter.sort(message);
            String detail =
                reply.kind() == ReplyKind.BOUNCE
                    ? BounceDetail.of(message, reply.bouncedRecipient(), limits.maxReplyBytes())
                    : "";
            run.add(new Read(h, reply, detail));
          }
        }
        progress.step();
      }
    } catch (HeraldException e) {
      // The connection broke: what was read is kept, so the next run need not read it again.
      run.flush();
      throw new HeraldException(
          e.exitCode(),
          e.getMessage()
              + " "
              + run.recorded
              + (run.recorded == 1
                  ? " reply about a campaign was"
                  : " replies about a campaign were")
              + " recorded in "
              + Display.path(files.replyLog())
              + " before it broke, and will not be read again.",
          e);
    }
    run.flush();
    return new Summary(
        mailbox.folderName(), headers.size(), run.found, run.notAbout, run.already, run.tooLarge);
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

  /**
   * In-Reply-To and References first (then a bounce's returned Message-ID), then a ref token; then
   * whether herald may act on it without a person looking.
   */
  private static Matched match(Read r, SentIndex sent) {
    List<Matched> candidates = new ArrayList<>();
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
        if (sameAddress(from, c.target().recipient())) {
          chosen = c;
          break;
        }
      }
    }
    String recipient = chosen.target().recipient();
    boolean keyed =
        candidates.stream()
            .anyMatch(c -> c.keyed() && sameAddress(c.target().recipient(), recipient));
    // A delivery report is about one message: references to messages sent to different
    // recipients mean it was made up, or mixes two reports.
    boolean disagree =
        r.reply().kind() == ReplyKind.BOUNCE
            && candidates.stream().anyMatch(c -> !sameAddress(c.target().recipient(), recipient));
    Matched m = new Matched(r, chosen.target(), chosen.throughLink(), keyed, "");
    return new Matched(r, chosen.target(), chosen.throughLink(), keyed, review(m, disagree));
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
        if (!from.isEmpty() && sameAddress(from, recipient)) {
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
        if (!from.isEmpty() && sameDomain(from, recipient)) {
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
          if (!sameAddress(named, recipient)) {
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

  /**
   * One address identity (PRODUCT.md "Addresses"): compared by {@link EmailAddress#key}, also in
   * the ASCII form of the domain, since a report names an internationalised address as the server
   * saw it.
   */
  private static boolean sameAddress(String a, String b) {
    return EmailAddress.key(a).equals(EmailAddress.key(b))
        || EmailAddress.key(EmailAddress.ascii(a)).equals(EmailAddress.key(EmailAddress.ascii(b)));
  }

  private static boolean sameDomain(String a, String b) {
    return EmailAddress.domain(a).equals(EmailAddress.domain(b))
        || EmailAddress.domain(EmailAddress.ascii(a))
            .equals(EmailAddress.domain(EmailAddress.ascii(b)));
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
            boolean isNew = optOut.add(email, "unsubscribe request by reply", today);
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
    boolean forwarded = !from.isEmpty() && !sameAddress(from, recipient);
    String email = forwarded ? from : recipient;
    String outlet = contacts.outlet(email);
    if (forwarded && outlet.isEmpty() && sameDomain(from, recipient)) {
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
