package dev.herald.house;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * herald's packages form layers: no package uses, directly or through others, a package that uses
 * it. Read from the sources: every reference in code to {@code dev.herald.NAME.Type} (an import or
 * a qualified name) and to a root type {@code dev.herald.Type} is an edge from the file's package;
 * comments are left out (a Javadoc link is not a use). The entry point {@code dev.herald.Main}
 * stands above everything, apart from the root package's shared types below everything.
 */
class PackageCyclesTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/herald");
  private static final Pattern REFERENCE =
      Pattern.compile("\\bdev\\.herald\\.(?:([a-z][a-z0-9_]*)\\.)?[A-Z]");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\n]*", Pattern.DOTALL);
  private static final String ROOT = "(root)";

  @Test
  void noPackageDependsOnItselfThroughOthers() throws IOException {
    Map<String, Set<String>> uses = graph();
    assertTrue(uses.size() > 10, "the sources were found: " + uses.keySet());
    List<List<String>> cycles = stronglyConnected(uses);
    assertEquals(List.of(), cycles, "package cycles (each group uses itself through the others)");
  }

  @Test
  void theCheckFindsACycle() {
    Map<String, Set<String>> uses = new TreeMap<>();
    uses.put("a", new TreeSet<>(Set.of("b")));
    uses.put("b", new TreeSet<>(Set.of("c")));
    uses.put("c", new TreeSet<>(Set.of("a")));
    uses.put("d", new TreeSet<>(Set.of("a")));
    assertEquals(List.of(List.of("a", "b", "c")), stronglyConnected(uses));
  }

  private static Map<String, Set<String>> graph() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        Path dir = SOURCES.relativize(file.getParent());
        String from = dir.toString().isEmpty() ? ROOT : dir.toString().replace('/', '.');
        if (from.equals(ROOT) && file.getFileName().toString().equals("Main.java")) {
          from = "(main)";
        }
        Set<String> to = uses.computeIfAbsent(from, k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(COMMENT.matcher(Files.readString(file)).replaceAll(""));
        while (m.find()) {
          String target = m.group(1) == null ? ROOT : m.group(1);
          if (!target.equals(from)) {
            to.add(target);
          }
        }
      }
    }
    return uses;
  }

  /** Tarjan's strongly connected components of more than one package, each sorted. */
  private static List<List<String>> stronglyConnected(Map<String, Set<String>> uses) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> found = new ArrayList<>();
    int[] counter = {0};
    for (String v : uses.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, uses, index, low, stack, onStack, found, counter);
      }
    }
    return found;
  }

  private static void connect(
      String v,
      Map<String, Set<String>> uses,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<List<String>> found,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : uses.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, uses, index, low, stack, onStack, found, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> group = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        group.add(w);
      } while (!w.equals(v));
      if (group.size() > 1) {
        group.sort(null);
        found.add(group);
      }
    }
  }
}
