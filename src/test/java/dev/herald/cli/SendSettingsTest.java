package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.Smtp;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code send} finds its server: an option beats {@code HERALD_*} in the environment, which
 * beats {@code herald.properties}. Each losing source names a port where nothing listens, so a run
 * that used it would fail with exit 4.
 */
class SendSettingsTest {
  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  private final Map<String, String> env = new HashMap<>(Smtp.FAST_RETRIES);

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private String host() {
    return mail.getSmtp().getBindTo();
  }

  private int port() {
    return mail.getSmtp().getPort();
  }

  private void file(String host, int port) {
    TestFiles.write(
        dir,
        "herald.properties",
        "smtp.host=" + host + "\nsmtp.port=" + port + "\nsmtp.security=none\n");
  }

  private void environment(String host, int port) {
    env.put("HERALD_SMTP_HOST", host);
    env.put("HERALD_SMTP_PORT", String.valueOf(port));
  }

  private CliRun.Result send(String... options) {
    List<String> args = new ArrayList<>(List.of("send", Samples.TEMPLATE, "--yes"));
    args.addAll(List.of(options));
    return CliRun.in(dir).env(env).run(args.toArray(String[]::new));
  }

  private void assertAllSent(CliRun.Result r) {
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(15, mail.getReceivedMessages().length, r::toString);
    assertContains(r.out(), "via " + host() + ":" + port());
  }

  @Test
  void theFileAloneIsEnough() {
    file(host(), port());

    assertAllSent(send());
  }

  @Test
  void theEnvironmentBeatsTheFile() {
    file(host(), Smtp.closedPort());
    environment(host(), port());

    assertAllSent(send());
  }

  @Test
  void anOptionBeatsTheEnvironmentAndTheFile() {
    file(host(), Smtp.closedPort());
    environment(host(), Smtp.closedPort());

    assertAllSent(send("--smtp-host", host(), "--smtp-port", String.valueOf(port())));
  }

  @Test
  void eachSettingIsTakenFromWhereverItIsGiven() {
    // host from an option, port from the environment, security from the file
    file("127.0.0.1", Smtp.closedPort());
    env.put("HERALD_SMTP_PORT", String.valueOf(port()));

    assertAllSent(send("--smtp-host", host()));
  }

  @Test
  void theLosingSourceReallyIsUnusable() {
    file(host(), Smtp.closedPort());

    CliRun.Result r = send();

    assertEquals(4, r.exitCode(), r::toString);
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void aPortThatIsNotANumberNamesWhereItCameFrom() {
    file(host(), port());
    env.put("HERALD_SMTP_PORT", "smtp");

    CliRun.Result r = send();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "HERALD_SMTP_PORT: 'smtp' is not a port number");
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void connectionsOutOfRangeNamesTheOptionGiven() {
    CliRun.Result r = send("--smtp-host", host(), "--connections", "0");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "--connections: '0' must be a whole number from 1 to 64");
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void connectionsOutOfRangeFromTheEnvironmentNamesTheVariable() {
    file(host(), port());
    env.put("HERALD_SMTP_CONNECTIONS", "99");

    CliRun.Result r = send();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "HERALD_SMTP_CONNECTIONS: '99' must be a whole number from 1 to 64");
  }

  @Test
  void theRateAndConnectionsComeFromTheFileToo() {
    TestFiles.write(
        dir,
        "herald.properties",
        "smtp.host="
            + host()
            + "\nsmtp.port="
            + port()
            + "\nsmtp.security=none\nsmtp.connections=2\nsmtp.rate=6000/min\n");

    assertAllSent(send());
  }
}
