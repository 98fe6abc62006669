package dev.herald.campaign;

import dev.herald.HeraldException;
import dev.herald.identity.EmailAddress;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import dev.herald.journal.CrossCampaign;
import dev.herald.replies.ReplyKind;
import dev.herald.replies.ReplyLog;
import dev.herald.template.Rendered;
import dev.herald.util.Hashes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who may get a follow-up of a campaign, and how the follow-up threads under the original. A
 * contact is eligible when the journal says the server accepted the original for them and nothing
 * since says they answered in any way: no bounce (journal), and no interview request, reply,
 * auto-reply, unsubscribe or bounce in the reply log ({@code interviews fetch}), nor an interview
 * logged by hand. Replies that fetch left for a person to look at count as answers too: a follow-up
 * to someone who may have written back is the embarrassment this exists to avoid. The opt-out list
 * applies before this, as to every send.
 */
public final class FollowUp {

  /** Why a contact of the list is, or is not, eligible. */
  public enum Reason {
    ELIGIBLE("eligible"),
    NEVER_SENT("never sent the original"),
    BOUNCED("the original bounced"),
    INTERVIEW("asked for an interview"),
    UNSUBSCRIBED("asked to unsubscribe"),
    REPLIED("replied"),
    AUTO_REPLIED("sent an automatic reply"),
    UNTHREADABLE("the journal's Message-ID of the original is not a valid msg-id");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * RFC 5322 section 3.6.4: {@code "<" dot-atom-text "@" (dot-atom-text / no-fold-literal) ">"}.
   */
  private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";

  private static final Pattern MSG_ID =
      Pattern.compile(
          "<"
              + ATEXT
              + "(?:\\."
              + ATEXT
              + ")*@(?:"
              + ATEXT
              + "(?:\\."
              + ATEXT
              + ")*|\\[[\\x21-\\x5a\\x5e-\\x7e]*\\])>");

  private final CrossCampaign journal;
  private final Map<Long, Reason> answered = new HashMap<>();

  private FollowUp(CrossCampaign journal) {
    this.journal = journal;
  }

  /**
   * The eligibility of contacts for a follow-up of {@code journal.followed()}, from the journal as
   * read and the reply and interview logs.
   */
  public static FollowUp of(CrossCampaign journal, Path replyLog, Path interviewLog) {
    String campaign = journal.followed();
    FollowUp f = new FollowUp(journal);
    new ReplyLog(replyLog)
        .forEach(
            e -> {
              if (e.campaign().equals(campaign)) {
                f.answer(e.email(), reason(e.kind()));
              }
            });
    for (Interview i : new InterviewLog(interviewLog).read()) {
      if (i.campaign().equals(campaign)) {
        f.answer(i.email(), Reason.INTERVIEW);
      }
    }
    return f;
  }

  private static Reason reason(ReplyKind kind) {
    return switch (kind) {
      case INTERVIEW_REQUEST -> Reason.INTERVIEW;
      case UNSUBSCRIBE -> Reason.UNSUBSCRIBED;
      case BOUNCE -> Reason.BOUNCED;
      case AUTO_REPLY -> Reason.AUTO_REPLIED;
      case OTHER -> Reason.REPLIED;
    };
  }

  // The weightiest answer is the one shown: an interview request over a plain reply, any reply over
  // an out-of-office.
  private void answer(String email, Reason r) {
    answered.merge(
        Hashes.key64(EmailAddress.key(email)), r, (a, b) -> a.ordinal() <= b.ordinal() ? a : b);
  }

  /** The campaign followed up. */
  public String campaign() {
    return journal.followed();
  }

  /** Whether {@code email} may get the follow-up, and if not, why not. */
  public Reason judge(String email) {
    CrossCampaign.Original o = journal.original(email);
    if (o == null || !o.sent()) {
      return o != null && o.bounced() ? Reason.BOUNCED : Reason.NEVER_SENT;
    }
    if (o.bounced()) {
      return Reason.BOUNCED;
    }
    Reason r = answered.get(Hashes.key64(EmailAddress.key(email)));
    if (r != null) {
      return r;
    }
    return MSG_ID.matcher(o.messageId()).matches() ? Reason.ELIGIBLE : Reason.UNTHREADABLE;
  }

  /** How many recipients the server accepted the original for. */
  public int originalsSent() {
    return journal.originalsSent();
  }

  /**
   * Refuses (exit 2) a template without a Subject when some original's subject is not in the
   * journal (lines written before the journal had a subject column): there is nothing to say "Re:"
   * to.
   */
  public void requireSubjects(boolean templateHasSubject) {
    int missing = journal.sentWithoutSubject();
    if (templateHasSubject || missing == 0) {
      return;
    }
    throw HeraldException.input(
        "the follow-up's template has no Subject, and the journal does not record the subject of"
            + " campaign "
            + campaign()
            + " for "
            + missing
            + (missing == 1 ? " recipient" : " recipients")
            + " (those lines predate the journal's subject column): add a 'Subject:' line to the"
            + " template. Nothing was sent.");
  }

  /**
   * {@code r} as a follow-up: the subject, when the template gave none, is "Re: " and the
   * original's; with {@code headers}, In-Reply-To and References name the original's Message-ID
   * (RFC 5322 section 3.6.4), so that mail clients show it in the original's thread. Proofs take
   * the subject but not the headers: a reviewer's answer to a proof must never thread onto, or be
   * matched to, the journalist's message.
   */
  public Rendered thread(Rendered r, boolean headers) {
    CrossCampaign.Original o = journal.original(r.contact().email());
    // no original: only a proof for a contact who is not eligible gets here
    String was = o == null || o.subject().isBlank() ? journal.anySubject() : o.subject();
    String subject = r.subject().isEmpty() ? reply(was) : r.subject();
    List<Rendered.Field> extra = new ArrayList<>(r.extraHeaders());
    if (headers && o != null && MSG_ID.matcher(o.messageId()).matches()) {
      extra.add(new Rendered.Field("In-Reply-To", o.messageId()));
      extra.add(new Rendered.Field("References", o.messageId()));
    }
    return new Rendered(
        r.contact(),
        r.template(),
        subject,
        r.from(),
        r.replyTo(),
        r.cc(),
        r.bcc(),
        r.listUnsubscribe(),
        r.attachments(),
        r.text(),
        r.html(),
        r.ref(),
        extra,
        r.images());
  }

  /** "Re: " and the subject, unless it already starts so (no "Re: Re: "). */
  static String reply(String subject) {
    return subject.toLowerCase(Locale.ROOT).startsWith("re:") ? subject : "Re: " + subject;
  }

  /** Whether {@code id} is one RFC 5322 msg-id, angle brackets included. */
  public static boolean validMessageId(String id) {
    return MSG_ID.matcher(id).matches();
  }
}
