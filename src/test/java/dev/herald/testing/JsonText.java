package dev.herald.testing;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What herald prints with {@code --format json}, read by Gson's {@link JsonReader} in strict mode
 * (RFC 8259) for asserting on: objects become {@code Map}s in key order, arrays {@code List}s,
 * numbers {@code Long} or {@code Double}, and {@code null} null. Anything that is not exactly one
 * JSON value, with nothing but whitespace around it, or an object with a key twice, fails the test.
 * (Gson's {@code JsonParser} would keep the last of two equal keys without a word.)
 */
public final class JsonText {
  private JsonText() {}

  /** The value {@code text} holds. */
  public static Object parse(String text) {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      Object value = value(reader, text);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new AssertionError("not valid JSON (text after the value): " + text);
      }
      return value;
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw new AssertionError("not valid JSON (" + e.getMessage() + "): " + text, e);
    }
  }

  /** The object {@code text} holds. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(String text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new AssertionError("not a JSON object: " + text);
    }
    return (Map<String, Object>) value;
  }

  private static Object value(JsonReader r, String text) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        r.beginObject();
        while (r.hasNext()) {
          String key = r.nextName();
          if (map.containsKey(key)) {
            throw new AssertionError("not valid JSON (the key '" + key + "' twice): " + text);
          }
          map.put(key, value(r, text));
        }
        r.endObject();
        return map;
      }
      case BEGIN_ARRAY -> {
        List<Object> list = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
          list.add(value(r, text));
        }
        r.endArray();
        return list;
      }
      case STRING -> {
        return r.nextString();
      }
      case NUMBER -> {
        String n = r.nextString();
        return n.contains(".") || n.contains("e") || n.contains("E")
            ? (Object) Double.parseDouble(n)
            : (Object) Long.parseLong(n);
      }
      case BOOLEAN -> {
        return r.nextBoolean();
      }
      case NULL -> {
        r.nextNull();
        return null;
      }
      default -> throw new AssertionError("not valid JSON (a value expected): " + text);
    }
  }
}
