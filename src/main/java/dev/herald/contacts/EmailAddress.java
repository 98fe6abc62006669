package dev.herald.contacts;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a contact's address: a bare addr-spec (RFC 5322 section 3.4.1) with a dot-atom local part
 * and a domain of at least two labels. Internationalised domains are accepted and checked in their
 * ASCII (punycode) form. Display names, comments, quoted local parts and IP literals are refused:
 * in a media list they are always a mistake.
 */
public final class EmailAddress {
  private static final Pattern ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+");
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private EmailAddress() {}

  /** Why the address is not usable, or empty if it is. */
  public static Optional<String> problem(String address) {
    if (address == null || address.isEmpty()) {
      return Optional.of("the email is empty");
    }
    if (!address.equals(address.strip())) {
      return Optional.of("the email '" + address.strip() + "' has spaces around it");
    }
    if (address.length() > 254) {
      return Optional.of("the email is longer than 254 characters");
    }
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return Optional.of("'" + address + "' is not an email address: it has no @");
    }
    if (address.indexOf('@') != at) {
      return Optional.of("'" + address + "' is not an email address: it has more than one @");
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    if (local.isEmpty() || local.length() > 64) {
      return Optional.of("'" + address + "' has an empty or over-long part before the @");
    }
    for (String atom : local.split("\\.", -1)) {
      if (!ATOM.matcher(atom).matches()) {
        return Optional.of("'" + address + "' has characters or dots not allowed before the @");
      }
    }
    String ascii = domain;
    if (!isAscii(domain)) {
      // an internationalised domain: checked in its punycode form (ASCII ones are checked below)
      try {
        ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
      } catch (IllegalArgumentException e) {
        return Optional.of("'" + address + "' has an invalid domain");
      }
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return Optional.of("'" + address + "' has no dot in its domain");
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.of("'" + address + "' has an invalid domain");
      }
    }
    return Optional.empty();
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * The address as it goes into an envelope and a header: an internationalised domain in its ASCII
   * (punycode) form, which every SMTP server accepts; without it the address would need SMTPUTF8.
   * An address that is already ASCII, or one whose domain IDNA refuses, is returned as it is.
   */
  public static String ascii(String address) {
    if (isAscii(address)) {
      return address;
    }
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return address;
    }
    try {
      return address.substring(0, at + 1)
          + IDN.toASCII(address.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      return address;
    }
  }

  /** The form used to compare addresses: lower-cased, as mail systems in practice treat them. */
  public static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }

  /** The domain part, lower-cased. */
  public static String domain(String address) {
    return key(address.substring(address.lastIndexOf('@') + 1));
  }
}
