package dev.herald.signin;

/**
 * Where an access token comes from. {@link #fetch()} asks for a token now; {@link #describe()}
 * names the source for messages, never the token.
 */
public sealed interface TokenSource
    permits TokenSource.FromEnvironment, TokenCommand, ClientCredentials {

  /**
   * A token now.
   *
   * @throws dev.herald.HeraldException exit 4 when no token can be had
   */
  char[] fetch();

  /** The source, for messages: "HERALD_SMTP_TOKEN", "the token command (smtp.token-command)". */
  String describe();

  /** A token set in the environment (a CI secret): fetching it again gives the same token. */
  record FromEnvironment(String name, char[] token) implements TokenSource {
    @Override
    public char[] fetch() {
      return token.clone();
    }

    @Override
    public String describe() {
      return name;
    }

    @Override
    public String toString() {
      return "FromEnvironment[" + name + "]";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FromEnvironment f && f.name.equals(name);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }
}
