package dev.herald.identity;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Characters that a reader cannot see: format characters (zero-width space, soft hyphen, byte-order
 * mark), Unicode's default-ignorable code points (variation selectors, Hangul fillers, tags) and
 * the bidirectional controls (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069). An address holding
 * one looks like another address on screen, so a contact list may not hold one (UTS #39 section 3.1
 * calls these "invisible").
 */
public final class Invisible {
  private Invisible() {}

  /** Whether a reader would not see this code point, or it reorders the text around it. */
  static boolean is(int cp) {
    // No ASCII character is one of these (controls are not format characters): most addresses
    // are ASCII, and this test runs for every character of every row.
    if (cp < 0x80) {
      return false;
    }
    return Character.getType(cp) == Character.FORMAT
        || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
        || UCharacter.hasBinaryProperty(cp, UProperty.BIDI_CONTROL);
  }

  /** The index of the first invisible character in {@code s}, or -1. */
  public static int find(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (is(cp)) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  /** {@code s} without its invisible characters, except those {@code keep} accepts. */
  public static String strip(String s, IntPredicate keep) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().filter(cp -> !is(cp) || keep.test(cp)).forEach(b::appendCodePoint);
    return b.toString();
  }

  /**
   * {@code s} with every invisible character written as {@code <U+200B>}, so that a message naming
   * a bad address shows where the hidden character is and cannot reorder the terminal's text.
   * (Control characters such as ESC are escaped where messages are printed.)
   */
  public static String visible(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    s.codePoints()
        .forEach(
            cp -> {
              if (is(cp)) {
                b.append(String.format(Locale.ROOT, "<U+%04X>", cp));
              } else {
                b.appendCodePoint(cp);
              }
            });
    return b.toString();
  }

  /** The character's Unicode name, for messages: "U+200B ZERO WIDTH SPACE". */
  public static String describe(int cp) {
    String name = UCharacter.getName(cp);
    return String.format(Locale.ROOT, "U+%04X", cp) + (name == null ? "" : " " + name);
  }
}
