package dev.herald.util;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Map;

/**
 * A small JSON writer for herald's machine-readable output (maps, lists, strings, numbers,
 * booleans, null), so that CI jobs can parse what a command did.
 */
public final class Json {
  private Json() {}

  public static String write(Object value) {
    StringBuilder s = new StringBuilder();
    write(s, value, 0);
    return s.toString();
  }

  /**
   * Writes one JSON object member by member as it becomes known, laid out as {@link #write} lays it
   * out, so that a list of any length (one row per contact) never has to be held in memory. Values
   * are written as {@link #write} writes them.
   */
  public static final class Streamed {
    private final PrintWriter out;
    private boolean firstMember = true;
    private boolean inArray;
    private boolean firstElement;

    /** Starts the object on {@code out}. */
    public Streamed(PrintWriter out) {
      this.out = out;
      out.print("{");
    }

    /** Writes {@code "name": value}. */
    public Streamed member(String name, Object value) {
      name(name);
      StringBuilder s = new StringBuilder();
      write(s, value, 2);
      out.print(s);
      return this;
    }

    /** Starts the array member {@code name}; its elements follow with {@link #element}. */
    public Streamed beginArray(String name) {
      name(name);
      out.print("[");
      inArray = true;
      firstElement = true;
      return this;
    }

    /** Writes the next element of the array begun last. */
    public Streamed element(Object value) {
      if (!inArray) {
        throw new IllegalStateException("no array begun");
      }
      StringBuilder s = new StringBuilder(firstElement ? "\n" : ",\n");
      pad(s, 4);
      write(s, value, 4);
      out.print(s);
      firstElement = false;
      return this;
    }

    /** Ends the array begun last. */
    public Streamed endArray() {
      out.print(firstElement ? "]" : "\n  ]");
      inArray = false;
      return this;
    }

    /** Ends the object and the line. */
    public void end() {
      out.println(firstMember ? "}" : "\n}");
      out.flush();
    }

    private void name(String name) {
      if (inArray) {
        throw new IllegalStateException("array not ended");
      }
      StringBuilder s = new StringBuilder(firstMember ? "\n" : ",\n");
      pad(s, 2);
      string(s, name);
      s.append(": ");
      out.print(s);
      firstMember = false;
    }
  }

  private static void write(StringBuilder s, Object v, int indent) {
    if (v == null) {
      s.append("null");
    } else if (v instanceof String str) {
      string(s, str);
    } else if (v instanceof Number || v instanceof Boolean) {
      s.append(v);
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        s.append("{}");
        return;
      }
      s.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        pad(s, indent + 2);
        string(s, String.valueOf(e.getKey()));
        s.append(": ");
        write(s, e.getValue(), indent + 2);
        s.append(++i < m.size() ? ",\n" : "\n");
      }
      pad(s, indent);
      s.append('}');
    } else if (v instanceof Collection<?> c) {
      if (c.isEmpty()) {
        s.append("[]");
        return;
      }
      s.append("[\n");
      int i = 0;
      for (Object o : c) {
        pad(s, indent + 2);
        write(s, o, indent + 2);
        s.append(++i < c.size() ? ",\n" : "\n");
      }
      pad(s, indent);
      s.append(']');
    } else {
      string(s, String.valueOf(v));
    }
  }

  private static void pad(StringBuilder s, int n) {
    s.append(" ".repeat(n));
  }

  private static void string(StringBuilder s, String v) {
    s.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    s.append('"');
  }
}
