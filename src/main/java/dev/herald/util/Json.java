package dev.herald.util;

import com.google.gson.stream.JsonWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Map;

/**
 * herald's machine-readable output (maps, lists, strings, numbers, booleans, null), written with
 * Gson's {@link JsonWriter} two spaces to a level, so that CI jobs can parse what a command did.
 * Other values are written as their {@code toString()}, as strings.
 */
public final class Json {
  private Json() {}

  /** {@code value} as JSON text, without a line end. */
  public static String write(Object value) {
    StringWriter text = new StringWriter();
    try {
      JsonWriter w = writer(text);
      value(w, value);
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  /**
   * Writes one JSON object member by member as it becomes known, laid out as {@link #write} lays it
   * out, so that a list of any length (one row per contact) never has to be held in memory. Values
   * are written as {@link #write} writes them.
   */
  public static final class Streamed {
    private final PrintWriter out;
    private final JsonWriter json;

    /** Starts the object on {@code out}. */
    public Streamed(PrintWriter out) {
      this.out = out;
      this.json = writer(out);
      run(json::beginObject);
    }

    /** Writes {@code "name": value}. */
    public Streamed member(String name, Object value) {
      run(() -> value(json.name(name), value));
      return this;
    }

    /** Starts the array member {@code name}; its elements follow with {@link #element}. */
    public Streamed beginArray(String name) {
      run(() -> json.name(name).beginArray());
      return this;
    }

    /** Writes the next element of the array begun last. */
    public Streamed element(Object value) {
      run(() -> value(json, value));
      return this;
    }

    /** Ends the array begun last. */
    public Streamed endArray() {
      run(json::endArray);
      return this;
    }

    /** Ends the object and the line. */
    public void end() {
      run(json::endObject);
      out.println();
      out.flush();
    }

    private interface Step {
      Object run() throws IOException;
    }

    // A PrintWriter never throws (it keeps its error for checkError), so neither does this.
    private static void run(Step step) {
      try {
        step.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static JsonWriter writer(Writer out) {
    JsonWriter w = new JsonWriter(new LongControlEscapes(out));
    w.setIndent("  ");
    return w;
  }

  private static JsonWriter value(JsonWriter w, Object v) throws IOException {
    if (v == null) {
      return w.nullValue();
    } else if (v instanceof String s) {
      return w.value(s);
    } else if (v instanceof Number n) {
      return w.value(n);
    } else if (v instanceof Boolean b) {
      return w.value(b);
    } else if (v instanceof Map<?, ?> m) {
      w.beginObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        value(w.name(String.valueOf(e.getKey())), e.getValue());
      }
      return w.endObject();
    } else if (v instanceof Collection<?> c) {
      w.beginArray();
      for (Object o : c) {
        value(w, o);
      }
      return w.endArray();
    }
    return w.value(String.valueOf(v));
  }

  /**
   * Gson escapes U+0008 and U+000C as {@code \b} and {@code \f}; herald has always written them as
   * {@code \u0008} and {@code \u000c}, and scripts compare its output byte for byte. Outside a
   * string Gson writes no backslash, and inside one a backslash always starts an escape, so the
   * character after each lone backslash is the escape's letter.
   */
  private static final class LongControlEscapes extends FilterWriter {
    private boolean escape;

    LongControlEscapes(Writer out) {
      super(out);
    }

    @Override
    public void write(int c) throws IOException {
      if (escape) {
        escape = false;
        out.write(c == 'b' ? "u0008" : c == 'f' ? "u000c" : String.valueOf((char) c));
      } else {
        escape = c == '\\';
        out.write(c);
      }
    }

    @Override
    public void write(char[] b, int off, int len) throws IOException {
      write(new String(b, off, len), 0, len);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      int from = off;
      for (int i = off; i < off + len; i++) {
        if (escape || s.charAt(i) == '\\') {
          out.write(s, from, i - from);
          write(s.charAt(i));
          from = i + 1;
        }
      }
      out.write(s, from, off + len - from);
    }
  }
}
