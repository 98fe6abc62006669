package dev.herald.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.replies.WordLists.Section;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WordListsTest {

  /** The built-in files, by name, with the given ones added or replaced. */
  private static Function<String, InputStream> builtInWith(Map<String, String> extra) {
    Map<String, String> files = new HashMap<>(extra);
    return name -> {
      String text = files.get(name);
      return text == null
          ? WordLists.class.getResourceAsStream("words/" + name)
          : new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    };
  }

  private static String index(String... languages) {
    return "# test index\n" + String.join("\n", languages) + "\n";
  }

  @Test
  void aNewLanguageFileIsPickedUp() {
    WordLists lists =
        WordLists.load(
            builtInWith(
                Map.of(
                    WordLists.INDEX,
                    index("en", "pl", "fr", "de", "it", "es", "nl", "sv"),
                    "sv.txt",
                    "# Swedish\n[unsubscribe]\navregistrera\n\n[out-of-office]\nfrånvarande\n")));

    assertTrue(lists.get(Section.UNSUBSCRIBE).contains("avregistrera"));
    assertTrue(lists.get(Section.OUT_OF_OFFICE).contains("frånvarande"));
    assertTrue(lists.get(Section.UNSUBSCRIBE).contains("unsubscrib"));
    assertTrue(
        ReplyWords.anyOf(lists.get(Section.UNSUBSCRIBE))
            .matcher(ReplyWords.normalise("Vänligen avregistrera mig"))
            .find());
  }

  @Test
  void theBuiltInListsAreTheIndexedFiles() {
    WordLists builtIn = WordLists.builtIn();
    WordLists english = WordLists.load(builtInWith(Map.of(WordLists.INDEX, index("en"))));

    assertEquals(ReplyWords.UNSUBSCRIBE, builtIn.get(Section.UNSUBSCRIBE));
    assertTrue(builtIn.get(Section.UNSUBSCRIBE).containsAll(english.get(Section.UNSUBSCRIBE)));
    assertTrue(builtIn.get(Section.UNSUBSCRIBE).contains("wypis"));
    assertTrue(english.get(Section.UNSUBSCRIBE).stream().noneMatch("wypis"::equals));
    for (Section section : Section.values()) {
      assertTrue(!builtIn.get(section).isEmpty(), section.name());
    }
  }

  @Test
  void everyLanguageFileInTheFolderIsInTheIndex() throws IOException, URISyntaxException {
    Path folder =
        Path.of(WordLists.class.getResource("words/" + WordLists.INDEX).toURI()).getParent();
    Set<String> files;
    try (Stream<Path> listed = Files.list(folder)) {
      files =
          listed
              .map(p -> p.getFileName().toString())
              .filter(name -> !name.equals(WordLists.INDEX))
              .collect(Collectors.toSet());
    }
    Set<String> indexed =
        Files.readAllLines(folder.resolve(WordLists.INDEX)).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .map(language -> language + ".txt")
            .collect(Collectors.toSet());

    assertEquals(indexed, files);
  }

  @Test
  void malformedFilesFailLoudlyWithTheirLine() {
    Map<String, String> cases =
        Map.of(
            "xx.txt:2: 'stray' comes before any [list]", "# comment\nstray\n[unsubscribe]\n",
            "xx.txt:3: unknown list [unsubscribes]", "\n# c\n[unsubscribes]\nwypis\n",
            "xx.txt:2: 'Abmelden' is not written in lower case", "[unsubscribe]\nAbmelden\n");
    cases.forEach(
        (message, file) -> {
          IllegalStateException e =
              assertThrows(
                  IllegalStateException.class,
                  () ->
                      WordLists.load(
                          builtInWith(Map.of(WordLists.INDEX, index("en", "xx"), "xx.txt", file))));
          assertEquals("reply word list " + message, e.getMessage());
        });
  }

  @Test
  void aMissingOrEmptyIndexOrFileFails() {
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () -> WordLists.load(builtInWith(Map.of(WordLists.INDEX, index("en", "qq")))));
    assertEquals("the reply word list qq.txt is missing", missing.getMessage());
    assertThrows(
        IllegalStateException.class,
        () -> WordLists.load(builtInWith(Map.of(WordLists.INDEX, "# nothing\n"))));
    assertThrows(UncheckedIOException.class, () -> WordLists.load(name -> badUtf8()));
  }

  private static InputStream badUtf8() {
    return new ByteArrayInputStream(new byte[] {'e', 'n', '\n', (byte) 0xff, '\n'});
  }
}
