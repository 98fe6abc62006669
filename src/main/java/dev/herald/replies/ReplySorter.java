package dev.herald.replies;

import dev.herald.replies.DeliveryReport.RecipientStatus;
import dev.herald.replies.DeliveryReport.ReturnedHeaders;
import dev.herald.replies.ReplyWords.InterviewWording;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Sorts one reply to a press release: interview request, unsubscribe request, bounce, auto-reply,
 * or other; and reads what ties it to the message it answers (In-Reply-To, References, the {@code
 * [ref:…]} token of herald's interview link).
 *
 * <p>Precedence, first match wins: {@link ReplyKind#BOUNCE}, {@link ReplyKind#AUTO_REPLY}, {@link
 * ReplyKind#UNSUBSCRIBE}, {@link ReplyKind#INTERVIEW_REQUEST}, {@link ReplyKind#OTHER}. Wording is
 * read in the reply's own words only (see {@link ReplyWords}), never in the quoted release.
 *
 * <p>Replies come from strangers, so the sorter treats them as hostile: it reads at most {@link
 * ReadLimits#maxBytes} of any part, descends at most {@link ReadLimits#maxDepth} multiparts deep,
 * visits at most {@value #MAX_PARTS} parts, and never throws on malformed input. A reply it cannot
 * parse is {@link ReplyKind#OTHER} with whatever it could read. Instances are immutable and may be
 * shared between threads.
 */
public final class ReplySorter {

  /**
   * How much of a reply the sorter reads.
   *
   * @param maxBytes the most bytes read of any one part (a longer body is truncated)
   * @param maxDepth the most multiparts nested within each other that are opened
   */
  public record ReadLimits(long maxBytes, int maxDepth) {

    /** 10 MB a part, 20 levels deep. */
    public static final ReadLimits DEFAULT = new ReadLimits(10L * 1024 * 1024, 20);

    public ReadLimits {
      if (maxBytes <= 0) {
        throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
      }
      if (maxDepth < 0) {
        throw new IllegalArgumentException("maxDepth must not be negative: " + maxDepth);
      }
    }
  }

  /** Parts visited in one reply, whether nested or side by side. */
  static final int MAX_PARTS = 1000;

  /** Characters of own words returned in {@link SortedReply#ownWords()}. */
  static final int OWN_WORDS_CHARS = 2000;

  /**
   * Characters of own words and report text that wording is looked for in. A person's reply says
   * what it wants near the top; the cap keeps matching time flat on a hostile 10 MB body.
   */
  static final int SCAN_CHARS = 64 * 1024;

  /** RFC 5322 line length: the longest subject or Message-ID kept. */
  static final int HEADER_CHARS = 998;

  private final ReadLimits limits;
  private final PartReader reader;

  public ReplySorter(ReadLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.reader = new PartReader(limits.maxBytes());
  }

  /**
   * Sorts a reply. Never throws on malformed input.
   *
   * @param message the reply, as parsed from its raw text or fetched from a mailbox
   * @return the sorted reply; {@link ReplyKind#OTHER} for a reply that cannot be parsed
   */
  public SortedReply sort(MimeMessage message) {
    Objects.requireNonNull(message, "message");
    String messageId = "";
    String from = "";
    String subject = "";
    List<String> referencedIds = new ArrayList<>();
    List<String> refTokens = new ArrayList<>();
    ReplyKind kind = ReplyKind.OTHER;
    String bouncedRecipient = "";
    String own = "";
    try {
      messageId = ownMessageId(message);
      from = Addresses.sender(PartReader.header(message, "From"));
      subject = cap(DeliveryReport.decodeText(PartReader.header(message, "Subject")), HEADER_CHARS);
      referencedIds.addAll(referencedIds(message));
      refTokens.addAll(ReplyWords.refTokens(subject));

      PartWalk walk = new PartWalk(limits.maxDepth(), reader);
      RawPart whole = PartReader.whole(message);
      walk.visit(whole, 0);
      String text = walk.bodyText(whole);
      own = OwnWords.strip(text, SCAN_CHARS);
      if (!walk.damaged()) {
        MediaType top = PartReader.mediaType(whole);
        Bounce bounce = bounce(message, top, from, subject, walk, text);
        if (bounce == null) {
          kind = sortByWording(message, top, subject, own);
        } else {
          addAll(referencedIds, List.of(bounce.returned.messageId()));
          addAll(refTokens, ReplyWords.refTokens(bounce.returned.subject()));
          if (bounce.recipient != null) {
            kind = ReplyKind.BOUNCE;
            bouncedRecipient = bounce.recipient;
          }
        }
      }
    } catch (RuntimeException e) {
      // A parser bug on hostile input must not stop a mailbox run: keep what was read, as OTHER.
      kind = ReplyKind.OTHER;
      bouncedRecipient = "";
    }
    return new SortedReply(
        kind,
        messageId,
        from,
        subject,
        referencedIds,
        refTokens,
        bouncedRecipient,
        cap(own, OWN_WORDS_CHARS));
  }

  /** A delivery report: the failed recipient ({@code null} if nothing failed) and the original. */
  private record Bounce(String recipient, ReturnedHeaders returned) {}

  /**
   * Reads a delivery report, or returns {@code null} if the reply is not one. A report is a
   * top-level {@code multipart/report; report-type=delivery-status} (RFC 6522, RFC 3464), or a
   * plain message from a mail system or with a non-delivery subject.
   *
   * <p>A report in which no recipient failed (Action: delayed, or delivered, relayed, expanded) is
   * not a bounce: the server is still trying, or succeeded, so the address must not be suppressed.
   * Like an auto-reply, it is logged and not counted; it sorts as OTHER, since an auto-reply is a
   * person's absence, which this is not.
   */
  private Bounce bounce(
      MimeMessage message, MediaType top, String from, String subject, PartWalk walk, String text) {
    String normalisedSubject = ReplyWords.normalise(subject);
    boolean report =
        top.is("multipart/report")
            && top.parameter("report-type").equalsIgnoreCase("delivery-status");
    boolean looksLikeReport =
        Addresses.isMailSystem(from) || ReplyWords.isBounceSubject(normalisedSubject);
    if (!report && !looksLikeReport) {
      return null;
    }
    String reportText = cap(text, SCAN_CHARS);
    ReturnedHeaders returned = walk.returnedHeaders();
    if (returned.messageId().isEmpty()) {
      ReturnedHeaders fromText = DeliveryReport.returnedHeaders(reportText);
      returned =
          new ReturnedHeaders(
              fromText.messageId(),
              returned.subject().isEmpty() ? fromText.subject() : returned.subject(),
              returned.to().isEmpty() ? fromText.to() : returned.to());
    }
    List<RecipientStatus> statuses = DeliveryReport.recipients(walk.deliveryStatusText());
    if (!statuses.isEmpty()) {
      for (RecipientStatus status : statuses) {
        if (status.failed()) {
          return new Bounce(status.recipient(), returned);
        }
      }
      return new Bounce(null, returned); // delayed or delivered only: see above
    }
    if (ReplyWords.isDelaySubject(normalisedSubject)) {
      return new Bounce(null, returned);
    }
    String recipient = DeliveryReport.recipientFromText(reportText);
    if (recipient.isEmpty()) {
      List<String> to = Addresses.find(returned.to());
      recipient = to.size() == 1 ? to.get(0) : "";
    }
    if (recipient.isEmpty()) {
      recipient = DeliveryReport.firstAddress(reportText, ownAddresses(message, from));
    }
    return new Bounce(recipient, returned);
  }

  private static ReplyKind sortByWording(
      MimeMessage message, MediaType top, String subject, String own) {
    String ownWords = ReplyWords.normalise(own);
    String subjectWords = ReplyWords.senderSubjectWording(subject);
    // RFC 8098 read receipts are sent by software, as RFC 3834 auto-replies are.
    boolean readReceipt =
        top.is("multipart/report")
            && top.parameter("report-type").equalsIgnoreCase("disposition-notification");
    if (readReceipt
        || hasAutoReplyHeader(message)
        || ReplyWords.saysOutOfOffice(ownWords)
        || ReplyWords.saysOutOfOffice(subjectWords)) {
      return ReplyKind.AUTO_REPLY;
    }
    if (ReplyWords.asksToUnsubscribe(ownWords) || ReplyWords.asksToUnsubscribe(subjectWords)) {
      return ReplyKind.UNSUBSCRIBE;
    }
    InterviewWording wording = ReplyWords.interviewWording(ownWords);
    if (wording == InterviewWording.REQUEST) {
      return ReplyKind.INTERVIEW_REQUEST;
    }
    // The interview link's subject asks on the sender's behalf, unless their own words decline.
    if (wording == InterviewWording.NONE && ReplyWords.isInterviewLinkSubject(subject)) {
      return ReplyKind.INTERVIEW_REQUEST;
    }
    return ReplyKind.OTHER;
  }

  /**
   * Headers that software sets on automatic answers: Auto-Submitted other than "no" (RFC 3834),
   * X-Autoreply and X-Autorespond (Exim, vacation programs), Precedence: auto_reply. Precedence
   * bulk, junk or list mark an auto-reply only together with out-of-office wording, which is enough
   * on its own, so they are not read here.
   */
  private static boolean hasAutoReplyHeader(MimeMessage message) {
    String autoSubmitted = token(PartReader.header(message, "Auto-Submitted"));
    if (!autoSubmitted.isEmpty() && !autoSubmitted.equals("no")) {
      return true;
    }
    for (String name : List.of("X-Autoreply", "X-Autorespond")) {
      String value = PartReader.header(message, name);
      if (value != null && !Set.of("no", "false", "0").contains(token(value))) {
        return true;
      }
    }
    return token(PartReader.header(message, "Precedence")).equals("auto_reply");
  }

  /** A header's first word, lower case, without comments or parameters. */
  private static String token(String value) {
    if (value == null) {
      return "";
    }
    String token = value.strip().toLowerCase(Locale.ROOT);
    for (char end : new char[] {';', '(', ' ', '\t'}) {
      int at = token.indexOf(end);
      if (at >= 0) {
        token = token.substring(0, at);
      }
    }
    return token;
  }

  private static String ownMessageId(MimeMessage message) {
    String value = PartReader.header(message, "Message-ID");
    if (value == null) {
      return "";
    }
    List<String> ids = Addresses.messageIds(value);
    return ids.isEmpty() ? cap(value.strip(), HEADER_CHARS) : ids.get(0);
  }

  /**
   * The ids in In-Reply-To, then those in References (RFC 5322 section 3.6.4), each once: of each
   * header at most {@link Addresses#MAX_IDS}, the last ones, since the nearest parent comes last.
   */
  private static List<String> referencedIds(MimeMessage message) {
    List<String> ids = new ArrayList<>();
    for (String name : List.of("In-Reply-To", "References")) {
      List<String> values = allHeaders(message, name);
      if (!values.isEmpty()) {
        addAll(ids, Addresses.messageIds(MimeUtility.unfold(String.join(" ", values))));
      }
    }
    return ids;
  }

  private static List<String> allHeaders(MimePart part, String name) {
    try {
      String[] values = part.getHeader(name);
      return values == null ? List.of() : List.of(values);
    } catch (MessagingException | RuntimeException e) {
      return List.of();
    }
  }

  /** The reply's own From and To: never the failed recipient of a report they sent or got. */
  private static Set<String> ownAddresses(MimeMessage message, String from) {
    Set<String> own = new HashSet<>();
    own.add(from);
    for (String name : List.of("To", "Cc", "Reply-To", "Return-Path")) {
      for (String value : allHeaders(message, name)) {
        own.addAll(Addresses.find(value));
      }
    }
    return own;
  }

  private static void addAll(List<String> into, List<String> values) {
    for (String value : values) {
      if (!value.isEmpty() && !into.contains(value)) {
        into.add(value);
      }
    }
  }

  /** Cuts text to at most {@code max} characters, never inside a surrogate pair. */
  private static String cap(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end).stripTrailing();
  }
}
