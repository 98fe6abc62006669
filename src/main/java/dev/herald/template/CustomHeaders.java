package dev.herald.template;

import dev.herald.Display;
import dev.herald.Problem;
import dev.herald.contacts.Contact;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The headers a template may add beyond herald's own: any {@code X-…} header and {@code List-Id}
 * (RFC 2919). Headers that herald writes itself, that a mail server adds, or that describe the MIME
 * structure are refused by name, so a template can never give a message two Message-IDs or a second
 * Content-Type; any other unknown name stays an error, so a typo such as {@code Subjct} never
 * passes silently as a header nobody reads.
 */
public final class CustomHeaders {
  private CustomHeaders() {}

  /** The RFC 2919 header, the one custom header that is not an {@code X-} header. */
  public static final String LIST_ID = "list-id";

  /**
   * Headers herald writes itself (Date, To, Message-ID, MIME-Version, List-Unsubscribe-Post …),
   * that only mail servers add (Received, Return-Path …), or that would change how the message is
   * read or threaded. Lower case; {@code content-} and {@code resent-} headers are refused by
   * prefix.
   */
  private static final Set<String> RESERVED =
      Set.of(
          "date",
          "to",
          "sender",
          "message-id",
          "in-reply-to",
          "references",
          "mime-version",
          "list-unsubscribe-post",
          "received",
          "return-path",
          "delivered-to",
          "dkim-signature",
          "authentication-results",
          "arc-seal",
          "arc-message-signature",
          "arc-authentication-results",
          "disposition-notification-to",
          "return-receipt-to");

  /**
   * {@code X-Herald-…} is kept for herald's own use: a template header there could one day clash
   * with one herald writes.
   */
  private static final String OWN_PREFIX = "x-herald-";

  /** RFC 5322 section 2.2: a field name is printable US-ASCII other than the colon. */
  private static final Pattern FIELD_NAME = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]+");

  /** A name this long leaves room on the header's first line for the start of its value. */
  private static final int MAX_NAME = 76;

  /** Whether {@code key} (lower case) is a custom header a template may set. */
  public static boolean allowed(String key) {
    return key.equals(LIST_ID) || (key.startsWith("x-") && key.length() > 2);
  }

  /**
   * Why a header named {@code name} (as written) may not be in a template, or empty if nothing
   * speaks against it here; unknown names that are neither reserved nor custom are left to the
   * caller.
   */
  public static Optional<String> refusal(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    if (RESERVED.contains(key)
        || key.startsWith("content-")
        || key.startsWith("resent-")
        || key.startsWith(OWN_PREFIX)) {
      return Optional.of(
          "the header '"
              + name
              + "' is not allowed in a template: "
              + (key.startsWith(OWN_PREFIX)
                  ? "X-Herald-… headers are kept for herald's own use"
                  : "herald writes the message's own "
                      + (key.startsWith("content-") || key.equals("mime-version")
                          ? "MIME structure"
                          : "routing and identity headers")
                      + " (or a mail server adds it)")
              + "; use another X-… name for a header of your own");
    }
    if (allowed(key) && (!FIELD_NAME.matcher(name).matches() || name.length() > MAX_NAME)) {
      return Optional.of(
          "'"
              + name
              + "' is not a header name: at most "
              + MAX_NAME
              + " printable ASCII characters, no spaces (RFC 5322)");
    }
    return Optional.empty();
  }

  /**
   * RFC 2919's list identifier: a dot-atom with at least one dot, such as {@code
   * press.next2met.example}, at most 255 characters.
   */
  private static final Pattern LIST_ID_VALUE =
      Pattern.compile(
          "(?s)(.*?)\\s*<([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)+)>");

  /** A List-Id value split into its optional description and its identifier. */
  public record ListId(String description, String id) {}

  /** The value read as RFC 2919 {@code Description <list.id.example>}, or empty if it is not. */
  public static Optional<ListId> listId(String value) {
    var m = LIST_ID_VALUE.matcher(value.strip());
    if (!m.matches() || m.group(2).length() > 255 || m.group(1).matches("(?s).*[<>].*")) {
      return Optional.empty();
    }
    String description = m.group(1).strip();
    if (description.length() >= 2 && description.startsWith("\"") && description.endsWith("\"")) {
      description = description.substring(1, description.length() - 1);
    }
    return Optional.of(new ListId(description, m.group(2)));
  }

  private static String listIdExpected(String value) {
    return "List-Id '"
        + value
        + "' is not of the form 'Press releases <press.example.org>' (RFC 2919: an optional"
        + " description, then an identifier with at least one dot in angle brackets)";
  }

  /** Problems with a template's own custom header values, found once at load. */
  static List<Problem> check(Path file, TemplateFile.Header h, Snippet s) {
    if (h.value().isEmpty()) {
      return List.of(
          new Problem(
              file,
              h.line(),
              h.valueColumn(),
              "the header '" + h.name() + "' has no value; give it one or leave it out"));
    }
    if (h.key().equals(LIST_ID) && s.constant() && listId(s.text()).isEmpty()) {
      return List.of(new Problem(file, h.line(), h.valueColumn(), listIdExpected(s.text())));
    }
    return List.of();
  }

  /** A List-Id that a contact's data helps make must still be one RFC 2919 list identifier. */
  static void checkListId(Contact c, Template t, Snippet s, String value) {
    if (s.constant() || listId(value).isPresent()) {
      return;
    }
    int column = 0;
    int index = 0;
    for (String name : c.values().keySet()) {
      index++;
      if (HeaderGuard.uses(s, name)) {
        column = index;
        break;
      }
    }
    throw new RenderException(
        new Problem(
            c.file(),
            c.line(),
            column,
            "the contact's data makes "
                + listIdExpected(value)
                + " (from "
                + Display.path(t.file())
                + ")"));
  }
}
