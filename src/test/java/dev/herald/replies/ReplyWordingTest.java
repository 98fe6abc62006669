package dev.herald.replies;

import static dev.herald.replies.ReplyKind.AUTO_REPLY;
import static dev.herald.replies.ReplyKind.INTERVIEW_REQUEST;
import static dev.herald.replies.ReplyKind.OTHER;
import static dev.herald.replies.ReplyKind.UNSUBSCRIBE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Realistic replies in the contacts' languages, each sent back with the release quoted below it the
 * way that language's mail clients quote. The quoted release asks readers to request an interview
 * and tells them how to unsubscribe: neither may sort the reply.
 */
class ReplyWordingTest {

  private static final String RELEASE_SUBJECT = "Fostering digitalisation in the Podlaskie Region";

  /** The release as quoted: its closing lines carry both "interview" and "unsubscribe". */
  private static final List<String> RELEASE =
      List.of(
          "Fostering digitalisation in the Podlaskie Region",
          "Brussels, 21/12/2021",
          "",
          "Next2Met brings together eight regions to share good practice in digitalisation.",
          "",
          "For further information or to request an interview, please contact:",
          "press@next2met.example",
          "",
          "You receive this release as a member of the media. To unsubscribe, reply with",
          "\"unsubscribe\" and we will remove you from the list.");

  /** How each language's webmail introduces the quote: "On … wrote:" and its translations. */
  private static final Map<String, String> REPLY_HEADERS =
      Map.of(
          "en",
          "On Tue, 21 Dec 2021 at 10:00, Next2Met Press Office <press@next2met.example> wrote:",
          "pl",
          "W dniu 21.12.2021 o 10:00, Next2Met Press Office pisze:",
          "fr",
          "Le mar. 21 déc. 2021 à 10:00, Next2Met Press Office <press@next2met.example> a écrit :",
          "de",
          "Am Di., 21. Dez. 2021 um 10:00 Uhr schrieb Next2Met Press Office"
              + " <press@next2met.example>:",
          "it",
          "Il giorno mar 21 dic 2021 alle ore 10:00 Next2Met Press Office"
              + " <press@next2met.example> ha scritto:",
          "es",
          "El mar, 21 dic 2021 a las 10:00, Next2Met Press Office (<press@next2met.example>)"
              + " escribió:",
          "nl",
          "Op di 21 dec. 2021 om 10:00 schreef Next2Met Press Office <press@next2met.example>:");

  /** How each language's Outlook heads the unquoted original: From, Sent, To, Subject. */
  private static final Map<String, List<String>> OUTLOOK_LABELS =
      Map.of(
          "en", List.of("From:", "Sent:", "To:", "Subject:"),
          "pl", List.of("Od:", "Wysłano:", "Do:", "Temat:"),
          "fr", List.of("De :", "Envoyé :", "À :", "Objet :"),
          "de", List.of("Von:", "Gesendet:", "An:", "Betreff:"),
          "it", List.of("Da:", "Inviato:", "A:", "Oggetto:"),
          "es", List.of("De:", "Enviado el:", "Para:", "Asunto:"),
          "nl", List.of("Van:", "Verzonden:", "Aan:", "Onderwerp:"));

  private final ReplySorter sorter = new ReplySorter(ReplySorter.ReadLimits.DEFAULT);

