package dev.herald.identity;

import com.ibm.icu.text.IDNA;
import com.ibm.icu.text.Normalizer2;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A contact's address: whether it is usable, the form it is sent in, and the key that says which
 * addresses are the same person.
 *
 * <p>A usable address is a bare addr-spec (RFC 5322 section 3.4.1) with a dot-atom local part and a
 * domain of at least two labels, holding no invisible or bidirectional control character. Display
 * names, comments, quoted local parts and IP literals are refused: in a media list they are always
 * a mistake.
 *
 * <p>Internationalised domains are processed by UTS #46 with non-transitional rules, as IDNA2008
 * (RFC 5891) requires: {@code straße.example} is {@code xn--strae-oqa.example}, never {@code
 * strasse.example}, which the JDK's {@code java.net.IDN} (IDNA2003) would give and which is a
 * different domain with a different owner.
 */
public final class EmailAddress {
  private static final Pattern ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+");
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;

  /**
   * The UTS #46 processors, loaded on first use: a list of plain ASCII addresses never needs them,
   * and loading ICU's data takes a noticeable part of a second.
   */
  private static final class Uts46 {
    private static final int NONTRANSITIONAL =
        IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE;

    /** What a domain must pass to be mailed: the full IDNA2008 checks (RFC 5891, RFC 5893). */
    private static final IDNA STRICT =
        IDNA.getUTS46Instance(
            NONTRANSITIONAL
                | IDNA.USE_STD3_RULES
                | IDNA.CHECK_BIDI
                | IDNA.CHECK_CONTEXTJ
                | IDNA.CHECK_CONTEXTO);

    /**
     * The mapping used for the key. It leaves out the checks that refuse a domain rather than
     * change its spelling, so that an address herald would not mail (one in a hand-edited opt-out
     * list, in a bounce) still has a key that matches the contact it names.
     */
    private static final IDNA MAPPING =
        IDNA.getUTS46Instance(NONTRANSITIONAL | IDNA.CHECK_CONTEXTJ);
  }

  private EmailAddress() {}

  /** Why the address is not usable, or empty if it is. */
  public static Optional<String> problem(String address) {
    if (address == null || address.isEmpty()) {
      return Optional.of("the email is empty");
    }
    if (!address.equals(address.strip())) {
      return Optional.of(
          "the email '" + Invisible.visible(address.strip()) + "' has spaces around it");
    }
    String shown = isAscii(address) ? address : Invisible.visible(address);
    int at = address.lastIndexOf('@');
    // ZWNJ and ZWJ are letters of some scripts' domains where RFC 5892 appendix A allows them;
    // the CONTEXTJ check below refuses them anywhere else.
    int hidden = invisibleAt(address, at);
    if (hidden >= 0) {
      return Optional.of(
          "'"
              + shown
              + "' contains an invisible character ("
              + Invisible.describe(address.codePointAt(hidden))
              + "), so it is not the address it looks like; retype it");
    }
    if (address.length() > 254) {
      return Optional.of("the email is longer than 254 characters");
    }
    if (at < 0) {
      return Optional.of("'" + shown + "' is not an email address: it has no @");
    }
    if (address.indexOf('@') != at) {
      return Optional.of("'" + shown + "' is not an email address: it has more than one @");
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    if (local.isEmpty() || local.length() > 64) {
      return Optional.of("'" + shown + "' has an empty or over-long part before the @");
    }
    for (String atom : local.split("\\.", -1)) {
      if (!ATOM.matcher(atom).matches()) {
        return Optional.of("'" + shown + "' has characters or dots not allowed before the @");
      }
    }
    if (domain.isEmpty()) {
      return Optional.of("'" + shown + "' has nothing after the @");
    }
    String ascii = domain;
    // A plain ASCII domain is checked by the label rule below alone: IDNA would only lower-case
    // it, and skipping it keeps a million-row list fast. Unicode and xn-- labels go through it.
    if (!isAscii(domain) || hasAceLabel(domain)) {
      IDNA.Info info = new IDNA.Info();
      ascii = Uts46.STRICT.nameToASCII(domain, new StringBuilder(), info).toString();
      if (info.hasErrors()) {
        return Optional.of("'" + shown + "' has an invalid domain (" + why(info.getErrors()) + ")");
      }
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return Optional.of("'" + shown + "' has no dot in its domain");
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.of("'" + shown + "' has an invalid domain");
      }
    }
    return Optional.empty();
  }

  /** Whether a label starts with the ACE prefix {@code xn--} (RFC 5890 section 2.3.2.5). */
  private static boolean hasAceLabel(String domain) {
    for (int i = 0; i + 4 <= domain.length(); i = domain.indexOf('.', i) + 1) {
      if (domain.regionMatches(true, i, "xn--", 0, 4)) {
        return true;
      }
      if (domain.indexOf('.', i) < 0) {
        break;
      }
    }
    return false;
  }

