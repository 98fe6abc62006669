package dev.herald.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OutcomeTest {
  @ParameterizedTest
  @EnumSource(Outcome.class)
  void csvValueParsesBack(Outcome outcome) {
    assertEquals(Optional.of(outcome), Outcome.parse(outcome.csv()));
    assertEquals(Optional.of(outcome), Outcome.parse(outcome.csv().toUpperCase()));
  }

  @Test
  void csvValuesAreTheDocumentedWords() {
    assertEquals("attempt", Outcome.ATTEMPT.csv());
    assertEquals("sent", Outcome.SENT.csv());
    assertEquals("failed", Outcome.FAILED.csv());
    assertEquals("deferred", Outcome.DEFERRED.csv());
    assertEquals("outbox", Outcome.OUTBOX.csv());
    assertEquals("bounced", Outcome.BOUNCED.csv());
  }

  @Test
  void unknownWordsParseToNothing() {
    assertTrue(Outcome.parse("delivered").isEmpty());
    assertTrue(Outcome.parse("").isEmpty());
    assertTrue(Outcome.parse(" sent").isEmpty());
  }
}
