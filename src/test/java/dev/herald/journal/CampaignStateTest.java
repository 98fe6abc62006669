package dev.herald.journal;

import static dev.herald.journal.Entries.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.journal.CampaignState.Status;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CampaignStateTest {
  private static final String CAMPAIGN = "podlaskie-2021";

  @TempDir Path dir;

  static Stream<Arguments> histories() {
    return Stream.of(
        Arguments.of("attempt", Status.IN_FLIGHT),
        Arguments.of("attempt sent", Status.SENT),
        Arguments.of("attempt failed", Status.FAILED),
        Arguments.of("attempt deferred", Status.DEFERRED),
        Arguments.of("attempt deferred attempt", Status.IN_FLIGHT),
        Arguments.of("attempt deferred attempt failed", Status.FAILED),
        Arguments.of("attempt failed attempt sent", Status.SENT),
        Arguments.of("attempt sent attempt", Status.SENT),
        Arguments.of("attempt sent attempt failed", Status.SENT),
        Arguments.of("attempt sent deferred", Status.SENT),
        Arguments.of("attempt sent bounced", Status.BOUNCED),
        Arguments.of("attempt sent bounced attempt sent", Status.SENT),
        Arguments.of("outbox", Status.NEW),
        Arguments.of("outbox outbox", Status.NEW),
        Arguments.of("attempt failed outbox", Status.FAILED),
        Arguments.of("", Status.NEW));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("histories")
  void latestMeaningfulOutcomeWins(String history, Status expected) {
    Path file = dir.resolve("sends.csv");
    try (Journal journal = Journal.open(file)) {
      int n = 0;
      for (String word : history.split(" ")) {
        if (!word.isEmpty()) {
          Outcome outcome = Outcome.parse(word).orElseThrow();
          journal.appendDurably(
              new JournalEntry(T0.plusSeconds(n++), CAMPAIGN, "Anna@Example.PL", outcome, "", ""));
        }
      }
    }
    CampaignState state = CampaignState.load(file, CAMPAIGN);
    assertEquals(expected, state.status("anna@example.pl"));
    assertEquals(expected, state.status("ANNA@EXAMPLE.PL"));
    for (Status status : Status.values()) {
      int count = status == expected && status != Status.NEW ? 1 : 0;
      assertEquals(count, state.count(status), status.name());
    }
  }

  @Test
  void onlyTheGivenCampaignCounts() {
    Path file = dir.resolve("sends.csv");
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(entry("other", "anna@example.pl", Outcome.SENT));
      journal.appendDurably(entry(CAMPAIGN, "jan@example.pl", Outcome.SENT));
      journal.appendDurably(entry(CAMPAIGN.toUpperCase(), "ewa@example.pl", Outcome.SENT));
    }
    CampaignState state = CampaignState.load(file, CAMPAIGN);
    assertEquals(Status.NEW, state.status("anna@example.pl"));
    assertEquals(Status.SENT, state.status("jan@example.pl"));
    assertEquals(Status.NEW, state.status("ewa@example.pl"));
    assertEquals(1, state.count(Status.SENT));
  }

  @Test
  void aMissingJournalMeansNothingWasSent() {
    CampaignState state = CampaignState.load(dir.resolve("logs/sends.csv"), CAMPAIGN);
    assertEquals(Status.NEW, state.status("anna@example.pl"));
    Arrays.stream(Status.values()).forEach(s -> assertEquals(0, state.count(s)));
  }

  @Test
  void loadsTwoHundredThousandEntries() {
    Path file = dir.resolve("sends.csv");
    int recipients = 100_000;
    try (Journal journal = Journal.open(file)) {
      CompletableFuture<Void> last = null;
      for (int i = 0; i < recipients; i++) {
        String recipient = "Contact" + i + "@Example.org";
        journal.append(entry(CAMPAIGN, recipient, Outcome.ATTEMPT));
        last = journal.append(entry(CAMPAIGN, recipient, outcomeFor(i)));
      }
      last.join();
    }
    CampaignState state = CampaignState.load(file, CAMPAIGN);
    assertEquals(recipients / 10 * 7, state.count(Status.SENT));
    assertEquals(recipients / 10, state.count(Status.FAILED));
    assertEquals(recipients / 10, state.count(Status.DEFERRED));
    assertEquals(recipients / 10, state.count(Status.IN_FLIGHT));
    for (int i = 0; i < recipients; i += 997) {
      Status expected =
          switch (outcomeFor(i)) {
            case SENT -> Status.SENT;
            case FAILED -> Status.FAILED;
            case DEFERRED -> Status.DEFERRED;
            default -> Status.IN_FLIGHT;
          };
      assertEquals(expected, state.status("contact" + i + "@example.org"), "contact " + i);
    }
    assertEquals(Status.NEW, state.status("contact" + recipients + "@example.org"));
  }

  /** 7 in 10 sent, 1 failed, 1 deferred, 1 still in flight (its second line another attempt). */
  private static Outcome outcomeFor(int i) {
    return List.of(
            Outcome.SENT,
            Outcome.SENT,
            Outcome.FAILED,
            Outcome.SENT,
            Outcome.DEFERRED,
            Outcome.SENT,
            Outcome.SENT,
            Outcome.ATTEMPT,
            Outcome.SENT,
            Outcome.SENT)
        .get(i % 10);
  }

  private static JournalEntry entry(String campaign, String recipient, Outcome outcome) {
    return new JournalEntry(T0, campaign, recipient, outcome, "", "");
  }
}
