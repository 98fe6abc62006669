package dev.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.IDNA;
import dev.herald.identity.EmailAddress;
import dev.herald.identity.Invisible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** One address, one key: every spelling of an address compares equal, and nothing else does. */
class AddressKeyTest {

  /** Pairs of spellings of one address, as issue 9 found them reaching an opted-out journalist. */
  static Stream<Arguments> sameAddress() {
    return Stream.of(
        Arguments.of(
            "redakcja@gazeta-białostocka.example", "redakcja@xn--gazeta-biaostocka-c4c.example"),
        Arguments.of(
            "redakcja@"
                + Normalizer.normalize("gazeta-białostocka-żółć.example", Normalizer.Form.NFD),
            "redakcja@"
                + Normalizer.normalize("gazeta-białostocka-żółć.example", Normalizer.Form.NFC)),
        Arguments.of("anna@ｎｅｗｓ.ｅｘａｍｐｌｅ", "anna@news.example"),
        Arguments.of("anna@news。example", "anna@news.example"),
        Arguments.of("anna@news．example", "anna@news.example"),
        Arguments.of("anna@ne\u00ADws.example", "anna@news.example"),
        Arguments.of("anna@ne\u200Bws.example", "anna@news.example"),
        Arguments.of("anna@news.example\u200E", "anna@news.example"),
        Arguments.of("an\u202Ena@news.example", "anna@news.example"),
        Arguments.of("Anna@News.Example", "anna@news.example"),
        Arguments.of("anna@news.example.", "anna@news.example"),
        Arguments.of("desk@STRASSE.example", "desk@strasse.example"),
        Arguments.of("desk@straße.example", "desk@xn--strae-oqa.example"),
        Arguments.of("desk@STRAẞE.example", "desk@xn--strae-oqa.example"),
        Arguments.of("desk@XN--STRAE-OQA.example", "desk@straße.example"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("sameAddress")
  void spellingsOfOneAddressShareAKey(String one, String other) {
    assertEquals(EmailAddress.key(other), EmailAddress.key(one));
  }

  @Test
  void sharpSIsNotDoubleS() {
    assertEquals("desk@xn--strae-oqa.example", EmailAddress.key("desk@straße.example"));
    assertNotEquals(
        EmailAddress.key("desk@strasse.example"), EmailAddress.key("desk@straße.example"));
    assertEquals("desk@xn--strae-oqa.example", EmailAddress.ascii("desk@straße.example"));
    // Greek final sigma and the ZWNJ of Persian are kept as IDNA2008 keeps them.
    assertNotEquals(EmailAddress.key("a@ς.example"), EmailAddress.key("a@σ.example"));
  }

  @Test
  void theKeyIsTheAsciiForm() {
    assertEquals(
        "redakcja@xn--gazeta-biaostocka-c4c.example",
        EmailAddress.key("Redakcja@Gazeta-Białostocka.example"));
    assertEquals("anna@news.example", EmailAddress.key("anna@ｎｅｗｓ。example"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "anna@ne\u200Bws.example | U+200B ZERO WIDTH SPACE",
        "anna@ne\u00ADws.example | U+00AD SOFT HYPHEN",
        "an\u200Dna@news.example | U+200D ZERO WIDTH JOINER",
        "an\u200Cna@news.example | U+200C ZERO WIDTH NON-JOINER",
        "anna@news.example\u200E | U+200E LEFT-TO-RIGHT MARK",
        "anna@news\u200F.example | U+200F RIGHT-TO-LEFT MARK",
        "anna@news\u061C.example | U+061C ARABIC LETTER MARK",
        "\u202Aanna@news.example | U+202A",
        "anna@\u202Bnews.example | U+202B",
        "anna@news.\u202Cexample | U+202C",
        "anna@\u202Dnews.example | U+202D",
        "anna@\u202Eelpmaxe.swen | U+202E RIGHT-TO-LEFT OVERRIDE",
        "anna@\u2066news.example | U+2066",
        "anna@\u2067news.example | U+2067",
        "anna@\u2068news.example | U+2068",
        "anna@news.exa\u2069mple | U+2069",
        "anna@news.exam\uFEFFple | U+FEFF",
        "anna@news.exam\u2060ple | U+2060 WORD JOINER",
      })
  void invisibleCharactersAreRefused(String address, String named) {
    Optional<String> problem = EmailAddress.problem(address);
    assertTrue(problem.isPresent(), address);
    assertTrue(problem.get().contains("invisible character (" + named), problem.get());
    // The message shows where the character hides and never carries it to the terminal.
    assertTrue(problem.get().contains("<U+"), problem.get());
    assertEquals(-1, Invisible.find(problem.get()), problem.get());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // ZWJ after nothing that allows it (RFC 5892 appendix A.2)
        "anna@ab\u200Dc.example | zero-width joiner",
        "anna@xn--zz.example | not valid punycode",
        "anna@news_room.example | invalid domain",
        "anna@news_room.exämple | not allowed in domain names",
      })
  void domainsIdnaRefusesAreRefused(String address, String reason) {
    Optional<String> problem = EmailAddress.problem(address);
    assertTrue(problem.isPresent(), address);
    assertTrue(problem.get().contains(reason), problem.get());
  }

  @Test
  void aJoinerWhereRfc5892AllowsItIsAccepted() {
    // Devanagari KA, VIRAMA, ZWJ, SSA: a ZWJ after a virama is allowed (RFC 5892 appendix A.2).
    String domain = "\u0915\u094D\u200D\u0937.example";
    assertEquals(Optional.empty(), EmailAddress.problem("desk@" + domain));
    assertNotEquals(
        EmailAddress.key("desk@" + domain),
        EmailAddress.key("desk@\u0915\u094D\u0937.example"),
        "non-transitional processing keeps the joiner");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "anna@ｎｅｗｓ.ｅｘａｍｐｌｅ",
        "anna@news。example",
        "redakcja@gazeta-białostocka.example",
        "desk@straße.example",
      })
  void otherSpellingsAreValidAndGoOutInAscii(String address) {
    assertEquals(Optional.empty(), EmailAddress.problem(address));
    String ascii = EmailAddress.ascii(address);
    assertTrue(ascii.chars().allMatch(c -> c < 0x80), ascii);
    assertEquals(EmailAddress.key(address), EmailAddress.key(ascii));
  }

  @Test
  void theJdkIdnClassIsNotUsed() throws Exception {
    List<Path> users = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        if (text.contains("import java.net.IDN;")
            || text.matches("(?s).*\\b(java\\.net\\.)?IDN\\.to(ASCII|Unicode)\\(.*")) {
          users.add(f);
        }
      }
    }
    assertEquals(List.of(), users, "java.net.IDN implements IDNA2003: ß would become ss");
  }

