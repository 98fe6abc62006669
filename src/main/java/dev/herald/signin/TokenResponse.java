package dev.herald.signin;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a token endpoint's JSON answer (RFC 6749 section 5.1): one object whose members are
 * strings, numbers, booleans or null, as RFC 8259 writes them (Gson in strict mode). Nested values
 * read as null. Anything else is not a token response, and gives nothing rather than a guess.
 */
final class TokenResponse {
  private TokenResponse() {}

  static Optional<Map<String, Object>> parse(String text) {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement answer = JsonParser.parseReader(reader);
      if (!answer.isJsonObject() || reader.peek() != JsonToken.END_DOCUMENT) {
        return Optional.empty();
      }
      Map<String, Object> members = new LinkedHashMap<>();
      answer.getAsJsonObject().asMap().forEach((name, value) -> members.put(name, plain(value)));
      return Optional.of(members);
    } catch (IOException | JsonParseException e) {
      return Optional.empty();
    }
  }

  private static Object plain(JsonElement value) {
    if (!(value instanceof JsonPrimitive p)) {
      return null;
    }
    if (p.isString()) {
      return p.getAsString();
    }
    return p.isBoolean() ? (Object) p.getAsBoolean() : new BigDecimal(p.getAsString());
  }
}
