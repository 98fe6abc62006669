package dev.herald.replies;

import dev.herald.Display;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.contacts.OptOutList;
import dev.herald.csv.LogFile;
import dev.herald.identity.Forgotten;
import dev.herald.identity.MessageIds;
import dev.herald.identity.UnsubscribeTokens;
import dev.herald.interviews.Interview;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.SentTokens;
import dev.herald.replies.ReplyMatch.Matched;
import dev.herald.replies.ReplyMatch.Read;
import dev.herald.util.Progress;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p>This class walks the mailbox and records what it read; {@link ReplyMatch} ties a reply to its
 * message and {@link ReplyActions} acts on it. Every reply acted on is then recorded in the reply
 * log, which is how a second run knows to pass it over. Each action is also safe to repeat, so a
 * run that stops between acting and recording adds nothing twice when run again.
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
   * @param interview the interview log row, for an interview request acted on; {@code null} for
   *     every other reply
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

  /**
   * A message passed over because it is larger than {@code limits.reply-bytes}.
   *
   * @param size the size the server gave; or, when the server gave a wrong one and the download
   *     stopped at the limit, the limit plus one byte: the true size is then not known, only that
   *     it is larger
   */
  public record Skipped(String from, String subject, long size) {}

  /**
   * What a run found; {@code proofReplies} counts the replies tied only to a proof (its Message-ID
   * or its interview link's {@code [proof:…]}), which are never acted on: a reviewer's answer or
   * click speaks for no contact.
   */
  public record Summary(
      String folder,
      int messages,
      List<Found> found,
      int notAboutCampaign,
      int alreadyFetched,
      List<Skipped> tooLarge,
      int proofReplies) {
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

  private final Files files;
  private final InputLimits limits;
  private final Clock clock;
  private final FolderKey key;
  private final ReplySorter sorter;
  private final Session session = Session.getInstance(new Properties());
  private final ReplyActions actions;

  public ReplyFetch(Files files, InputLimits limits, Clock clock, FolderKey key) {
    this.key = Objects.requireNonNull(key, "key");
    this.files = Objects.requireNonNull(files, "files");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.actions = new ReplyActions(files, limits, clock);
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
    int proofs;
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
      Set<String> unsubscribeTokens = new LinkedHashSet<>();
      for (Read r : read) {
        unsubscribeTokens.addAll(UnsubscribeTokens.in(r.reply().subject()));
        ids.addAll(r.reply().referencedIds());
        refs.addAll(r.reply().refTokens());
        if (ReplyMatch.unsubscribeOutOfThread(r)) {
          senders.add(r.reply().from());
        }
      }
      SentIndex sent =
          SentIndex.load(
              files.journal(), Set.copyOf(ids), Set.copyOf(refs), Set.copyOf(senders), key);
      Map<String, JournalEntry> tokens =
          SentTokens.resolve(files.journal(), unsubscribeTokens, key);
      List<Matched> matched = new ArrayList<>();
      for (Read r : read) {
        Matched m = ReplyMatch.match(r, sent, tokens);
        if (m == null) {
          if (aboutAProof(r)) {
            proofs++;
          } else {
            notAbout++;
          }
        } else {
          matched.add(m);
        }
      }
      found.addAll(actions.act(matched, sent));
      replyLog.append(matched.stream().map(ReplyFetch.this::entry).toList());
      recorded += matched.size();
    }
  }

  /** Whether a reply tied to no message in the journal answers a proof, or came from its link. */
  private static boolean aboutAProof(Read r) {
    return r.reply().referencedIds().stream().anyMatch(MessageIds::isProof)
        || ReplyWords.hasProofToken(r.reply().subject());
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
        if (done.contains(h.key()) || done.contains(Forgotten.messageId(key, h.key()))) {
          run.already++; // logged before (under a pseudonym, if forget found the address in it)
        } else if (!seen.add(h.key())) {
          run.already++; // a second copy of a message in this folder
        } else if (!h.mightMatch()) {
          run.notAbout++;
        } else if (h.size() > limits.maxReplyBytes()) {
          // RFC822.SIZE came with the headers: a huge message is passed over unread
          run.tooLarge.add(new Skipped(h.from(), h.subject(), h.size()));
        } else {
          Optional<byte[]> bytes = mailbox.download(h, limits.maxReplyBytes());
          if (bytes.isEmpty()) {
            run.tooLarge.add(new Skipped(h.from(), h.subject(), limits.maxReplyBytes() + 1));
          } else {
            MimeMessage message = parse(bytes.get());
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
        mailbox.folderName(),
        headers.size(),
        run.found,
        run.notAbout,
        run.already,
        run.tooLarge,
        run.proofs);
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
}