  static Stream<Arguments> replies() {
    List<Object[]> rows =
        List.of(
            // English
            row(
                "en",
                INTERVIEW_REQUEST,
                "Hello,\n\nI'd like to interview someone from the Next2Met project for our"
                    + " regional tech section. Would Thursday work?\n\nBest,\nSarah Jones"),
            row(
                "en",
                INTERVIEW_REQUEST,
                "Could I speak with the project coordinator about the Podlaskie results this"
                    + " week?"),
            row(
                "en",
                INTERVIEW_REQUEST,
                "We're running a piece on EU regional funding on Friday and would welcome a"
                    + " comment from the Marshal's Office."),
            row(
                "en",
                OTHER,
                "Thanks for the release. No interview needed, we'll run it as a brief."),
            row("en", OTHER, "Thank you, I'm not interested in an interview at this stage."),
            row("en", UNSUBSCRIBE, "Please remove me from your mailing list."),
            row("en", UNSUBSCRIBE, "Please remove me, no interview."),
            row(
                "en",
                AUTO_REPLY,
                "I am out of the office until 3 January with limited access to email. For"
                    + " interview requests, write to the news desk."),
            row("en", OTHER, "Thanks, received. Talk to you soon!\n\nMark"),
            row("en", OTHER, "Thanks, I'll talk to my editor and get back to you."),
            row(
                "en",
                INTERVIEW_REQUEST,
                "I wouldn't mind a short call with the coordinator before we publish."),
            // Polish
            row(
                "pl",
                INTERVIEW_REQUEST,
                "Dzień dobry,\nchętnie przeprowadzę wywiad z koordynatorem projektu. Czy jest"
                    + " możliwość w przyszłym tygodniu?\nPozdrawiam\nAnna"),
            row(
                "pl",
                INTERVIEW_REQUEST,
                "Czy moglibyśmy porozmawiać telefonicznie o wynikach projektu?"),
            row("pl", INTERVIEW_REQUEST, "Czy nie moglibyśmy porozmawiać jutro przed południem?"),
            row("pl", OTHER, "Dziękuję, nie jestem zainteresowany wywiadem."),
            row("pl", UNSUBSCRIBE, "Proszę mnie wypisać z listy mailingowej."),
            row(
                "pl",
                UNSUBSCRIBE,
                "Nie chcę otrzymywać więcej informacji prasowych. Usuń mnie z bazy."),
            row("pl", AUTO_REPLY, "Jestem poza biurem do 5 stycznia. Autoodpowiedź."),
            row("pl", OTHER, "Dziękuję, otrzymałam. Pozdrawiam serdecznie,\nEwa"),
            // French
            row(
                "fr",
                INTERVIEW_REQUEST,
                "Bonjour,\nSerait-il possible d'organiser un entretien avec la responsable du"
                    + " projet ?\nCordialement"),
            row(
                "fr",
                INTERVIEW_REQUEST,
                "Je souhaiterais interviewer un représentant de la région."),
            row(
                "fr",
                INTERVIEW_REQUEST,
                "N'hésitez pas à me proposer un entretien la semaine prochaine."),
            row("fr", OTHER, "Merci, pas d'entretien pour le moment."),
            row("fr", UNSUBSCRIBE, "Merci de me désabonner de cette liste."),
            row(
                "fr",
                UNSUBSCRIBE,
                "Retirez-moi de vos envois, je ne souhaite plus recevoir vos communiqués."),
            row("fr", AUTO_REPLY, "Je suis absente du bureau jusqu'au 4 janvier inclus."),
            row("fr", OTHER, "Merci pour l'information, bien reçu."),
            // German
            row(
                "de",
                INTERVIEW_REQUEST,
                "Guten Tag,\nwir würden gerne ein Interview mit der Projektleitung führen."),
            row("de", INTERVIEW_REQUEST, "Könnten wir nächste Woche mit Herrn Nowak sprechen?"),
            row("de", INTERVIEW_REQUEST, "Wäre ein kurzes Telefongespräch am Donnerstag möglich?"),
            row("de", OTHER, "Vielen Dank, aber kein Interview nötig."),
            row("de", OTHER, "Danke, wir berichten entsprechend. Keine weiteren Fragen."),
            row("de", UNSUBSCRIBE, "Bitte tragen Sie mich aus. Ich möchte mich abmelden."),
            row("de", UNSUBSCRIBE, "Keine weiteren E-Mails bitte."),
            row("de", AUTO_REPLY, "Ich bin bis zum 10. Januar nicht im Büro."),
            // Italian
            row(
                "it",
                INTERVIEW_REQUEST,
                "Buongiorno, vorrei fissare un'intervista con il coordinatore del progetto."),
            row("it", INTERVIEW_REQUEST, "Sarebbe possibile un breve colloquio telefonico?"),
            row(
                "it",
                INTERVIEW_REQUEST,
                "Non vedo l'ora di fare l'intervista, mi dica lei quando."),
            row("it", OTHER, "Grazie, non sono interessato a un'intervista."),
            row("it", UNSUBSCRIBE, "Cancellami dalla vostra lista, per favore."),
            row("it", AUTO_REPLY, "Sono fuori ufficio fino al 7 gennaio."),
            row("it", OTHER, "Grazie mille, ricevuto."),
            // Spanish
            row(
                "es",
                INTERVIEW_REQUEST,
                "Hola, me gustaría hacer una entrevista al responsable del proyecto."),
            row("es", OTHER, "Gracias, no necesito una entrevista por ahora."),
            row("es", UNSUBSCRIBE, "Por favor, quiero darme de baja de esta lista."),
            row("es", UNSUBSCRIBE, "No quiero recibir más correos de ustedes."),
            row("es", AUTO_REPLY, "Estoy fuera de la oficina hasta el 10 de enero."),
            row("es", OTHER, "Muchas gracias, recibido."),
            // Dutch
            row(
                "nl",
                INTERVIEW_REQUEST,
                "Goedemiddag, graag zou ik een interview willen met de projectleider."),
            row("nl", INTERVIEW_REQUEST, "Is een telefoongesprek volgende week mogelijk?"),
            row("nl", OTHER, "Bedankt, geen interview nodig."),
            row("nl", UNSUBSCRIBE, "Ik wil me graag uitschrijven voor deze berichten."),
            row("nl", AUTO_REPLY, "Ik ben afwezig tot 6 januari."),
            row("nl", OTHER, "Dank u wel, goed ontvangen."));
    // Quote each third reply in the language's webmail style, each third Outlook-style
    // (unquoted original under a From/Sent block), and leave each third unquoted.
    return IntStream.range(0, rows.size())
        .mapToObj(
            i -> {
              Object[] row = rows.get(i);
              String language = (String) row[0];
              String body = (String) row[2];
              return Arguments.of(language, row[1], body, withQuote(language, body, i % 3));
            });
  }

