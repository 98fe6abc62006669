package dev.herald.signin;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OAuth2 client-credentials grant against a real OAuth2 server (mock-oauth2-server, started
 * here), the token it issues then used for XOAUTH2 with GreenMail. GreenMail runs without
 * authentication, so it records the token it was given as the user's password: the test can then
 * check that it is the token the OAuth2 server signed for herald's client id.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientCredentialsTest {
  static final String SECRET = "client-secret-9b1e4f77";
  static final String CLIENT = "herald-app-0001";

  @RegisterExtension
  final GreenMailExtension mail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @TempDir Path dir;
  MockOAuth2Server oauth;

  @BeforeEach
  void start() {
    Samples.copyTo(dir);
    oauth = new MockOAuth2Server();
    oauth.start();
  }

  @AfterEach
  void stop() {
    oauth.shutdown();
  }

  private void settings(String tokenUrl) throws Exception {
    Files.writeString(
        dir.resolve("herald.properties"),
        "smtp.auth = xoauth2\n"
            + "smtp.token-url = "
            + tokenUrl
            + "\n"
            + "smtp.client-id = "
            + CLIENT
            + "\n"
            + "smtp.scope = https://outlook.office365.com/.default\n");
  }

  private CliRun.Result send(Map<String, String> env, String... more) {
    String[] base =
        Smtp.send(mail.getSmtp().getBindTo(), mail.getSmtp().getPort(), "--smtp-user", "press");
    String[] args =
        java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
            .toArray(String[]::new);
    return CliRun.in(dir).env(env).run(args);
  }

  @Test
  void theGrantsTokenSignsIn() throws Exception {
    settings(oauth.tokenEndpointUrl("tenant").toString());

    CliRun.Result r = send(Map.of("HERALD_OAUTH_CLIENT_SECRET", SECRET));

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, mail.getReceivedMessages().length);
    RecordedRequest grant = oauth.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(grant);
    assertEquals("POST", grant.getMethod());
    Map<String, String> form = form(grant.getBody().readUtf8());
    assertEquals("client_credentials", form.get("grant_type"));
    assertEquals(CLIENT, form.get("client_id"));
    assertEquals(SECRET, form.get("client_secret"));
    assertEquals("https://outlook.office365.com/.default", form.get("scope"));
    // the password GreenMail recorded is the token the OAuth2 server signed for this client
    String used = mail.getUserManager().getUser("press").getPassword();
    SignedJWT jwt = SignedJWT.parse(used);
    assertEquals(oauth.issuerUrl("tenant").toString(), jwt.getJWTClaimsSet().getIssuer());
    assertEquals(CLIENT, jwt.getJWTClaimsSet().getSubject());
    assertFalse(r.all().contains(used), r::toString);
    assertFalse(r.all().contains(SECRET), r::toString);
  }

  @Test
  void aPerKindSecretWinsOverTheSharedOne() throws Exception {
    settings(oauth.tokenEndpointUrl("tenant").toString());
    Map<String, String> env = new HashMap<>();
    env.put("HERALD_SMTP_CLIENT_SECRET", SECRET);
    env.put("HERALD_OAUTH_CLIENT_SECRET", "the-shared-one");

    CliRun.Result r = send(env);

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(SECRET, form(oauth.takeRequest().getBody().readUtf8()).get("client_secret"));
  }

  @Test
  void anUnreachableTokenEndpointIsExitFourWithoutTheSecret() throws Exception {
    settings("http://127.0.0.1:" + Smtp.closedPort() + "/tenant/token");

    CliRun.Result r = send(Map.of("HERALD_OAUTH_CLIENT_SECRET", SECRET), "--stacktrace");

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "cannot get an access token from http://127.0.0.1:");
    assertFalse(r.all().contains(SECRET), r::toString);
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void aRefusedGrantIsExitFourWithTheEndpointsReason() throws Exception {
    // the issuer's key set is no token endpoint: it refuses the POST
    settings(oauth.jwksUrl("tenant").toString());

    CliRun.Result r = send(Map.of("HERALD_OAUTH_CLIENT_SECRET", SECRET));

    assertEquals(4, r.exitCode(), r::toString);
    assertFalse(r.all().contains(SECRET), r::toString);
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void aTokenUrlInTheClearToAnotherHostIsRefused() throws Exception {
    settings("http://login.example.org/tenant/oauth2/v2.0/token");

    CliRun.Result r = send(Map.of("HERALD_OAUTH_CLIENT_SECRET", SECRET));

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "is not an https:// URL");
  }

  @Test
  void noSecretIsAnInputErrorNamingBothVariables() throws Exception {
    settings(oauth.tokenEndpointUrl("tenant").toString());

    CliRun.Result r = send(Map.of());

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "HERALD_SMTP_CLIENT_SECRET or HERALD_OAUTH_CLIENT_SECRET");
  }

  private static Map<String, String> form(String body) {
    Map<String, String> m = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      m.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }
}
