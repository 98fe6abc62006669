package dev.herald.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.FolderKey;
import dev.herald.InputLimits;
import dev.herald.Problem;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wrong merges on generated contact lists: random empty and whitespace-only cells in columns used
 * bare in the body, only in a header, only in sections, or not at all. Each list is checked against
 * what its cells say: one finding per column that is used bare, naming exactly the rows where it is
 * blank (the first ten, then a count), and none for a column the template handles in a section.
 */
class EmptyPlaceholdersTest {
  @TempDir Path dir;

  /**
   * {@code salutation} bare in the body, {@code outlet} only in the Subject, {@code beat} bare but
   * also in a section, {@code note} only in an inverted section, {@code desk} not used, and {@code
   * {{name}}} (first and last name) bare.
   */
  private static final String RELEASE =
      "Subject: News for {{outlet}}\n"
          + "From: Press <press@herald.example>\n\n"
          + "{{salutation}},\n\n"
          + "Dear {{name}}, {{#beat}}for the {{beat}} desk: {{/beat}}news.\n\n"
          + "{{^note}}No note.{{/note}}\n\n"
          + "About {{beat}}.\n";

  private static final List<String> COLUMNS =
      List.of("salutation", "outlet", "beat", "note", "desk", "first_name", "last_name");

  private static final List<String> WARNED = List.of("name", "outlet", "salutation");

  static Stream<Long> seeds() {
    return LongStream.range(1, 25).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void eachColumnUsedBareIsReportedOnceNamingTheRowsWhereItIsBlank(long seed) {
    Random random = new Random(seed);
    int contacts = 1 + random.nextInt(40);
    StringBuilder csv = new StringBuilder("email," + String.join(",", COLUMNS) + "\n");
    Map<String, List<Long>> blank = new LinkedHashMap<>();
    WARNED.forEach(c -> blank.put(c, new ArrayList<>()));
    for (int i = 0; i < contacts; i++) {
      long line = i + 2;
      csv.append("c").append(i).append("@news.example");
      Map<String, String> row = new LinkedHashMap<>();
      for (String column : COLUMNS) {
        String v = cell(random);
        row.put(column, v.replace("\"", "")); // the value, without its CSV quotes
        csv.append(',').append(v);
      }
      csv.append('\n');
      for (String column : List.of("salutation", "outlet")) {
        if (row.get(column).isBlank()) {
          blank.get(column).add(line);
        }
      }
      if (row.get("first_name").isBlank() && row.get("last_name").isBlank()) {
        blank.get("name").add(line);
      }
    }
    TestFiles.write(dir, "templates/release.md", RELEASE);
    Path file = TestFiles.write(dir, "contacts/media.csv", csv.toString());

    LoadedCampaign v = load(file);

    assertTrue(v.fatal().isEmpty(), () -> v.fatal().toString());
    List<String> expected = new ArrayList<>();
    blank.forEach(
        (column, lines) -> {
          if (!lines.isEmpty()) {
            expected.add(finding(column, lines));
          }
        });
    List<String> found = v.emptyPlaceholders().stream().map(Problem::message).toList();
    assertEquals(expected, found, csv::toString);
    for (Problem p : v.emptyPlaceholders()) {
      assertEquals(file, p.file());
      assertTrue(v.warnings().contains(p.toString()), "it is a warning until strict");
    }

    v.strict();

    assertEquals(expected, v.fatal().stream().map(Problem::message).toList());
    assertTrue(v.warnings().stream().noneMatch(w -> w.contains("}} is empty on line")));
    assertEquals(expected.isEmpty(), v.ok(false));
  }

  /** Empty, whitespace only, or a word: blank about half the time. */
  private static String cell(Random random) {
    return switch (random.nextInt(6)) {
      case 0, 1 -> "";
      case 2 -> " ";
      case 3 -> "\"\t \"";
      default -> "w" + random.nextInt(1000);
    };
  }

  /** What the finding for {@code column} says, written out independently of the code. */
  private static String finding(String column, List<Long> lines) {
    List<String> first = lines.stream().limit(10).map(String::valueOf).toList();
    String more = lines.size() > 10 ? " … and " + (lines.size() - 10) + " more" : "";
    return "{{"
        + column
        + "}} is empty on "
        + (lines.size() == 1 ? "line " : "lines ")
        + String.join(", ", first)
        + more
        + " ("
        + lines.size()
        + (lines.size() == 1 ? " contact)" : " contacts)")
        + (column.equals("name") ? ": they have no first_name or last_name" : "")
        + "; fill "
        + (lines.size() == 1 ? "it" : "them")
        + " in, or give the template a fallback such as {{#"
        + column
        + "}}…{{/"
        + column
        + "}}{{^"
        + column
        + "}}…{{/"
        + column
        + "}}";
  }

  private LoadedCampaign load(Path contacts) {
    return LoadedCampaign.run(
        dir,
        dir.resolve("templates/release.md"),
        contacts,
        Filter.ALL,
        InputLimits.DEFAULT,
        FolderKey.load(Map.of(), dir),
        Instant.parse("2026-11-27T10:00:00Z"));
  }

  /** What a spreadsheet cell that looks empty may hold: each is as empty as an empty cell. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "\t",
        "\u00a0",
        "\u3000",
        "\u200b",
        "\u2060",
        "\ufeff",
        "\u200b\u00a0 ",
        "\u2007\u202f"
      })
  void invisibleValuesAreEmpty(String value) {
    assertTrue(
        EmptyPlaceholders.looksEmpty(value), () -> value.codePoints().boxed().toList().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dear editor", "\u00a0x", ",", "\u200bA"})
  void visibleValuesAreNot(String value) {
    assertFalse(EmptyPlaceholders.looksEmpty(value));
  }
}
