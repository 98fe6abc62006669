package dev.herald.mailserver;

import dev.herald.HeraldException;
import java.util.Locale;

/** How the connection to a mail server is protected. */
public enum Security {
  /** Plain connection upgraded with STARTTLS; refuses to go on in the clear. */
  STARTTLS,
  /** TLS from the first byte (SMTPS on 465, IMAPS on 993). */
  SSL,
  /** No encryption: for a relay on loopback or a private network only. */
  NONE;

  public static Security parse(String value, String source) {
    if (value == null) {
      return null;
    }
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw HeraldException.input(
          source + ": '" + value + "' is not a security mode; use starttls, ssl or none");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