  /**
   * Random Unicode domains, seeded so that a failure can be replayed: letters from several scripts,
   * with and without combining marks, in upper and lower case. Only those that IDNA2008 accepts are
   * kept, as only they have an ASCII form.
   */
  static Stream<String> randomDomains() {
    Random random = new Random(20261202L);
    String[] alphabets = {
      "abcdefghijklmnopqrstuvwxyz0123456789",
      "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ",
      "äöüßÄÖÜéèêëàâçñ",
      "αβγδεζηθικλμνξοπρστυφχψωςΑΒΓΔ",
      "абвгдежзийклмнопрстуфхцчшщыэюяЁё",
      "日本語中文漢字",
      "ｆｕｌｌｗｉｄｔｈＡＢＣ",
      "ếờựỹảạ",
    };
    IDNA strict =
        IDNA.getUTS46Instance(
            IDNA.NONTRANSITIONAL_TO_ASCII
                | IDNA.NONTRANSITIONAL_TO_UNICODE
                | IDNA.USE_STD3_RULES
                | IDNA.CHECK_BIDI
                | IDNA.CHECK_CONTEXTJ);
    List<String> domains = new ArrayList<>();
    while (domains.size() < 300) {
      int labels = 1 + random.nextInt(3);
      StringBuilder d = new StringBuilder();
      for (int l = 0; l < labels; l++) {
        String alphabet = alphabets[random.nextInt(alphabets.length)];
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
          d.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        if (length > 2 && random.nextInt(4) == 0) {
          d.insert(d.length() - 1, '-');
        }
        d.append('.');
      }
      d.append(random.nextBoolean() ? "example" : "EXAMPLE");
      IDNA.Info info = new IDNA.Info();
      strict.nameToASCII(d.toString(), new StringBuilder(), info);
      if (!info.hasErrors()) {
        domains.add(d.toString());
      }
    }
    return domains.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("randomDomains")
  void nfcNfdAndAsciiFormsShareAKey(String domain) {
    String nfc = "Desk@" + Normalizer.normalize(domain, Normalizer.Form.NFC);
    String nfd = "Desk@" + Normalizer.normalize(domain, Normalizer.Form.NFD);
    String ascii = EmailAddress.ascii(nfc);
    assertTrue(ascii.chars().allMatch(c -> c < 0x80), ascii);
    assertEquals(EmailAddress.key(nfc), EmailAddress.key(nfd));
    assertEquals(EmailAddress.key(nfc), EmailAddress.key(ascii));
    assertEquals(EmailAddress.key(nfc), EmailAddress.key(ascii.toUpperCase(java.util.Locale.ROOT)));
    assertEquals(EmailAddress.key(nfc), EmailAddress.key(EmailAddress.ascii(nfd)));
    assertEquals(Optional.empty(), EmailAddress.problem(nfc));
    assertEquals(Optional.empty(), EmailAddress.problem(nfd));
    assertEquals(Optional.empty(), EmailAddress.problem(ascii));
  }
}
