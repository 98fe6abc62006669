package dev.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The encoding guess on generated contact lists: names of one language, in a random order and mixed
 * with ASCII columns, saved in each code page, must be recognised as that code page.
 */
class LegacyEncodingTest {
  private static final List<String> POLISH =
      List.of(
          "Łukasz Wróbel",
          "Zofia Żółkiewska",
          "Krzysztof Jędrzejczak",
          "Małgorzata Szczęśniak",
          "Paweł Dąbrowski",
          "Agnieszka Woźniak",
          "Michał Kałuża",
          "Grażyna Ślęzak",
          "Jarosław Łęcki",
          "Bożena Źrebiec");
  private static final List<String> GERMAN =
      List.of(
          "Günther Müller",
          "Sabine Schröder",
          "Franziska Weiß",
          "Jürgen Köhler",
          "Bärbel Jäger",
          "Uwe Größer",
          "Dörte Hübner",
          "Maximilian Fuß");
  private static final List<String> FRENCH =
      List.of(
          "Chloé Lambert",
          "Hélène Lefèvre",
          "François Garçon",
          "Jérôme Bézier",
          "Gaëlle Brûlé",
          "Loïc Hénault",
          "Cécile Mégret",
          "Noël Châtelet");
  private static final List<String> CZECH =
      List.of(
          "Jiří Dvořák",
          "Tomáš Šťastný",
          "Petr Černý",
          "Lucie Kučerová",
          "Věra Němcová",
          "Zdeněk Procházka",
          "Kateřina Horáková",
          "Ondřej Veselý");

  /** A contact list of {@code names}, shuffled by {@code seed}, encoded as {@code charset}. */
  private static byte[] list(List<String> names, long seed, String charset) {
    Random r = new Random(seed);
    StringBuilder s = new StringBuilder("email;first_name;last_name;outlet\r\n");
    for (int i = 0; i < 12; i++) {
      String[] n = names.get(r.nextInt(names.size())).split(" ");
      s.append("p").append(i).append("@news.example;").append(n[0]).append(';').append(n[1]);
      s.append(";Outlet ").append(i).append("\r\n");
    }
    return s.toString().getBytes(Charset.forName(charset));
  }

  private static Charset guess(byte[] bytes) {
    LegacyEncoding g = new LegacyEncoding();
    for (byte b : bytes) {
      g.add(b & 0xFF);
    }
    g.end();
    return g.best();
  }

  @ParameterizedTest(name = "{0} names in {1}")
  @CsvSource({
    "polish, windows-1250",
    "polish, ISO-8859-2",
    "czech, windows-1250",
    "czech, ISO-8859-2",
    "german, windows-1252",
    "french, windows-1252",
  })
  void recognisesTheCodePage(String language, String charset) {
    List<String> names =
        switch (language) {
          case "polish" -> POLISH;
          case "czech" -> CZECH;
          case "german" -> GERMAN;
          default -> FRENCH;
        };
    for (long seed = 0; seed < 50; seed++) {
      byte[] bytes = list(names, seed, charset);
      Charset guess = guess(bytes);
      // Right when it reads the names right: Czech names without š, ž or ť are the same bytes in
      // Windows-1250 and ISO-8859-2, and either reading is then correct.
      assertEquals(
          new String(bytes, Charset.forName(charset)),
          guess == null ? null : new String(bytes, guess),
          language + " in " + charset + ", seed " + seed + ": guessed " + guess);
    }
  }

  @Test
  void germanTextIsWindows1252ThoughWindows1250ReadsItTheSame() {
    // ä ö ü ß are the same bytes in both code pages: the tie goes to the more common one.
    assertEquals(Charset.forName("windows-1252"), guess(list(GERMAN, 1, "windows-1250")));
  }

  @Test
  void bytesThatDecodeToNothingPlausibleAreNoGuess() {
    byte[] noise = new byte[64];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (byte) (0x81 + (i % 2) * 0x0F); // 0x81 and 0x90: undefined in every Windows page
    }
    assertNull(guess(noise));
  }
}
