package dev.herald.cli;

import dev.herald.Display;
import dev.herald.HeraldException;
import java.util.Locale;

/** How herald signs in to a mail server: {@code --smtp-auth}, {@code smtp.auth}, imap alike. */
enum SignIn {
  /** A user name and password (the default). */
  PASSWORD,
  /** SASL XOAUTH2 with an OAuth2 access token. */
  XOAUTH2;

  /** {@code value} as a sign-in mode (any case), null if null; {@code source} names its origin. */
  static SignIn parse(String value, String source) {
    if (value == null) {
      return null;
    }
    for (SignIn s : values()) {
      if (s.label().equalsIgnoreCase(value.strip())) {
        return s;
      }
    }
    throw HeraldException.input(
        source
            + " is 'password' (the default) or 'xoauth2' (an OAuth2 access token), not '"
            + Display.visible(value)
            + "'");
  }

  /** The name as the user writes it. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
