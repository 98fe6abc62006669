package dev.herald.signin;

import dev.herald.HeraldException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The OAuth2 client-credentials grant (RFC 6749 section 4.4): herald asks the token endpoint for an
 * access token with its client id and secret. This is how Microsoft 365 app-only SMTP and IMAP sign
 * in. The secret is sent in the form body (section 2.3.1), which Microsoft requires.
 */
public record ClientCredentials(
    URI tokenUrl, String clientId, char[] secret, String scope, String prefix, Duration timeout)
    implements TokenSource {

  /** A token response larger than this is not one. */
  private static final int MAX_CHARS = 1 << 20;

  @Override
  public char[] fetch() {
    String form =
        "grant_type=client_credentials"
            + "&client_id="
            + enc(clientId)
            + "&client_secret="
            + enc(new String(secret))
            + (scope == null ? "" : "&scope=" + enc(scope));
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(tokenUrl)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw HeraldException.undeliverable(
          "cannot get an access token from "
              + where()
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + blank(e.getMessage()))
              + ". Check "
              + prefix
              + ".token-url and that the endpoint is reachable. Nothing was sent.",
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HeraldException(1, "interrupted while asking for an access token");
    }
    String body = response.body() == null ? "" : response.body();
    Map<String, Object> json =
        body.length() > MAX_CHARS ? null : TokenResponse.parse(body).orElse(null);
    if (response.statusCode() != 200) {
      // RFC 6749 section 5.2: "error" and "error_description" say why
      String why =
          json == null
              ? ""
              : ": "
                  + text(json.get("error"))
                  + (json.get("error_description") == null
                      ? ""
                      : " (" + text(json.get("error_description")) + ")");
      throw HeraldException.undeliverable(
          "the token endpoint "
              + where()
              + " refused the client-credentials grant with HTTP "
              + response.statusCode()
              + why
              + ". Check "
              + prefix
              + ".client-id, "
              + prefix
              + ".scope and "
              + secretName()
              + ". Nothing was sent.",
          null);
    }
    Object token = json == null ? null : json.get("access_token");
    if (!(token instanceof String s) || s.isBlank()) {
      throw HeraldException.undeliverable(
          "the token endpoint "
              + where()
              + " answered without an access_token (is "
              + prefix
              + ".token-url the OAuth2 token endpoint?). Nothing was sent.",
          null);
    }
    return s.strip().toCharArray();
  }

  private String where() {
    return tokenUrl.getScheme() + "://" + tokenUrl.getAuthority() + tokenUrl.getPath();
  }

  private String secretName() {
    return "HERALD_" + prefix.toUpperCase(Locale.ROOT) + "_CLIENT_SECRET";
  }

  private String text(Object o) {
    return dev.herald.Display.reply(blank(String.valueOf(o)));
  }

  /** An endpoint that echoes the secret must not get it into a message. */
  private String blank(String s) {
    return secret.length == 0 ? s : s.replace(new String(secret), "(client secret)");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String describe() {
    return "the client-credentials grant at " + where();
  }

  @Override
  public String toString() {
    return "ClientCredentials[" + where() + ", " + clientId + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientCredentials c
        && c.tokenUrl.equals(tokenUrl)
        && c.clientId.equals(clientId);
  }

  @Override
  public int hashCode() {
    return tokenUrl.hashCode() * 31 + clientId.hashCode();
  }
}