  /** The first invisible character, leaving ZWNJ and ZWJ after the @ to the IDNA checks. */
  private static int invisibleAt(String address, int at) {
    for (int i = 0; i < address.length(); ) {
      int cp = address.codePointAt(i);
      if (Invisible.is(cp) && !(i > at && at >= 0 && (cp == ZWNJ || cp == ZWJ))) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  /** Plain words for UTS #46 errors. */
  private static String why(Set<IDNA.Error> errors) {
    IDNA.Error e = errors.iterator().next();
    return switch (e) {
      case EMPTY_LABEL -> "an empty part between dots";
      case LABEL_TOO_LONG -> "a part longer than 63 characters";
      case DOMAIN_NAME_TOO_LONG -> "longer than 253 characters";
      case LEADING_HYPHEN, TRAILING_HYPHEN -> "a part starts or ends with a hyphen";
      case HYPHEN_3_4 -> "a part has hyphens in its third and fourth places";
      case LEADING_COMBINING_MARK -> "a part starts with a combining mark";
      case DISALLOWED -> "a character not allowed in domain names";
      case PUNYCODE, INVALID_ACE_LABEL -> "an xn-- part that is not valid punycode";
      case BIDI -> "right-to-left and left-to-right text mixed against RFC 5893";
      case CONTEXTJ -> "a zero-width joiner or non-joiner where RFC 5892 does not allow one";
      default -> "it breaks the IDNA2008 rules: " + e.name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * The address as it goes into an envelope and a header: the domain in its ASCII (punycode) form
   * by UTS #46 non-transitional processing, which every SMTP server accepts; without it the address
   * would need SMTPUTF8. An ASCII address, or one whose domain IDNA refuses, is returned as it is
   * ({@link #problem} refuses the latter before anything is sent).
   */
  public static String ascii(String address) {
    if (isAscii(address)) {
      return address;
    }
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return address;
    }
    IDNA.Info info = new IDNA.Info();
    String domain =
        Uts46.STRICT.nameToASCII(address.substring(at + 1), new StringBuilder(), info).toString();
    return info.hasErrors() ? address : address.substring(0, at + 1) + domain;
  }

  /**
   * The key that says whether two spellings are one address, and the only form addresses are
   * compared in (contact repeats, the opt-out list, the journal, bounces, replies): the local part
   * in NFC, the domain after UTS #46 non-transitional processing in its ASCII form, all
   * lower-cased, as mail systems in practice treat them. Invisible characters are left out, so that
   * a hand-edited opt-out entry holding one still suppresses the address it shows. Never throws:
   * text that is not an address gets a key too.
   */
  public static String key(String address) {
    if (isAscii(address)) {
      String lower = address.toLowerCase(Locale.ROOT);
      return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return Normalizer2.getNFCInstance()
          .normalize(Invisible.strip(address, cp -> false))
          .toLowerCase(Locale.ROOT);
    }
    String local =
        Normalizer2.getNFCInstance()
            .normalize(Invisible.strip(address.substring(0, at), cp -> false))
            .toLowerCase(Locale.ROOT);
    return local + "@" + domainKey(address.substring(at + 1));
  }

  /** The domain's part of the key: its UTS #46 ASCII form, lower-cased, without a final dot. */
  private static String domainKey(String domain) {
    String d = Invisible.strip(domain, cp -> cp == ZWNJ || cp == ZWJ);
    IDNA.Info info = new IDNA.Info();
    String ascii = Uts46.MAPPING.nameToASCII(d, new StringBuilder(), info).toString();
    if (info.getErrors().contains(IDNA.Error.CONTEXTJ)) {
      // A joiner where none is allowed is as invisible as any other: match without it.
      d = Invisible.strip(d, cp -> false);
      info = new IDNA.Info();
      ascii = Uts46.MAPPING.nameToASCII(d, new StringBuilder(), info).toString();
    }
    if (info.hasErrors()) {
      // Not a domain IDNA can map (it could never be mailed): fold it as UTS #46 would have,
      // so that its spellings still meet.
      ascii =
          Normalizer2.getNFKCCasefoldInstance()
              .normalize(d)
              .replace('\u3002', '.')
              .replace('\uFF0E', '.')
              .replace('\uFF61', '.');
    }
    ascii = ascii.toLowerCase(Locale.ROOT);
    return ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
  }

  /** The domain part of the address's key. */
  public static String domain(String address) {
    String key = key(address);
    return key.substring(key.lastIndexOf('@') + 1);
  }

  /**
   * Whether two spellings are one address: by {@link #key}, also in the ASCII form of the domain,
   * since a delivery report names an internationalised address as the server saw it.
   */
  public static boolean same(String a, String b) {
    return key(a).equals(key(b)) || key(ascii(a)).equals(key(ascii(b)));
  }

  /** Whether two addresses are at one domain, compared as {@link #same} compares addresses. */
  public static boolean sameDomain(String a, String b) {
    return domain(a).equals(domain(b)) || domain(ascii(a)).equals(domain(ascii(b)));
  }

  /** The local part of the address's key ({@code mailer-daemon} of {@code MAILER-DAEMON@mx}). */
  public static String localPart(String address) {
    String key = key(address);
    int at = key.lastIndexOf('@');
    return at < 0 ? key : key.substring(0, at);
  }

  /**
   * An address found in a header or a report, as herald records it: as written, lower-cased. Not
   * the key: the record keeps the spelling the sender used, and compares it by {@link #same}.
   */
  public static String found(String address) {
    return address.toLowerCase(Locale.ROOT);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
