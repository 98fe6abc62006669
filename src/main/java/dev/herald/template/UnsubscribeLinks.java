package dev.herald.template;

import dev.herald.Display;
import dev.herald.identity.UnsubscribeTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Per-recipient unsubscribe addresses: {@code {{unsubscribe_link}}} and the {@code
 * List-Unsubscribe} header (RFC 2369), each carrying the recipient's keyed token ({@link
 * UnsubscribeTokens}), so that {@code interviews fetch} can tell a genuine unsubscribe from a
 * forged one.
 *
 * <ul>
 *   <li>{@code {{unsubscribe_link}}} is a {@code mailto:} link whose subject reads "Unsubscribe
 *       [unsub:TOKEN]", to the first {@code mailto:} address of the template's own {@code
 *       List-Unsubscribe} when it writes one, else to Reply-To, else to From.
 *   <li>A {@code List-Unsubscribe} the template writes without placeholders is made per recipient:
 *       each {@code mailto:} address becomes that link (its own {@code ?subject=} replaced), each
 *       {@code https:} address gets {@code token=TOKEN} as a query parameter (RFC 8058 one-click
 *       then applies to the recipient's own address).
 *   <li>A {@code List-Unsubscribe} made with placeholders ({@code {{unsubscribe_link}}}, or a
 *       column of the press office's own tokens) is kept as rendered.
 *   <li>A template with no {@code List-Unsubscribe} that uses {@code {{unsubscribe_link}}} gets the
 *       header automatically, with that link.
 * </ul>
 */
public final class UnsubscribeLinks {
  private UnsubscribeLinks() {}

  /**
   * The one warning {@code check} gives when a variant of the release offers no way to unsubscribe:
   * neither {@code {{unsubscribe_link}}} nor a {@code List-Unsubscribe} header. A warning, even
   * under {@code --strict}: a press office writing to a few editors it knows may rightly have none.
   */
  public static Optional<String> missingWarning(TemplateSet release) {
    List<String> without = new ArrayList<>();
    for (Template t : release.all()) {
      if (t.header("list-unsubscribe") == null && !usesLink(t)) {
        without.add(Display.path(t.file()));
      }
    }
    if (without.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        String.join(", ", without)
            + ": no unsubscribe link: neither {{unsubscribe_link}} nor a List-Unsubscribe header,"
            + " so a journalist cannot easily opt out (and Gmail and Yahoo ask bulk senders for"
            + " one-click unsubscribe); add 'List-Unsubscribe: mailto:ADDRESS' (or an https:"
            + " address) to the header block, or [Unsubscribe]({{unsubscribe_link}}) to the body");
  }

  /** What a recipient's links carry: the token, and whether it is a proof's (inert) one. */
  record Token(String value, boolean proof) {}

  /**
   * The {@code mailto:} address that {@code {{unsubscribe_link}}} goes to: the template's own
   * List-Unsubscribe mailto: address when it writes one, else {@code replyOrFrom}.
   */
  static String address(Template t, String replyOrFrom) {
    Snippet header = t.header("list-unsubscribe");
    if (header != null && header.constant()) {
      for (String uri : ListUnsubscribe.uris(header.text())) {
        String to = mailtoAddress(uri);
        if (!to.isEmpty()) {
          return to;
        }
      }
    }
    return replyOrFrom;
  }

  /** The {@code {{unsubscribe_link}}} of one recipient. */
  static String link(String address, Token token) {
    String subject =
        URLEncoder.encode(
                UnsubscribeTokens.subject(token.value(), token.proof()), StandardCharsets.UTF_8)
            .replace("+", "%20");
    return "mailto:" + address + "?subject=" + subject;
  }

  /**
   * The recipient's List-Unsubscribe addresses: see the class comment. {@code rendered} is the
   * header as rendered for the recipient, or null if the template has none.
   */
  static List<String> header(Template t, String rendered, String link, Token token) {
    if (rendered == null) {
      return usesLink(t) ? List.of(link) : List.of();
    }
    List<String> uris = ListUnsubscribe.uris(rendered);
    if (!t.header("list-unsubscribe").constant()) {
      return uris;
    }
    List<String> out = new ArrayList<>();
    for (String uri : uris) {
      String to = mailtoAddress(uri);
      if (!to.isEmpty()) {
        out.add(link(to, token));
      } else if (uri.toLowerCase(Locale.ROOT).startsWith("https:")) {
        out.add(withToken(uri, token.value()));
      } else {
        out.add(uri);
      }
    }
    return out;
  }

  /** Whether any part of the template uses {@code {{unsubscribe_link}}}. */
  static boolean usesLink(Template t) {
    for (Snippet s : t.snippets()) {
      if (HeaderGuard.uses(s, Builtins.UNSUBSCRIBE_LINK)) {
        return true;
      }
    }
    return false;
  }

  /** An https: address with {@code token=TOKEN} added to its query, before any fragment. */
  static String withToken(String uri, String token) {
    int hash = uri.indexOf('#');
    String base = hash < 0 ? uri : uri.substring(0, hash);
    String fragment = hash < 0 ? "" : uri.substring(hash);
    String sep = base.indexOf('?') < 0 ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
    return base + sep + UnsubscribeTokens.PARAMETER + "=" + token + fragment;
  }

  /** The address of a {@code mailto:} URI (RFC 6068), without its query; "" for any other URI. */
  private static String mailtoAddress(String uri) {
    if (!uri.regionMatches(true, 0, "mailto:", 0, 7)) {
      return "";
    }
    String rest = uri.substring(7);
    int q = rest.indexOf('?');
    return (q < 0 ? rest : rest.substring(0, q)).strip();
  }
}
