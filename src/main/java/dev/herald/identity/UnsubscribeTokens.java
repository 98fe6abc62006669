package dev.herald.identity;

import dev.herald.FolderKey;
import dev.herald.util.Hashes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keyed tokens of unsubscribe links ({@code {{unsubscribe_link}}} and the per-recipient {@code
 * List-Unsubscribe}): an HMAC-SHA256 of campaign and address key under the working folder's secret,
 * 16 base32 characters ({@code [a-z2-7]}, safe in a URL and a subject), so that nobody without the
 * key can compute a journalist's token and unsubscribe them in their name. The mailto: form carries
 * it in the subject as {@code [unsub:TOKEN]}, the https: form as the query parameter {@code
 * token=TOKEN}. A proof's link carries {@code [proof:…]} instead, which ties it to no contact.
 */
public final class UnsubscribeTokens {
  private UnsubscribeTokens() {}

  /** Characters in a token. */
  public static final int CHARS = 16;

  /** The label of a token in a subject: {@code [unsub:TOKEN]}. */
  public static final String LABEL = "unsub";

  /** The query parameter an https: unsubscribe address gets. */
  public static final String PARAMETER = "token";

  private static final Pattern IN_SUBJECT =
      Pattern.compile(
          "\\[\\s*" + LABEL + "\\s*:\\s*([a-z0-9]{" + CHARS + "})\\s*]", Pattern.CASE_INSENSITIVE);

  private static final Pattern BARE = Pattern.compile("[a-z2-7]{" + CHARS + "}");

  /** The token of this campaign's message to this address. */
  public static String of(FolderKey key, String campaign, String email) {
    return Hashes.base32(
        key.mac("unsubscribe\n" + campaign + "\n" + EmailAddress.key(email)), CHARS);
  }

  /**
   * The token of a proof's unsubscribe link: keyed like {@link #of} with another label, and written
   * {@code [proof:…]}, so a reviewer's click is passed over by {@code interviews fetch}.
   */
  public static String proof(FolderKey key, String campaign, String email) {
    return Hashes.base32(
        key.mac("proof-unsubscribe\n" + campaign + "\n" + EmailAddress.key(email)), CHARS);
  }

  /** The subject of an unsubscribe mailto: link, before URL encoding. */
  public static String subject(String token, boolean proof) {
    return "Unsubscribe [" + (proof ? "proof" : LABEL) + ":" + token + "]";
  }

  /** The {@code [unsub:…]} tokens in a subject, lower case, in order, each once. */
  public static List<String> in(String subject) {
    List<String> tokens = new ArrayList<>();
    Matcher m = IN_SUBJECT.matcher(subject == null ? "" : subject);
    while (m.find()) {
      String t = m.group(1).toLowerCase(Locale.ROOT);
      if (!tokens.contains(t)) {
        tokens.add(t);
      }
    }
    return tokens;
  }

  /**
   * A token as a person or a web form may hand it over (the value of {@code token=} in a URL, or a
   * cell of an exported list), lower case; empty if it is not one.
   */
  public static String parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return BARE.matcher(t).matches() ? t : "";
  }
}
