package dev.herald.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a media list may hold. */
class EmailAddressTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "l.wrobel@kurier-podlaski.example",
        "JJ.Dupont@Bruxelles-Numerique.EXAMPLE",
        "desk+press@news.example",
        "o'donnell@regional-monitor.example",
        "a@b.c.example",
        "redakcja@gazeta-białostocka.example",
        "x_y-z@xn--bcher-kva.example"
      })
  void accepts(String address) {
    assertEquals(Optional.empty(), EmailAddress.problem(address));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "plainaddress | has no @",
        "a@b@news.example | more than one @",
        "@news.example | empty or over-long part before the @",
        "a..b@news.example | not allowed before the @",
        ".a@news.example | not allowed before the @",
        "\"quoted\"@news.example | not allowed before the @",
        "Anna <anna@news.example> | not allowed before the @",
        "anna@localhost | no dot in its domain",
        "anna@-news.example | invalid domain",
        "anna@news..example | invalid domain",
        "anna@[192.0.2.1] | invalid domain",
      })
  void refuses(String address, String reason) {
    Optional<String> problem = EmailAddress.problem(address);
    assertTrue(problem.isPresent(), address);
    assertTrue(problem.get().contains(reason), problem.get());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "redakcja@gazeta-białostocka.example | redakcja@xn--gazeta-biaostocka-c4c.example",
        "g.mueller@technik-und-region.example | g.mueller@technik-und-region.example",
        "desk@bücher.example | desk@xn--bcher-kva.example",
        "no-at-sign | no-at-sign",
      })
  void asciiFormPutsInternationalisedDomainsInPunycode(String address, String ascii) {
    assertEquals(ascii, EmailAddress.ascii(address));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", " ", " anna@news.example", "anna@news.example "})
  void refusesEmptyOrPadded(String address) {
    assertTrue(EmailAddress.problem(address).isPresent());
  }

  @org.junit.jupiter.api.Test
  void refusesOverLongAddresses() {
    assertTrue(EmailAddress.problem("a".repeat(65) + "@news.example").isPresent());
    assertTrue(EmailAddress.problem("a@" + "b".repeat(250) + ".example").isPresent());
  }

  @org.junit.jupiter.api.Test
  void comparesCaseInsensitively() {
    assertEquals(
        EmailAddress.key("W.DeSmet@Kempische-Koerier.example"),
        "w.desmet@kempische-koerier.example");
    assertEquals(
        "kempische-koerier.example", EmailAddress.domain("W.DeSmet@Kempische-Koerier.EXAMPLE"));
  }

  @org.junit.jupiter.api.Test
  void comparesSpellingsOfOneAddressAndDomain() {
    assertTrue(EmailAddress.same("Anna@Example.ORG", "anna@example.org"));
    assertTrue(EmailAddress.same("anna@straße.example", "ANNA@xn--strae-oqa.example"));
    assertTrue(!EmailAddress.same("anna@strasse.example", "anna@straße.example"));
    assertTrue(EmailAddress.sameDomain("desk@Straße.example", "anna@xn--strae-oqa.example"));
    assertTrue(!EmailAddress.sameDomain("anna@a.example", "anna@b.example"));
  }

  @org.junit.jupiter.api.Test
  void readsTheLocalPartAndKeepsAFoundSpelling() {
    assertEquals("mailer-daemon", EmailAddress.localPart("MAILER-DAEMON@mx.example"));
    assertEquals("postmaster", EmailAddress.localPart("Postmaster"));
    assertEquals("anna@straße.example", EmailAddress.found("Anna@Straße.example"));
  }
}
