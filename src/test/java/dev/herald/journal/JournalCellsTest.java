package dev.herald.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.testing.GeneratedCells;
import dev.herald.testing.Slow;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The journal writes its cells with the shared CSV cell module: every value reads back. */
@Slow
class JournalCellsTest {
  @TempDir Path dir;

  static Stream<String> values() {
    return GeneratedCells.values(300, 21L, false);
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("values")
  void aRecipientAndAMessageIdReadBackAsWritten(String value) {
    Path file = dir.resolve("logs/sends.csv");
    JournalEntry entry =
        new JournalEntry(Entries.T0, "release", value, Outcome.SENT, "250 OK", value);
    try (Journal journal = Journal.open(file)) {
      journal.appendDurably(entry);
    }

    List<JournalEntry> read = Entries.readAll(file);

    assertEquals(List.of(entry), read);
  }
}
