package dev.herald.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An object written member by member reads exactly as the same object written at once. */
class JsonStreamedTest {
  static Stream<Integer> rowCounts() {
    return Stream.of(0, 1, 2, 17);
  }

  @ParameterizedTest
  @MethodSource("rowCounts")
  void streamedIsWrittenAsWriteWritesIt(int n) {
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("recipient", "a" + i + "@example.org");
      row.put("detail", i % 2 == 0 ? "quote \" and\nline" : List.of());
      rows.add(row);
    }
    Map<String, Object> whole = new LinkedHashMap<>();
    whole.put("campaign", "c\u2028");
    whole.put("recipients", rows);
    whole.put("count", n);

    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    Json.Streamed s = new Json.Streamed(out).member("campaign", "c\u2028").beginArray("recipients");
    rows.forEach(s::element);
    s.endArray().member("count", n).end();

    assertEquals(Json.write(whole) + System.lineSeparator(), text.toString());
  }
}
