package dev.herald.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressesTest {

  @Test
  void senderIsTheLowerCaseAddrSpec() {
    assertEquals("anna@example.org", Addresses.sender("\"Nowak, Anna\" <Anna@Example.ORG>"));
    assertEquals("anna@example.org", Addresses.sender("Anna@Example.org (Anna Nowak)"));
    assertEquals("mailer-daemon", Addresses.sender("MAILER-DAEMON (Mail Delivery System)"));
    assertEquals("anna@example.org", Addresses.sender("Anna <<anna@example.org>> broken\""));
    assertEquals("", Addresses.sender("   "));
    assertEquals("", Addresses.sender(null));
  }

  @Test
  void mailSystemsAreKnownByTheirLocalPart() {
    assertTrue(Addresses.isMailSystem("MAILER-DAEMON@mx.example"));
    assertTrue(Addresses.isMailSystem("postmaster"));
    assertFalse(Addresses.isMailSystem("postmaster.office@example.org"));
  }

  @Test
  void messageIdsKeepTheirBracketsAndOrder() {
    assertEquals(
        List.of("<a@x>", "<b@y>"),
        Addresses.messageIds("<a@x> (comment <not an id>)\r\n\t<b@y> <a@x>"));
    assertEquals(List.of("<bare@x.example>"), Addresses.messageIds(" bare@x.example "));
    assertEquals(List.of(), Addresses.messageIds("no id at all"));
    assertEquals(List.of(), Addresses.messageIds("two words@x"));
  }

  @Test
  void idsFromOneHeaderAreCapped() {
    String many = "<id@x> ".repeat(1).concat("<a%d@x> ".repeat(500));
    String numbered = String.format(many.replace("%d", "%1$s"), "n");
    StringBuilder distinct = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      distinct.append("<id").append(i).append("@x> ");
    }

    assertEquals(2, Addresses.messageIds(numbered).size());
    List<String> kept = Addresses.messageIds(distinct.toString());
    assertEquals(Addresses.MAX_IDS, kept.size());
    // the last ones: in References the nearest parent comes last (RFC 5322 section 3.6.4)
    assertEquals("<id499@x>", kept.get(kept.size() - 1));
    assertEquals("<id400@x>", kept.get(0));
  }

  @Test
  void findsAddressesInText() {
    assertEquals(
        List.of("jan.kowalski@gazeta.example", "x+y@sub.example.org"),
        Addresses.find(
            "Mail to <Jan.Kowalski@gazeta.example>: failed. Also x+y@sub.example.org. and"
                + " user@localhost, @nothing, trailing@."));
  }

  @Test
  void findingIsLinearOnHostileText() {
    String hostile = "a".repeat(100_000) + "@".repeat(100_000) + "b".repeat(100_000);

    assertTimeoutPreemptively(Duration.ofSeconds(1), () -> Addresses.find(hostile));
  }
}
