package dev.herald.template;

import java.util.ArrayList;
import java.util.List;

/** Parsing the List-Unsubscribe header value of a template into its addresses (RFC 2369). */
public final class ListUnsubscribe {
  private ListUnsubscribe() {}

  /** The URIs, with or without angle brackets in the template, comma-separated. */
  public static List<String> uris(String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String p = part.strip();
      if (p.startsWith("<") && p.endsWith(">")) {
        p = p.substring(1, p.length() - 1).strip();
      }
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  /** The header value as RFC 2369 writes it: each URI in angle brackets. */
  public static String headerValue(List<String> uris) {
    StringBuilder s = new StringBuilder();
    for (String u : uris) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append('<').append(u).append('>');
    }
    return s.toString();
  }
}
