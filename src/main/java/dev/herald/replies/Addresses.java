package dev.herald.replies;

import dev.herald.identity.EmailAddress;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds mail addresses and Message-IDs in header values and text, leniently and in linear time. An
 * address found is converted and compared only by {@link EmailAddress}.
 */
final class Addresses {

  /** Local parts that mail systems, not people, send from. */
  private static final Set<String> MAIL_SYSTEMS = Set.of("mailer-daemon", "postmaster");

  /** An RFC 5322 msg-id: "&lt;left@right&gt;", without the comments or spaces around it. */
  private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]{1,998})>");

  /** Ids taken from one header; a References header longer than this is not a real one. */
  static final int MAX_IDS = 100;

  private Addresses() {}

  /** The sender's address from a From header, lower case, or "" if there is none. */
  static String sender(String fromHeader) {
    if (fromHeader == null || fromHeader.isBlank()) {
      return "";
    }
    try {
      InternetAddress[] parsed = InternetAddress.parseHeader(fromHeader, false);
      for (InternetAddress address : parsed) {
        String spec = address.getAddress();
        if (spec != null && isPlainAddrSpec(spec.strip())) {
          return EmailAddress.found(spec.strip());
        }
      }
    } catch (AddressException | RuntimeException e) {
      // fall through to the scan, which reads what the strict parser rejects
    }
    List<String> found = find(fromHeader);
    return found.isEmpty() ? "" : found.get(0);
  }

  /**
   * Whether the lenient parser's result looks like an addr-spec: no spaces, brackets or quotes left
   * over from a broken header. A bare local part ("MAILER-DAEMON") is allowed.
   */
  private static boolean isPlainAddrSpec(String spec) {
    return !spec.isEmpty()
        && spec.chars().noneMatch(c -> Character.isWhitespace(c) || "<>\"(),;".indexOf(c) >= 0);
  }

  /** Whether an address's local part ("mailer-daemon", "postmaster") is a mail system's. */
  static boolean isMailSystem(String localPartOrAddress) {
    return MAIL_SYSTEMS.contains(EmailAddress.localPart(localPartOrAddress));
  }

  /**
   * The Message-IDs in a header value, with their angle brackets, in order, each once; of a value
   * with more than {@link #MAX_IDS}, the last ones, since a thread's References list its nearest
   * parent last (RFC 5322 section 3.6.4). A value with no bracketed id but a single {@code
   * left@right} word, as some old clients write, counts as that id.
   */
  static List<String> messageIds(String value) {
    // The oldest drop off the front; an id named twice keeps its first place.
    LinkedHashSet<String> last = new LinkedHashSet<>();
    Matcher matcher = MESSAGE_ID.matcher(value);
    while (matcher.find()) {
      if (last.add("<" + matcher.group(1) + ">") && last.size() > MAX_IDS) {
        last.remove(last.iterator().next());
      }
    }
    List<String> ids = new ArrayList<>(last);
    String bare = value.strip();
    if (ids.isEmpty() && bare.indexOf('@') > 0 && bare.chars().noneMatch(Character::isWhitespace)) {
      ids.add("<" + bare + ">");
    }
    return ids;
  }

  /**
   * The addresses in free text, lower case, in order, each once. Scans outward from each {@code @},
   * so text without addresses costs one pass and hostile text no backtracking.
   */
  static List<String> find(String text) {
    List<String> addresses = new ArrayList<>();
    int at = text.indexOf('@');
    while (at >= 0 && addresses.size() < MAX_IDS) {
      int start = at;
      while (start > 0 && isLocalChar(text.charAt(start - 1)) && at - start < 64) {
        start--;
      }
      int end = at + 1;
      while (end < text.length() && isDomainChar(text.charAt(end)) && end - at < 255) {
        end++;
      }
      String local = trimDots(text.substring(start, at));
      String domain = trimDots(text.substring(at + 1, end));
      if (!local.isEmpty() && domain.indexOf('.') > 0) {
        String address = EmailAddress.found(local + "@" + domain);
        if (!addresses.contains(address)) {
          addresses.add(address);
        }
      }
      at = text.indexOf('@', at + 1);
    }
    return addresses;
  }

  private static boolean isLocalChar(char c) {
    return Character.isLetterOrDigit(c) || ".!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0;
  }

  private static boolean isDomainChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '-';
  }

  private static String trimDots(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) == '.' || s.charAt(start) == '-')) {
      start++;
    }
    while (end > start && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '-')) {
      end--;
    }
    return s.substring(start, end);
  }
}
