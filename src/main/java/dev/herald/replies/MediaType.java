package dev.herald.replies;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.ContentUtil;

/** A Content-Type value, parsed leniently by mime4j: lower-case type and parameter names. */
record MediaType(String type, Map<String, String> parameters) {

  private static final int MAX_PARAMETERS = 50;

  /** Plain text in US-ASCII: what RFC 2045 section 5.2 says a missing or invalid type means. */
  static final MediaType DEFAULT = new MediaType("text/plain", Map.of());

  MediaType {
    parameters = Map.copyOf(parameters);
  }

  static MediaType of(String header) {
    if (header == null) {
      return DEFAULT;
    }
    ByteSequence value = ContentUtil.encode(header.replace("\r", "").replace("\n", ""));
    RawBody body = RawFieldParser.DEFAULT.parseRawBody(value, new ParserCursor(0, value.length()));
    String type = body.getValue() == null ? "" : body.getValue().strip().toLowerCase(Locale.ROOT);
    int slash = type.indexOf('/');
    if (slash <= 0 || slash == type.length() - 1) {
      return DEFAULT;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (NameValuePair pair : body.getParams()) {
      String name = pair.getName() == null ? "" : pair.getName().strip();
      if (!name.isEmpty() && parameters.size() < MAX_PARAMETERS) {
        String parameter = pair.getValue() == null ? "" : pair.getValue().strip();
        parameters.putIfAbsent(name.toLowerCase(Locale.ROOT), parameter);
      }
    }
    return new MediaType(type, parameters);
  }

  boolean is(String other) {
    return type.equals(other);
  }

  boolean isMultipart() {
    return type.startsWith("multipart/");
  }

  String parameter(String name) {
    return parameters.getOrDefault(name, "");
  }
}
