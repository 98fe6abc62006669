package dev.herald;

import java.util.Properties;

/**
 * Bounds on untrusted input, so that a hostile or broken contact file or reply cannot exhaust
 * memory or time. Each can be changed in {@code herald.properties} under the key shown. They travel
 * with how contact files are to be read ({@code contactFormat}: the encoding and sheet from {@code
 * contacts.encoding}, {@code contacts.sheet} or the options), which every reader of a contact file
 * needs along with the bounds.
 */
public record InputLimits(
    int maxFieldChars,
    int maxColumns,
    long maxAttachmentBytes,
    long maxReplyBytes,
    int maxDepth,
    boolean allowActiveHtml,
    ContactFormat contactFormat) {

  public static final InputLimits DEFAULT =
      new InputLimits(65_536, 1_000, 20L << 20, 10L << 20, 20, false);

  public InputLimits {
    contactFormat = contactFormat == null ? ContactFormat.DETECT : contactFormat;
  }

  /** The bounds, reading contact files as their content says. */
  public InputLimits(
      int maxFieldChars,
      int maxColumns,
      long maxAttachmentBytes,
      long maxReplyBytes,
      int maxDepth,
      boolean allowActiveHtml) {
    this(
        maxFieldChars,
        maxColumns,
        maxAttachmentBytes,
        maxReplyBytes,
        maxDepth,
        allowActiveHtml,
        ContactFormat.DETECT);
  }

  /** These bounds, reading contact files as {@code format} says. */
  public InputLimits withContactFormat(ContactFormat format) {
    return new InputLimits(
        maxFieldChars,
        maxColumns,
        maxAttachmentBytes,
        maxReplyBytes,
        maxDepth,
        allowActiveHtml,
        format);
  }

  /** The bounds with active HTML refused, as by default. */
  public InputLimits(
      int maxFieldChars,
      int maxColumns,
      long maxAttachmentBytes,
      long maxReplyBytes,
      int maxDepth) {
    this(maxFieldChars, maxColumns, maxAttachmentBytes, maxReplyBytes, maxDepth, false);
  }

  /** Reads {@code limits.*} keys from the given properties, keeping defaults for the rest. */
  public static InputLimits from(Properties props) {
    return new InputLimits(
        (int) value(props, "limits.field-chars", DEFAULT.maxFieldChars),
        (int) value(props, "limits.columns", DEFAULT.maxColumns),
        value(props, "limits.attachment-bytes", DEFAULT.maxAttachmentBytes),
        value(props, "limits.reply-bytes", DEFAULT.maxReplyBytes),
        (int) value(props, "limits.depth", DEFAULT.maxDepth),
        allowActive(props),
        new ContactFormat(
            ContactFormat.charset(
                props.getProperty("contacts.encoding"), "herald.properties: contacts.encoding"),
            blankToNull(props.getProperty("contacts.sheet"))));
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }

  /**
   * {@code html.allow-active = true} lets a template hold scripts, forms and the like (see {@code
   * template.ActiveContent}); anything but true or false is an error, so a typo cannot switch the
   * check off silently.
   */
  private static boolean allowActive(Properties props) {
    String v = props.getProperty("html.allow-active");
    if (v == null || v.isBlank() || v.strip().equalsIgnoreCase("false")) {
      return false;
    }
    if (v.strip().equalsIgnoreCase("true")) {
      return true;
    }
    throw HeraldException.input(
        "herald.properties: html.allow-active must be true or false, not '" + v.strip() + "'");
  }

  private static long value(Properties props, String key, long fallback) {
    String v = props.getProperty(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n <= 0 || n > Integer.MAX_VALUE && !key.endsWith("bytes")) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw HeraldException.input(
          "herald.properties: " + key + " must be a positive whole number, not '" + v + "'");
    }
  }
}
