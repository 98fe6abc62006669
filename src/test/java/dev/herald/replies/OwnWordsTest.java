package dev.herald.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OwnWordsTest {

  private static String strip(String text) {
    return OwnWords.strip(text, ReplySorter.SCAN_CHARS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "On Tue, 21 Dec 2021 at 10:00, Press Office <press@next2met.example> wrote:",
        "On 21 Dec 2021, at 10:00, Press Office <press@next2met.example> wrote:",
        "W dniu 21.12.2021 o 10:00, Press Office pisze:",
        "wt., 21 gru 2021 o 10:00 Press Office <press@next2met.example> napisał(a):",
        "Press Office napisała:",
        "Le mar. 21 déc. 2021 à 10:00, Press Office <press@next2met.example> a écrit :",
        "Am Di., 21. Dez. 2021 um 10:00 Uhr schrieb Press Office <press@next2met.example>:",
        "Am 21.12.2021 um 10:00 schrieb Press Office:",
        "Il giorno mar 21 dic 2021 alle ore 10:00 Press Office ha scritto:",
        "El mar, 21 dic 2021 a las 10:00, Press Office (<press@next2met.example>) escribió:",
        "Op di 21 dec. 2021 om 10:00 schreef Press Office <press@next2met.example>:",
        "-----Original Message-----",
        "----- Original Message -----",
        "-----Ursprüngliche Nachricht-----",
        "-----Message d'origine-----",
        "-----Wiadomość oryginalna-----",
        "-----Messaggio originale-----",
        "-----Mensaje original-----",
        "-----Oorspronkelijk bericht-----",
        "---------- Forwarded message ---------",
      })
  void cutsAtEachReplyHeader(String header) {
    String text =
        "Own words.\n\n" + header + "\nFor further information or to request an interview";

    assertEquals("Own words.", strip(text));
  }

  @Test
  void wrappedReplyHeaderIsStillAHeader() {
    String text =
        "Own words.\n\nOn Tue, 21 Dec 2021 at 10:00, Next2Met Press Office <\n"
            + "press@next2met.example> wrote:\n\nFor further information";

    assertEquals("Own words.", strip(text));
  }

  @Test
  void outlookBlockNeedsSentOrSubjectWithinFourLines() {
    String quote =
        "Own words.\n\n*From:* Press Office <press@next2met.example>\n*Sent:* Tuesday\n"
            + "*Subject:* Release\n\nFor further information";
    assertEquals("Own words.", strip(quote));

    String notAQuote = "From: the desk of the editor\n\nwe would like an interview.\n\n\n\n\nSent.";
    assertEquals(
        "From: the desk of the editor\n\nwe would like an interview.\n\nSent.", strip(notAQuote));
  }

  @Test
  void frenchOutlookLabelsHaveASpaceBeforeTheColon() {
    String text =
        "Bien reçu.\n\nDe : Press Office <press@next2met.example>\nEnvoyé : mardi 21 décembre\n"
            + "À : Sophie\nObjet : Release\n\nPour demander un entretien";

    assertEquals("Bien reçu.", strip(text));
  }

  @Test
  void quotedLinesAreDroppedWherePeopleInterleaveThem() {
    String text = "> Would you like an interview?\nYes please.\n> Which day?\nThursday.";

    assertEquals("Yes please.\nThursday.", strip(text));
  }

  @Test
  void signatureSeparatorWithOrWithoutItsSpace() {
    assertEquals("Thanks.", strip("Thanks.\n-- \nAnna\nInterview desk"));
    assertEquals("Thanks.", strip("Thanks.\n--\nAnna\nInterview desk"));
    assertEquals("Thanks.\n---\nmore", strip("Thanks.\n---\nmore"));
  }

  @Test
  void replyHeaderBelowOwnWordsCutsEvenWhenQuotedLinesFollow() {
    String text = "Please unsubscribe me.\nOn Tue, Press Office wrote:\n> interview\n\nafter";

    assertEquals("Please unsubscribe me.", strip(text));
  }

  @Test
  void blankLinesAreKeptSingleAndEndsTrimmed() {
    assertEquals("a\n\nb", strip("\n\n  \na   \n\n\n\nb\n\n"));
  }

  @Test
  void cutsAtTheCharacterBudget() {
    assertEquals("abcde", OwnWords.strip("abcdefghij", 5));
  }

  @Test
  void htmlBecomesTextWithoutQuotesScriptsOrComments() {
    String html =
        "<!DOCTYPE html><html><head><title>t</title><style>.x{}</style></head><body>"
            + "<div>Gr&uuml;&szlig;e &amp; Dank&#44; a&#x142;&nbsp;b &bogus; &#99999999;</div>"
            + "<script>alert('interview')</script><!-- interview -->"
            + "<table><tr><td>one</td><td>two</td></tr></table>"
            + "<blockquote>outer<blockquote>inner</blockquote>still quoted</blockquote>"
            + "<p>after 1 < 2 and 3 > 2</p></body></html>";

    assertEquals(
        "Grüße & Dank, ał b &bogus; &#99999999;\n\none two\n\nafter 1 < 2 and 3 > 2",
        strip(OwnWords.fromHtml(html)));
  }

  @Test
  void unclosedMarkupEndsTheText() {
    assertEquals("before", strip(OwnWords.fromHtml("before<script>never closed interview")));
    assertEquals("before", strip(OwnWords.fromHtml("before<a href='x' interview")));
    assertEquals("text", strip(OwnWords.fromHtml("text<!-- unclosed interview")));
  }

  @Test
  void onlyWrittenClosingTagsEndALine() {
    assertEquals("a\nb", strip(OwnWords.fromHtml("<p>a<p>b")));
    assertEquals("a\n\nb", strip(OwnWords.fromHtml("<p>a</p><p>b</p>")));
    assertEquals("a\nb", strip(OwnWords.fromHtml("a<br>b")));
  }
}
