package dev.herald.signin;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a token endpoint's JSON answer (RFC 6749 section 5.1): one object whose members are
 * strings, numbers, booleans or null, as RFC 8259 writes them. Nested values are skipped. Anything
 * else is not a token response, and gives nothing rather than a guess.
 */
final class TokenResponse {
  private final String s;
  private int i;

  private TokenResponse(String s) {
    this.s = s;
  }

  static Optional<Map<String, Object>> parse(String text) {
    try {
      TokenResponse r = new TokenResponse(text);
      r.space();
      Map<String, Object> m = r.object();
      r.space();
      return r.i == text.length() ? Optional.of(m) : Optional.empty();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private Map<String, Object> object() {
    expect('{');
    Map<String, Object> m = new LinkedHashMap<>();
    space();
    if (peek() == '}') {
      i++;
      return m;
    }
    while (true) {
      space();
      String key = string();
      space();
      expect(':');
      space();
      m.put(key, value());
      space();
      char c = s.charAt(i++);
      if (c == '}') {
        return m;
      }
      if (c != ',') {
        throw new IllegalArgumentException();
      }
    }
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '{') {
      object();
      return null;
    }
    if (c == '[') {
      i++;
      space();
      if (peek() == ']') {
        i++;
        return null;
      }
      while (true) {
        space();
        value();
        space();
        char d = s.charAt(i++);
        if (d == ']') {
          return null;
        }
        if (d != ',') {
          throw new IllegalArgumentException();
        }
      }
    }
    for (String word : new String[] {"true", "false", "null"}) {
      if (s.startsWith(word, i)) {
        i += word.length();
        return word.equals("null") ? null : Boolean.valueOf(word);
      }
    }
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    if (start == i) {
      throw new IllegalArgumentException();
    }
    return new BigDecimal(s.substring(start, i));
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = s.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw new IllegalArgumentException();
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> throw new IllegalArgumentException();
      }
    }
  }

  private char peek() {
    return s.charAt(i);
  }

  private void expect(char c) {
    if (s.charAt(i++) != c) {
      throw new IllegalArgumentException();
    }
  }

  private void space() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }
}
