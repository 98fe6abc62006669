package dev.herald;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * How a contact file is to be read when its content cannot tell: the text encoding of a CSV file
 * ({@code --encoding}, setting {@code contacts.encoding}; null: UTF-8, or what a byte-order mark
 * says) and the sheet of a workbook ({@code --sheet}, setting {@code contacts.sheet}; null: the
 * first). The delimiter is always taken from the header line.
 */
public record ContactFormat(Charset encoding, String sheet) {

  /** Nothing given: UTF-8 text or the first sheet. */
  public static final ContactFormat DETECT = new ContactFormat(null, null);

  /** This format with the encoding or sheet of {@code over} where it gives one. */
  public ContactFormat or(ContactFormat over) {
    return new ContactFormat(
        over.encoding != null ? over.encoding : encoding, over.sheet != null ? over.sheet : sheet);
  }

  /**
   * The character set called {@code name} (as Java or IANA spell it: {@code windows-1250}, {@code
   * cp1250}, {@code ISO-8859-2}, {@code UTF-16LE}); null for a blank name.
   *
   * @throws HeraldException exit 2 naming {@code source} (the option or setting) if unknown
   */
  public static Charset charset(String name, String source) {
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return Charset.forName(name.strip());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw HeraldException.input(
          source
              + ": '"
              + name.strip()
              + "' is not a character set Java knows; use one such as UTF-8, windows-1250,"
              + " windows-1252, ISO-8859-2 or UTF-16LE");
    }
  }

  /** A character set's name as people know it: "Windows-1250", "UTF-16 LE". */
  public static String label(Charset c) {
    String n = c.name();
    return switch (n.toLowerCase(Locale.ROOT)) {
      case "utf-16le" -> "UTF-16 LE";
      case "utf-16be" -> "UTF-16 BE";
      default -> n.toLowerCase(Locale.ROOT).startsWith("windows-") ? "W" + n.substring(1) : n;
    };
  }
}
