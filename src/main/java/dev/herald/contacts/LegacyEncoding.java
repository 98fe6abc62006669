package dev.herald.contacts;

import dev.herald.ContactFormat;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.List;

/**
 * Guesses which single-byte encoding a text that is not UTF-8 was saved in, from its bytes above
 * 0x7F, word by word: each candidate decodes a word's bytes, and scores by whether they turn into
 * letters that one language uses together (Polish, German, French, Italian, Spanish, Czech and
 * Slovak, Nordic, Hungarian): "Dvořák" is Czech, but "Dvoøák" in no language; into letters of no
 * one language (a little); into a symbol in the middle of a word ("Wa³êsa", much less); or into a
 * control character or undefined byte (0x80–0x9F are control characters in ISO-8859-2, and five of
 * them are undefined in each Windows code page), which all but rules a candidate out. On a tie the
 * more common code page wins: German text decodes the same in Windows-1252 and Windows-1250.
 */
final class LegacyEncoding {

  /** The candidates, most common first: the order breaks ties. */
  static final List<Charset> CANDIDATES =
      List.of(
          Charset.forName("windows-1252"),
          Charset.forName("windows-1250"),
          Charset.forName("ISO-8859-2"));

  /** The letters above ASCII that each language writes names with (lower case). */
  private static final List<String> LANGUAGES =
      List.of(
          "ąćęłńóśźż", // Polish
          "äöüß", // German
          "éèàçêôîâûëïùœÿ", // French
          "àèéìòù", // Italian
          "áéíóúñü", // Spanish
          "áčďéěíňóřšťúůýžäĺľôŕ", // Czech, Slovak
          "åøæäöé", // Nordic
          "áéíóöőúüű"); // Hungarian

  private static final int LETTER_OF_A_LANGUAGE = 3;
  private static final int OTHER_LETTER = 1;
  private static final int MIXED_WORD = -2;
  private static final int SYMBOL_IN_WORD = -5;
  private static final int UNDEFINED = -20;

  /** At most this many bytes above 0x7F of one word are weighed. */
  private static final int MAX_WORD = 32;

  /** Each candidate's decoding of the bytes 0x80 to 0xFF; U+FFFD where a byte is undefined. */
  private final char[][] tables = new char[CANDIDATES.size()][128];

  private final long[] scores = new long[CANDIDATES.size()];
  private final int[] word = new int[MAX_WORD]; // the current word's bytes above 0x7F
  private int high;
  private int length; // the current word's length in bytes

  LegacyEncoding() {
    for (int c = 0; c < CANDIDATES.size(); c++) {
      CharsetDecoder d =
          CANDIDATES
              .get(c)
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      for (int b = 0; b < 128; b++) {
        try {
          tables[c][b] = d.decode(ByteBuffer.wrap(new byte[] {(byte) (0x80 + b)})).charAt(0);
        } catch (CharacterCodingException e) {
          tables[c][b] = '\uFFFD';
        }
      }
    }
  }

  /** Feeds the next byte of the text. */
  void add(int b) {
    if (b >= 0x80 || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z') {
      length++;
      if (b >= 0x80 && high < MAX_WORD) {
        word[high++] = b;
      }
    } else {
      endWord();
    }
  }

  /** Feeds the end of the text. */
  void end() {
    endWord();
  }

  private void endWord() {
    if (high > 0) {
      for (int c = 0; c < scores.length; c++) {
        scores[c] += score(tables[c]);
      }
    }
    high = 0;
    length = 0;
  }

  /** The current word's score when its bytes decode by {@code table}. */
  private long score(char[] table) {
    long score = 0;
    int letters = 0;
    StringBuilder seen = new StringBuilder();
    for (int i = 0; i < high; i++) {
      char ch = table[word[i] - 0x80];
      if (ch == '\uFFFD' || Character.isISOControl(ch)) {
        score += UNDEFINED;
      } else if (Character.isLetter(ch)) {
        letters++;
        seen.append(Character.toLowerCase(ch));
      } else if (length > 1) {
        score += SYMBOL_IN_WORD;
      }
    }
    if (letters == 0) {
      return score;
    }
    for (String language : LANGUAGES) {
      if (seen.chars().allMatch(ch -> language.indexOf(ch) >= 0)) {
        return score + (long) LETTER_OF_A_LANGUAGE * letters;
      }
    }
    return score + (long) OTHER_LETTER * letters + MIXED_WORD;
  }

  /** The best candidate, or null if every one decodes into something implausible. */
  Charset best() {
    int best = -1;
    for (int c = 0; c < scores.length; c++) {
      if (scores[c] > 0 && (best < 0 || scores[c] > scores[best])) {
        best = c;
      }
    }
    return best < 0 ? null : CANDIDATES.get(best);
  }

  /** What a person knows the encoding as, and where it comes from. */
  static String describe(Charset c) {
    return switch (c.name()) {
      case "windows-1250" -> "Windows-1250 (Central European: Polish, Czech, Hungarian…)";
      case "windows-1252" ->
          "Windows-1252 (Western European: German, French…; reads ISO-8859-1 too)";
      case "ISO-8859-2" -> "ISO-8859-2 (Latin-2, Central European)";
      default -> ContactFormat.label(c);
    };
  }
}
