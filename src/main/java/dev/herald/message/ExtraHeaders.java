package dev.herald.message;

import dev.herald.template.CustomHeaders;
import dev.herald.template.Rendered;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The value of a header a template adds ({@link CustomHeaders}) as it is written in a message: an
 * {@code X-…} value is unstructured text, RFC 2047 encoded when it is not plain ASCII (or holds
 * something that reads as an encoded word), and a List-Id's description is a phrase, quoted or
 * encoded as RFC 2919 and RFC 5322 ask. Folded at white space, so no line passes 998 octets.
 */
final class ExtraHeaders {
  private ExtraHeaders() {}

  /** RFC 5322 atext and the spaces between atoms: a phrase that needs no quotes. */
  private static final Pattern ATOMS = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+");

  static String value(Rendered.Field f) throws UnsupportedEncodingException {
    String v = f.value();
    int used = f.name().length() + 2;
    if (f.name().toLowerCase(Locale.ROOT).equals(CustomHeaders.LIST_ID)) {
      CustomHeaders.ListId id =
          CustomHeaders.listId(v)
              .orElseThrow(() -> new IllegalStateException("List-Id was checked: " + v));
      String d = id.description();
      String phrase =
          d.isEmpty()
              ? ""
              : !isAscii(d) || EncodedWords.looksEncoded(d)
                  ? EncodedWords.encode(d) + " "
                  : ATOMS.matcher(d).matches()
                      ? d + " "
                      : "\"" + d.replace("\\", "\\\\").replace("\"", "\\\"") + "\" ";
      return MimeUtility.fold(used, phrase + "<" + id.id() + ">");
    }
    return MimeUtility.fold(
        used,
        EncodedWords.looksEncoded(v)
            ? EncodedWords.encode(v)
            : MimeUtility.encodeText(v, "UTF-8", null));
  }

  private static boolean isAscii(String s) {
    return s.chars().allMatch(c -> c < 0x80);
  }
}
