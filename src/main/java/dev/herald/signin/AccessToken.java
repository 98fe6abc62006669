package dev.herald.signin;

import dev.herald.HeraldException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The access token a run signs in with, shared by its connections: fetched on first use, and
 * fetched again when the server refuses it (it expired mid-run). {@link #toString()} names the
 * source only.
 */
public final class AccessToken {
  private final TokenSource source;
  private final String protocol;
  private char[] current;

  /** {@code protocol} is "smtp" or "imap", for messages. */
  public AccessToken(TokenSource source, String protocol) {
    this.source = source;
    this.protocol = protocol;
  }

  public TokenSource source() {
    return source;
  }

  /** The token to sign in with, fetched now if none was yet. */
  public synchronized String current() {
    if (current == null) {
      current = nonEmpty(source.fetch());
    }
    return new String(current);
  }

  /**
   * A token to use after the server refused {@code refused}: the one another connection fetched
   * meanwhile, else a freshly fetched one.
   *
   * @throws HeraldException exit 4 when the source gives the refused token again (a token from the
   *     environment cannot be renewed by herald)
   */
  public synchronized String renew(String refused) {
    if (current != null && !Arrays.equals(current, refused.toCharArray())) {
      return new String(current);
    }
    char[] fresh = nonEmpty(source.fetch());
    if (Arrays.equals(fresh, refused.toCharArray())) {
      throw HeraldException.undeliverable(
          "the "
              + protocol.toUpperCase(Locale.ROOT)
              + " server refused the access token from "
              + source.describe()
              + ": it has expired or is not valid for this mailbox, and asking again gave the same"
              + " token. Set a fresh one (or use a token command or the client-credentials grant,"
              + " which herald can renew). Nothing was sent.",
          null);
    }
    current = fresh;
    return new String(current);
  }

  /** Whether {@code text} holds the token as last fetched, for blanking it out of messages. */
  public synchronized String blank(String text) {
    if (text == null || current == null || current.length == 0) {
      return text;
    }
    return text.replace(new String(current), "(access token)");
  }

  private char[] nonEmpty(char[] t) {
    if (t == null || t.length == 0) {
      throw HeraldException.undeliverable(
          source.describe() + " gave an empty access token. Nothing was sent.", null);
    }
    return t;
  }

  @Override
  public String toString() {
    return "AccessToken[" + source.describe() + "]";
  }
}
