package dev.herald.replies;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The reply word lists, read from one resource file a language ({@code words/en.txt}, {@code
 * words/pl.txt}, …) named in {@code words/languages.txt}, so that adding a language is adding its
 * file and its line in the index.
 *
 * <p>A language file holds sections such as {@code [unsubscribe]}, one entry a line below each, in
 * natural lower-case spelling; {@code #} starts a comment line. A file that breaks these rules
 * stops herald with its name and line: a list read wrongly would sort replies wrongly without a
 * word.
 */
final class WordLists {

  /** The lists, each a section of a language file. */
  enum Section {
    OUT_OF_OFFICE("out-of-office"),
    UNSUBSCRIBE("unsubscribe"),
    INTERVIEW("interview"),
    NOT_REQUESTS("not-requests"),
    NEGATIONS("negations"),
    NOT_NEGATIONS("not-negations"),
    BOUNCE_SUBJECTS("bounce-subjects"),
    DELAY_SUBJECTS("delay-subjects");

    private final String section;

    Section(String section) {
      this.section = section;
    }

    static Section of(String section) {
      for (Section list : values()) {
        if (list.section.equals(section)) {
          return list;
        }
      }
      return null;
    }
  }

  /** The index of language files, beside them. */
  static final String INDEX = "languages.txt";

  private final Map<Section, List<String>> lists;

  private WordLists(Map<Section, List<String>> lists) {
    this.lists = lists;
  }

  /** The entries of one list, in every language, in the index's order. */
  List<String> get(Section list) {
    return lists.get(list);
  }

  /** The lists herald ships, from the resources beside this class. */
  static WordLists builtIn() {
    return load(name -> WordLists.class.getResourceAsStream("words/" + name));
  }

  /**
   * Reads the index and every language file it names.
   *
   * @param open opens a file of the word folder by name, or returns {@code null} if there is none
   * @throws IllegalStateException naming the file and line, if a file is missing or malformed
   */
  static WordLists load(Function<String, InputStream> open) {
    Map<Section, List<String>> lists = new EnumMap<>(Section.class);
    for (Section list : Section.values()) {
      lists.put(list, new ArrayList<>());
    }
    List<String> languages = new ArrayList<>();
    read(open, INDEX, (line, number) -> languages.add(line));
    if (languages.isEmpty()) {
      throw new IllegalStateException(INDEX + " names no language file");
    }
    for (String language : languages) {
      String file = language + ".txt";
      Section[] section = {null};
      read(
          open,
          file,
          (line, number) -> {
            if (line.startsWith("[") && line.endsWith("]")) {
              section[0] = Section.of(line.substring(1, line.length() - 1));
              if (section[0] == null) {
                throw malformed(file, number, "unknown list " + line);
              }
            } else if (section[0] == null) {
              throw malformed(file, number, "'" + line + "' comes before any [list]");
            } else if (!line.equals(line.toLowerCase(Locale.ROOT))) {
              throw malformed(file, number, "'" + line + "' is not written in lower case");
            } else {
              lists.get(section[0]).add(line);
            }
          });
    }
    lists.replaceAll((list, entries) -> List.copyOf(entries));
    return new WordLists(lists);
  }

  private interface LineReader {
    void accept(String line, int number);
  }

  /** Reads a file's lines that are neither blank nor comments, stripped. */
  private static void read(Function<String, InputStream> open, String file, LineReader reader) {
    InputStream in = open.apply(file);
    if (in == null) {
      throw new IllegalStateException("the reply word list " + file + " is missing");
    }
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()))) {
      int number = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        String stripped = line.strip();
        if (!stripped.isEmpty() && !stripped.startsWith("#")) {
          reader.accept(stripped, number);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the reply word list " + file, e);
    }
  }

  private static IllegalStateException malformed(String file, int line, String problem) {
    return new IllegalStateException("reply word list " + file + ":" + line + ": " + problem);
  }
}
