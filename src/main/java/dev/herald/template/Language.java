package dev.herald.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.Set;

/**
 * Language tags (BCP 47, RFC 5646) as herald meets them: in a variant's file name ({@code
 * release.pl.md}, {@code release.zh-Hant.md}) and in a contact's {@code language} column, where
 * people also write {@code pl_PL}, {@code pol} or {@code Polish}.
 *
 * <p>A file-name suffix is a variant only if it is a well-formed tag whose language is a real one
 * written the way BCP 47 writes it: a two-letter ISO 639-1 code, or a three-letter code for a
 * language that has no two-letter one. So {@code .new}, {@code .old}, {@code .fix}, {@code .bak}
 * and {@code .eng} are not languages ({@code eng} is English's ISO 639-2 code, which BCP 47 writes
 * {@code en}); the two real three-letter languages that are also file-name words, Newari ({@code
 * new}) and Southern Altai ({@code alt}), are taken only with a region or script ({@code new-NP}).
 */
public final class Language {
  private static final Set<String> TWO_LETTER = Set.of(Locale.getISOLanguages());

  /** Three-letter codes of languages that also have a two-letter code: {@code pol} is pl. */
  private static final Map<String, String> THREE_TO_TWO = new HashMap<>();

  /** Language names, in English and in the language itself, lower-case: "polish", "polski". */
  private static final Map<String, String> NAMES = new HashMap<>();

  /** Three-letter codes that are also words people put in file names. */
  private static final Set<String> FILE_WORDS = Set.of("new", "alt");

  static {
    for (String two : TWO_LETTER) {
      Locale l = Locale.forLanguageTag(two);
      try {
        THREE_TO_TWO.put(l.getISO3Language(), two);
      } catch (MissingResourceException e) {
        // no three-letter code known for it: nothing to map
      }
      addName(l.getDisplayLanguage(Locale.ENGLISH), two);
      addName(l.getDisplayLanguage(l), two);
    }
    // ISO 639-2's bibliographic codes, which library and export tools still write
    String[][] bibliographic = {
      {"alb", "sq"}, {"arm", "hy"}, {"baq", "eu"}, {"bur", "my"}, {"chi", "zh"}, {"cze", "cs"},
      {"dut", "nl"}, {"fre", "fr"}, {"geo", "ka"}, {"ger", "de"}, {"gre", "el"}, {"ice", "is"},
      {"mac", "mk"}, {"mao", "mi"}, {"may", "ms"}, {"per", "fa"}, {"rum", "ro"}, {"slo", "sk"},
      {"tib", "bo"}, {"wel", "cy"}
    };
    for (String[] pair : bibliographic) {
      THREE_TO_TWO.put(pair[0], pair[1]);
    }
  }

  private static void addName(String name, String two) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    if (!key.isEmpty() && !key.equals(two)) {
      NAMES.putIfAbsent(key, two);
    }
  }

  private Language() {}

  /**
   * The tag a variant file's suffix names, in its canonical case ({@code zh-Hant}, {@code pl-PL}),
   * or empty if the suffix is not a language (see the class comment).
   */
  public static Optional<String> variantTag(String suffix) {
    Optional<Locale> parsed = parse(suffix);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Locale l = parsed.get();
    String lang = l.getLanguage();
    boolean bare = l.getScript().isEmpty() && l.getCountry().isEmpty() && l.getVariant().isEmpty();
    if (lang.length() == 2 && TWO_LETTER.contains(lang)) {
      return Optional.of(l.toLanguageTag());
    }
    if (lang.length() == 3
        && !THREE_TO_TWO.containsKey(lang)
        && known(l)
        && !(bare && FILE_WORDS.contains(lang))) {
      return Optional.of(l.toLanguageTag());
    }
    return Optional.empty();
  }

  /**
   * A contact's {@code language} value as a tag, or empty if it names no language herald knows:
   * {@code pl_PL} is {@code pl-PL}, {@code POL} is {@code pl}, {@code Polish} and {@code polski}
   * are {@code pl}.
   */
  public static Optional<String> ofContact(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    Optional<String> named = Optional.ofNullable(NAMES.get(v.toLowerCase(Locale.ROOT)));
    if (named.isPresent()) {
      return named;
    }
    Optional<Locale> parsed = parse(v.replace('_', '-'));
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Locale l = parsed.get();
    String lang = l.getLanguage();
    String two = lang.length() == 3 ? THREE_TO_TWO.get(lang) : null;
    if (two != null) {
      l = new Locale.Builder().setLocale(l).setLanguage(two).build();
      lang = two;
    }
    if ((lang.length() == 2 && TWO_LETTER.contains(lang)) || (lang.length() == 3 && known(l))) {
      return Optional.of(l.toLanguageTag());
    }
    return Optional.empty();
  }

  /**
   * The tags to try for {@code tag}, most specific first, as RFC 4647's lookup does: {@code
   * zh-Hant-TW}, then {@code zh-Hant}, then {@code zh}. Lower-case.
   */
  public static List<String> lookupChain(String tag) {
    List<String> chain = new ArrayList<>();
    String t = tag.toLowerCase(Locale.ROOT);
    while (!t.isEmpty()) {
      chain.add(t);
      int dash = t.lastIndexOf('-');
      if (dash < 0) {
        break;
      }
      t = t.substring(0, dash);
      // a single-letter subtag (an extension's singleton) cannot end a tag: drop it too
      int prev = t.lastIndexOf('-');
      if (t.length() - prev - 1 == 1) {
        t = prev < 0 ? "" : t.substring(0, prev);
      }
    }
    return chain;
  }

  /** Whether a contact's tag falls under {@code wanted}: {@code pl-PL} is under {@code pl}. */
  public static boolean within(String tag, String wanted) {
    String t = tag.toLowerCase(Locale.ROOT);
    String w = wanted.toLowerCase(Locale.ROOT);
    return t.equals(w) || t.startsWith(w + "-");
  }

  private static Optional<Locale> parse(String tag) {
    if (tag == null || tag.isEmpty() || tag.indexOf('_') >= 0) {
      return Optional.empty();
    }
    try {
      Locale l = new Locale.Builder().setLanguageTag(tag).build();
      if (l.getLanguage().isEmpty() || l.hasExtensions()) {
        return Optional.empty(); // private use, grandfathered, or extended: not a variant name
      }
      return Optional.of(l);
    } catch (IllformedLocaleException e) {
      return Optional.empty();
    }
  }

  private static boolean known(Locale l) {
    String name = l.getDisplayLanguage(Locale.ENGLISH);
    return !name.isEmpty() && !name.equalsIgnoreCase(l.getLanguage());
  }
}
