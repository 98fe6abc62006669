package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.Display;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Table cells as the terminal shows them. */
class TablesTest {

  @Test
  void cleanEscapesBidiOverridesAndControlsInsteadOfPassingThem() {
    assertEquals("Radio \\u202Eoidar\\u202C", Display.oneLine("Radio \u202Eoidar\u202C"));
    assertEquals("a\\u2066b\\u2069 \\u200F", Display.oneLine("a\u2066b\u2069 \u200F"));
    assertEquals("bell \\u0007 esc \\u001B[2J", Display.oneLine("bell \u0007 esc \u001b[2J"));
    assertEquals("two lines", Display.oneLine("two\r\nlines"));
  }

  @Test
  void aTableHoldsNoRawOverride() {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);

    Tables.print(out, List.of(List.of("OUTLET", "NOTE"), List.of("Ra\u202Edio", "x\u202E")), 20);
    out.flush();

    assertEquals("OUTLET       NOTE\nRa\\u202Edio  x\\u202E\n", text.toString().replace("\r", ""));
  }
}