  private static Object[] row(String language, ReplyKind expected, String ownWords) {
    return new Object[] {language, expected, ownWords};
  }

  private static String withQuote(String language, String ownWords, int style) {
    StringBuilder body = new StringBuilder(ownWords).append("\n\n");
    if (style == 0) {
      body.append(REPLY_HEADERS.get(language)).append('\n');
      for (String line : RELEASE) {
        body.append(line.isEmpty() ? ">" : "> " + line).append('\n');
      }
    } else if (style == 1) {
      List<String> labels = OUTLOOK_LABELS.get(language);
      body.append("________________________________\n")
          .append(labels.get(0))
          .append(" Next2Met Press Office <press@next2met.example>\n")
          .append(labels.get(1))
          .append(" Tuesday, 21 December 2021 10:00\n")
          .append(labels.get(2))
          .append(" Anna Nowak <anna.nowak@kurier-podlaski.example>\n")
          .append(labels.get(3))
          .append(' ')
          .append(RELEASE_SUBJECT)
          .append("\n\n");
      for (String line : RELEASE) {
        body.append(line).append('\n');
      }
    }
    return body.toString();
  }

  @ParameterizedTest(name = "[{index}] {0} {1}: {2}")
  @MethodSource("replies")
  void sortsReplyByItsOwnWords(String language, ReplyKind expected, String ownWords, String body) {
    SortedReply reply = sorter.sort(RawMail.parse(RawMail.reply("Re: " + RELEASE_SUBJECT, body)));

    assertEquals(expected, reply.kind(), () -> "own words read as: " + reply.ownWords());
    assertFalse(reply.ownWords().contains("please contact"), reply.ownWords());
    assertFalse(reply.ownWords().contains("Next2Met Press Office"), reply.ownWords());
  }
}
