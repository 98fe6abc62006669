package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.testing.CliRun;
import dev.herald.testing.Malformed;
import dev.herald.testing.TestFiles;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One address, one identity, through the real command line and a real SMTP server: a journalist who
 * opted out under one spelling is not mailed under another, a contact listed twice in two spellings
 * is mailed once, and a later run does not mail a spelling the journal already has.
 */
class AddressIdentityTest {
  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  private static final String NFC =
      Normalizer.normalize("gazeta-białostocka.example", Normalizer.Form.NFC);
  private static final String NFD =
      Normalizer.normalize("gazeta-białostocka-żółć.example", Normalizer.Form.NFD);
  private static final String NFD_AS_NFC =
      Normalizer.normalize("gazeta-białostocka-żółć.example", Normalizer.Form.NFC);

  /** Two spellings of one address, as issue 9 found them. */
  static Stream<Arguments> spellings() {
    return Stream.of(
        Arguments.of("redakcja@" + NFC, "redakcja@xn--gazeta-biaostocka-c4c.example"),
        Arguments.of("redakcja@" + NFD, "redakcja@" + NFD_AS_NFC),
        Arguments.of("anna@ｎｅｗｓ.ｅｘａｍｐｌｅ", "anna@news.example"),
        Arguments.of("anna@news。example", "anna@news.example"),
        Arguments.of("Anna@NEWS.example", "anna@news.example"),
        Arguments.of("desk@straße.example", "desk@XN--STRAE-OQA.example"));
  }

  private CliRun.Result send() {
    return CliRun.in(dir)
        .run(
            "send",
            Malformed.TEMPLATE,
            "--smtp-host",
            mail.getSmtp().getBindTo(),
            "--smtp-port",
            String.valueOf(mail.getSmtp().getPort()),
            "--smtp-security",
            "none",
            "--yes");
  }

  private void folder(String contacts, String optOut) {
    TestFiles.write(dir, Malformed.TEMPLATE, Malformed.RELEASE);
    TestFiles.write(dir, "contacts/media.csv", Malformed.HEADER + contacts);
    if (optOut != null) {
      TestFiles.write(dir, "contacts/optout.csv", "email,reason,date\n" + optOut);
    }
  }

  /** The envelope recipients of every message the server received, in ASCII as sent. */
  private List<String> received() throws Exception {
    List<String> to = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      for (Address a : m.getAllRecipients()) {
        to.add(((InternetAddress) a).getAddress());
      }
    }
    return to;
  }

  @ParameterizedTest(name = "opted out as {0}, listed as {1}")
  @MethodSource("spellings")
  void anOptOutUnderOneSpellingSuppressesTheOther(String optedOut, String listed) throws Exception {
    assertSuppressed(optedOut, listed);
  }

  @ParameterizedTest(name = "opted out as {1}, listed as {0}")
  @MethodSource("spellings")
  void andTheOtherWayRound(String listed, String optedOut) throws Exception {
    assertSuppressed(optedOut, listed);
  }

  private void assertSuppressed(String optedOut, String listed) throws Exception {
    folder(
        listed + ",Jan,Kos,Kurier,pl\nben@bode.example,Ben,Smit,Bode,en\n",
        optedOut + ",unsubscribe reply,2026-11-27\n");

    CliRun.Result r = send();

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(List.of("ben@bode.example"), received());
  }

  @ParameterizedTest(name = "{0} then {1}")
  @MethodSource("spellings")
  void aContactListedInTwoSpellingsIsMailedOnce(String one, String other) throws Exception {
    folder(
        one
            + ",Jan,Kos,Kurier,pl\n"
            + other
            + ",Jan,Kos,Kurier,pl\nben@bode.example,Ben,Smit,Bode,en\n",
        null);

    CliRun.Result r = send();

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.all(), "repeats line 2");
    List<String> to = received();
    assertEquals(2, to.size(), to::toString);
    assertEquals(1, to.stream().filter(a -> a.equals("ben@bode.example")).count());
  }

  @ParameterizedTest(name = "{0} then {1}")
  @MethodSource("spellings")
  void aLaterRunDoesNotMailAnotherSpellingAgain(String one, String other) throws Exception {
    folder(one + ",Jan,Kos,Kurier,pl\n", null);
    assertEquals(0, send().exitCode());
    assertEquals(1, received().size());

    folder(other + ",Jan,Kos,Kurier,pl\n", null);
    CliRun.Result again = send();

    assertEquals(0, again.exitCode(), again::toString);
    assertEquals(1, received().size(), "the journal knows this address under its other spelling");
  }

  @Test
  void sharpSGoesToItsOwnDomainAndIsNotSuppressedByDoubleS() throws Exception {
    folder("desk@straße.example,Jan,Kos,Kurier,pl\n", "desk@strasse.example,asked,2026-11-27\n");

    CliRun.Result r = send();

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(List.of("desk@xn--strae-oqa.example"), received());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hiddenInOptOut")
  void anOptOutEntryWithAnInvisibleCharacterStillSuppressesWithAWarning(String entry, String named)
      throws Exception {
    folder(
        "anna@news.example,Anna,Nowak,Kurier,pl\nben@bode.example,Ben,Smit,Bode,en\n",
        entry + ",asked,2026-11-27\n");

    CliRun.Result check = CliRun.in(dir).run("check", Malformed.TEMPLATE);
    assertEquals(0, check.exitCode(), check::toString);
    assertContains(check.out(), "contacts/optout.csv:2: '");
    assertContains(check.out(), "invisible character (" + named);
    assertContains(check.out(), "it suppresses anna@news.example");
    assertContains(check.out(), "1 to send, 1 suppressed");

    CliRun.Result r = send();
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(List.of("ben@bode.example"), received());
  }

  static Stream<Arguments> hiddenInOptOut() {
    return Stream.of(
        Arguments.of("anna@ne\u00ADws.example", "U+00AD SOFT HYPHEN"),
        Arguments.of("anna@ne\u200Bws.example", "U+200B ZERO WIDTH SPACE"),
        Arguments.of("an\u200Dna@news.example", "U+200D ZERO WIDTH JOINER"),
        Arguments.of("anna@news.example\u202E", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        Arguments.of("\u2066anna@news.example\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        Arguments.of("anna@news\u200E.example", "U+200E LEFT-TO-RIGHT MARK"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hiddenInOptOut")
  void aContactWithAnInvisibleCharacterIsInvalidInput(String address, String named) {
    folder("ben@bode.example,Ben,Smit,Bode,en\n" + address + ",Anna,Nowak,Kurier,pl\n", null);

    CliRun.Result r = send();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.all(), "contacts/media.csv:3:1: '");
    assertContains(r.all(), "invisible character (" + named);
    assertFalse(r.all().contains(address), "the hidden character is shown, not printed");
    assertEquals(0, mail.getReceivedMessages().length);
  }
}
