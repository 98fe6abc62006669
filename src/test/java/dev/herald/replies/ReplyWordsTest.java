package dev.herald.replies;

import static dev.herald.replies.ReplyWords.InterviewWording.DECLINED;
import static dev.herald.replies.ReplyWords.InterviewWording.NONE;
import static dev.herald.replies.ReplyWords.InterviewWording.REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.replies.ReplyWords.InterviewWording;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyWordsTest {

  @Test
  void everyListIsWrittenInLowerCaseAndMatchesItself() {
    List<String> all = new ArrayList<>();
    all.addAll(ReplyWords.OUT_OF_OFFICE);
    all.addAll(ReplyWords.UNSUBSCRIBE);
    all.addAll(ReplyWords.INTERVIEW);
    all.addAll(ReplyWords.NOT_REQUESTS);
    all.addAll(ReplyWords.NOT_NEGATIONS);
    all.addAll(ReplyWords.NEGATIONS);
    all.addAll(ReplyWords.BOUNCE_SUBJECTS);
    all.addAll(ReplyWords.DELAY_SUBJECTS);
    for (String word : all) {
      assertEquals(word.toLowerCase(Locale.ROOT), word, word);
      assertEquals(word.strip(), word, word);
      String text = ReplyWords.normalise("x " + word.replace("*", "") + " y");
      assertTrue(ReplyWords.anyOf(List.of(word)).matcher(text).find(), word);
    }
  }

  @Test
  void foldingRemovesAccentsAndSpellsOutLettersThatDoNotDecompose() {
    assertEquals("zazolc gesla jazn", ReplyWords.fold("Zażółć gęślą jaźń"));
    assertEquals("strasse, oeuvre, ostergade", ReplyWords.fold("Straße, Œuvre, Østergade"));
    assertEquals("l'entretien", ReplyWords.fold("l’entretien"));
    assertEquals("fi", ReplyWords.fold("ﬁ"));
  }

  @Test
  void normalisingFlattensHyphensContractionsAndParagraphs() {
    assertEquals(
        "auto reply | i do not want e mails",
        ReplyWords.normalise("Auto-Reply\n \nI don't\nwant e-mails"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          I would like to interview the minister                      | REQUEST
          No interview needed                                          | DECLINED
          The interview is not needed                                  | DECLINED
          I'm not really interested in doing an interview              | DECLINED
          No, thanks. I would like an interview                        | REQUEST
          No problem, an interview on Friday works                     | REQUEST
          Happy to run it, talk to you soon                            | NONE
          I can't wait to talk to the team                             | REQUEST
          We won't need an interview                                   | DECLINED
          Je n'ai pas besoin d'entretien                               | DECLINED
          Je ne souhaite plus d'entretien                              | DECLINED
          Wir brauchen kein Gespräch                                   | DECLINED
          Ein Interview ist nicht nötig                                | DECLINED
          Danke, wir berichten entsprechend                            | NONE
          Nie jestem zainteresowana rozmową                            | DECLINED
          Chętnie porozmawiam                                          | REQUEST
          Non sono interessato a un'intervista                         | DECLINED
          No necesito una entrevista                                   | DECLINED
          Ik heb geen behoefte aan een gesprek                         | DECLINED
          Thanks                                                       | NONE
          """)
  void readsRequestsAndTheirNegations(String text, InterviewWording expected) {
    assertEquals(expected, ReplyWords.interviewWording(ReplyWords.normalise(text)));
  }

  @Test
  void negationInAnotherClauseOrParagraphDoesNotCount() {
    assertEquals(
        REQUEST,
        ReplyWords.interviewWording(ReplyWords.normalise("Not today; interview on Monday?")));
    assertEquals(
        REQUEST,
        ReplyWords.interviewWording(ReplyWords.normalise("I am not in.\n\nInterview on Monday?")));
    assertEquals(NONE, ReplyWords.interviewWording(""));
    assertEquals(DECLINED, ReplyWords.interviewWording(ReplyWords.normalise("interview: no")));
  }

  @Test
  void wordsMatchAtWordStartsUnlessMarkedForCompounds() {
    assertFalse(ReplyWords.asksToUnsubscribe(ReplyWords.normalise("resubscribe")));
    assertTrue(ReplyWords.asksToUnsubscribe(ReplyWords.normalise("Unsubscribing now")));
    assertEquals(REQUEST, ReplyWords.interviewWording(ReplyWords.normalise("Telefoninterview?")));
    assertEquals(NONE, ReplyWords.interviewWording(ReplyWords.normalise("entsprechend")));
  }

  @Test
  void refTokensAreLowerCaseAndUnique() {
    assertEquals(
        List.of("k3q7x2m9ab", "abcdefghij"),
        ReplyWords.refTokens("[ref:k3q7x2m9ab] [REF: K3Q7X2M9AB ] [ref:abcdefghij]"));
  }

  @Test
  void interviewLinkSubjectSurvivesReplyPrefixes() {
    assertTrue(ReplyWords.isInterviewLinkSubject("Interview request: c [ref:k3q7x2m9ab]"));
    assertTrue(
        ReplyWords.isInterviewLinkSubject("RE: AW: Odp: Interview request: c [ref:k3q7x2m9ab]"));
    assertTrue(ReplyWords.isInterviewLinkSubject("Fwd: interview REQUEST: c [ref:k3q7x2m9ab]"));
    assertFalse(ReplyWords.isInterviewLinkSubject("Interview request: c"));
    assertFalse(ReplyWords.isInterviewLinkSubject("About the interview [ref:k3q7x2m9ab]"));
    assertFalse(
        ReplyWords.isInterviewLinkSubject(
            "Automatic reply: Interview request: c [ref:k3q7x2m9ab]"));
  }

  @Test
  void senderWordingOfALinkSubjectStopsAtInterviewRequest() {
    assertEquals(
        "automatic reply: ",
        ReplyWords.senderSubjectWording(
            "Automatic reply: Interview request: absence [ref:k3q7x2m9ab]"));
    assertEquals("re: absence", ReplyWords.senderSubjectWording("Re: absence"));
  }

  @Test
  void bounceAndDelaySubjects() {
    assertTrue(ReplyWords.isBounceSubject(ReplyWords.normalise("Mail delivery failed: returning")));
    assertTrue(
        ReplyWords.isDelaySubject(ReplyWords.normalise("Delivery Status Notification (Delay)")));
    assertFalse(
        ReplyWords.isDelaySubject(ReplyWords.normalise("Undelivered Mail Returned to Sender")));
  }
}
