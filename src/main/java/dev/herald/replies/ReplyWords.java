package dev.herald.replies;

import dev.herald.replies.WordLists.Section;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording that sorts a reply, in the languages of herald's contacts (English, Polish, French,
 * German, Italian, Spanish, Dutch, one resource file each: see {@link WordLists}), and the matching
 * that applies it.
 *
 * <p>Every list is written in natural lower-case spelling, accents included, so that a reader can
 * check it; before matching, each entry and the reply's text pass through the same {@link
 * #normalise} (Unicode NFKD with accents removed, lower case, {@code ł} to {@code l}, hyphens to
 * spaces, {@code n't} to {@code not}, whitespace collapsed). An entry matches at the start of a
 * word and may run on into a longer word, so a stem like {@code nieobecn} matches {@code nieobecny}
 * and {@code nieobecności}. An entry starting with {@code *} may also sit inside a word: German and
 * Dutch write compounds ({@code Telefoninterview}, {@code Telefongespräch}).
 */
final class ReplyWords {

  // Declared first: the word patterns below are built with normalise(), which needs these.
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t\\x0B\\f\\r]*\\n");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** The word lists, read once from {@code words/} (see {@link WordLists}). */
  private static final WordLists WORDS = WordLists.builtIn();

  /** Out-of-office wording: in the subject or the reply's own words it marks an auto-reply. */
  static final List<String> OUT_OF_OFFICE = WORDS.get(Section.OUT_OF_OFFICE);

  /** Requests to be taken off the list. */
  static final List<String> UNSUBSCRIBE = WORDS.get(Section.UNSUBSCRIBE);

  /** Asking for an interview or a conversation. */
  static final List<String> INTERVIEW = WORDS.get(Section.INTERVIEW);

  /**
   * Phrases that contain request wording but ask for nothing: a sign-off, or the journalist talking
   * to their own people ("I'll talk to my editor"). Removed before matching.
   */
  static final List<String> NOT_REQUESTS = WORDS.get(Section.NOT_REQUESTS);

  /**
   * Words that negate request wording near them ("no interview needed", "kein Interview", "nie
   * jestem zainteresowany wywiadem", "pas d'entretien", "non sono interessato a un'intervista"). A
   * French word starting {@code n'} ({@code n'ai}, {@code n'est}) also negates.
   */
  static final Set<String> NEGATIONS = Set.copyOf(WORDS.get(Section.NEGATIONS));

  /**
   * Phrases built on a negation that do not negate: "I can't wait", "no problem", Polish "czy nie
   * moglibyśmy…" (a polite question), French "n'hésitez pas". Removed before negations are read.
   */
  static final List<String> NOT_NEGATIONS = WORDS.get(Section.NOT_NEGATIONS);

  /**
   * Subjects of non-delivery reports sent without {@code multipart/report}, as the common mail
   * servers word them.
   */
  static final List<String> BOUNCE_SUBJECTS = WORDS.get(Section.BOUNCE_SUBJECTS);

  /**
   * Subjects of delivery reports that only say a message is late. The server is still trying, so
   * the address is not bad: such a report is not a bounce.
   */
  static final List<String> DELAY_SUBJECTS = WORDS.get(Section.DELAY_SUBJECTS);

  /** How many words before a request word are searched for a negation, within its clause. */
  private static final int NEGATION_WORDS_BEFORE = 6;

  /** How many words after a request word are searched ("interview not needed"). */
  private static final int NEGATION_WORDS_AFTER = 3;

  private static final Pattern OUT_OF_OFFICE_PATTERN = anyOf(OUT_OF_OFFICE);
  private static final Pattern UNSUBSCRIBE_PATTERN = anyOf(UNSUBSCRIBE);
  private static final Pattern INTERVIEW_PATTERN = anyOf(INTERVIEW);
  private static final Pattern NOT_REQUEST_PATTERN = anyOf(NOT_REQUESTS);
  private static final Pattern NOT_NEGATION_PATTERN = anyOf(NOT_NEGATIONS);
  private static final Pattern BOUNCE_SUBJECT_PATTERN = anyOf(BOUNCE_SUBJECTS);
  private static final Pattern DELAY_SUBJECT_PATTERN = anyOf(DELAY_SUBJECTS);
  private static final Set<String> NEGATION_WORDS = normaliseAll(NEGATIONS);

  private static final Pattern TOKEN_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}']+");
  private static final String CLAUSE_ENDS = ".!?;,|";

  /**
   * herald's interview link puts {@code [ref:xxxxxxxxxx]} in its subject: ten lower-case
   * characters. Generated tokens are base32 ({@code [a-z2-7]}), but any ten letters and digits are
   * accepted, so a token written by another generation of the link (or typed back by hand in
   * capitals) still ties the reply to its contact.
   */
  private static final Pattern REF_TOKEN =
      Pattern.compile(
          "\\[\\s*ref\\s*:\\s*([a-z0-9]{16}|[a-z0-9]{10})\\s*]", Pattern.CASE_INSENSITIVE);

  /**
   * A proof's interview link puts {@code [proof:…]} in its subject instead ({@link
   * dev.herald.identity.MessageIds#proofRef}): recognised so that such a request is passed over
   * with a count, never tied to a contact.
   */
  private static final Pattern PROOF_TOKEN =
      Pattern.compile("\\[\\s*proof\\s*:\\s*[a-z0-9]{16}\\s*]", Pattern.CASE_INSENSITIVE);

  /** Reply and forward prefixes that mail clients put before a subject, in our languages. */
  private static final Pattern SUBJECT_PREFIXES =
      Pattern.compile(
          "^(?:(?:re|aw|antw|odp|sv|vs|fw|fwd|wg|tr|rif|r|i|res|rv|enc|doorst)"
              + "\\s*(?:\\[\\d+])?\\s*:\\s*)+");

  private static final String INTERVIEW_LINK_SUBJECT = "interview request";

  private ReplyWords() {}

  /** What the reply's own words say about an interview. */
  enum InterviewWording {
    /** Request wording without a negation near it. */
    REQUEST,
    /** Request wording, but every mention is negated ("no interview needed"). */
    DECLINED,
    /** No request wording at all. */
    NONE
  }

  static boolean saysOutOfOffice(String normalised) {
    return OUT_OF_OFFICE_PATTERN.matcher(normalised).find();
  }

  static boolean asksToUnsubscribe(String normalised) {
    return UNSUBSCRIBE_PATTERN.matcher(normalised).find();
  }

  static boolean isBounceSubject(String normalisedSubject) {
    return BOUNCE_SUBJECT_PATTERN.matcher(normalisedSubject).find();
  }

  static boolean isDelaySubject(String normalisedSubject) {
    return DELAY_SUBJECT_PATTERN.matcher(normalisedSubject).find();
  }

  /**
   * Reads request wording in normalised own words: a request unless every mention has a negation
   * within its clause (a few words before, or just after).
   */
  static InterviewWording interviewWording(String normalised) {
    String text = NOT_REQUEST_PATTERN.matcher(normalised).replaceAll(" ");
    text = NOT_NEGATION_PATTERN.matcher(text).replaceAll(" ");
    Matcher matcher = INTERVIEW_PATTERN.matcher(text);
    boolean declined = false;
    while (matcher.find()) {
      if (!negated(text, matcher.start(), matcher.end())) {
        return InterviewWording.REQUEST;
      }
      declined = true;
    }
    return declined ? InterviewWording.DECLINED : InterviewWording.NONE;
  }

  private static boolean negated(String text, int start, int end) {
    int clauseStart = start;
    while (clauseStart > 0 && CLAUSE_ENDS.indexOf(text.charAt(clauseStart - 1)) < 0) {
      clauseStart--;
    }
    int clauseEnd = end;
    while (clauseEnd < text.length() && CLAUSE_ENDS.indexOf(text.charAt(clauseEnd)) < 0) {
      clauseEnd++;
    }
    List<String> before = tokens(text.substring(clauseStart, start));
    List<String> after = tokens(text.substring(end, clauseEnd));
    int from = Math.max(0, before.size() - NEGATION_WORDS_BEFORE);
    return before.subList(from, before.size()).stream().anyMatch(ReplyWords::isNegation)
        || after.stream().limit(NEGATION_WORDS_AFTER).anyMatch(ReplyWords::isNegation);
  }

  private static boolean isNegation(String token) {
    return NEGATION_WORDS.contains(token) || (token.startsWith("n'") && token.length() > 2);
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    for (String token : TOKEN_SEPARATORS.split(text)) {
      if (!token.isEmpty()) {
        tokens.add(token);
      }
    }
    return tokens;
  }

  /** The {@code [ref:…]} tokens in a subject, lower case, in order, each once. */
  static List<String> refTokens(String subject) {
    List<String> tokens = new ArrayList<>();
    Matcher matcher = REF_TOKEN.matcher(subject);
    while (matcher.find()) {
      String token = matcher.group(1).toLowerCase(Locale.ROOT);
      if (!tokens.contains(token)) {
        tokens.add(token);
      }
    }
    return tokens;
  }

  /** Whether a subject carries the {@code [proof:…]} of a proof's interview link. */
  static boolean hasProofToken(String subject) {
    return PROOF_TOKEN.matcher(subject).find();
  }

  /**
   * Whether a subject is the one herald's interview link writes ("Interview request: CAMPAIGN
   * [ref:…]"), under any reply or forward prefixes.
   */
  static boolean isInterviewLinkSubject(String subject) {
    if (refTokens(subject).isEmpty()) {
      return false;
    }
    String folded = SUBJECT_PREFIXES.matcher(normalise(subject)).replaceFirst("");
    return folded.startsWith(INTERVIEW_LINK_SUBJECT);
  }

  /**
   * The part of a subject whose wording is the sender's. In a subject that carries a ref token,
   * herald wrote everything from "Interview request" on, and a campaign name such as {@code
   * absence-survey} must not read as out-of-office wording.
   */
  static String senderSubjectWording(String subject) {
    String normalised = normalise(subject);
    if (refTokens(subject).isEmpty()) {
      return normalised;
    }
    int link = normalised.indexOf(INTERVIEW_LINK_SUBJECT);
    return link < 0 ? normalised : normalised.substring(0, link);
  }

  /**
   * Folds text for matching: NFKD with combining marks removed, lower case, the letters that do not
   * decompose ({@code ł ß ø æ œ đ ı}) spelled out, typographic apostrophes made plain. Keeps line
   * breaks, so it also serves line-by-line checks.
   */
  static String fold(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKD);
    folded = MARKS.matcher(folded).replaceAll("").toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      switch (c) {
        case 'ł' -> out.append('l');
        case 'ß' -> out.append("ss");
        case 'ø' -> out.append('o');
        case 'æ' -> out.append("ae");
        case 'œ' -> out.append("oe");
        case 'đ' -> out.append('d');
        case 'ı' -> out.append('i');
        case '\u2019', '\u2018', '\u02bc', '`', '\u00b4' -> out.append('\'');
        case '\u00a0' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Folds text and flattens it for phrase matching: hyphens become spaces ("auto-reply", "e-mail",
   * "retirez-moi"), {@code n't} becomes {@code not}, a blank line becomes a clause break ({@code
   * |}), and other whitespace (line wrapping) a single space.
   */
  static String normalise(String text) {
    String folded = fold(text).replace("n't", " not");
    StringBuilder out = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      out.append(c == '-' || (c >= '\u2010' && c <= '\u2015') ? ' ' : c);
    }
    String flat = PARAGRAPH_BREAK.matcher(out).replaceAll(" | ");
    return WHITESPACE.matcher(flat).replaceAll(" ").strip();
  }

  private static Set<String> normaliseAll(Set<String> words) {
    Set<String> normalised = new HashSet<>();
    for (String word : words) {
      normalised.add(normalise(word));
    }
    return Set.copyOf(normalised);
  }

  /**
   * One pattern for a list: literal alternatives, longest first, each anchored at a word start
   * unless marked {@code *}. Literal alternatives keep matching linear in the text's length.
   */
  static Pattern anyOf(List<String> words) {
    List<String> atWordStart = new ArrayList<>();
    List<String> anywhere = new ArrayList<>();
    for (String word : words) {
      if (word.startsWith("*")) {
        anywhere.add(normalise(word.substring(1)));
      } else {
        atWordStart.add(normalise(word));
      }
    }
    List<String> parts = new ArrayList<>();
    if (!atWordStart.isEmpty()) {
      parts.add("(?<![\\p{L}\\p{N}])(?:" + alternatives(atWordStart) + ")");
    }
    if (!anywhere.isEmpty()) {
      parts.add("(?:" + alternatives(anywhere) + ")");
    }
    return Pattern.compile(String.join("|", parts));
  }

  private static String alternatives(List<String> words) {
    List<String> sorted = new ArrayList<>(words);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    List<String> quoted = new ArrayList<>();
    for (String word : sorted) {
      quoted.add(Pattern.quote(word));
    }
    return String.join("|", quoted);
  }
}
