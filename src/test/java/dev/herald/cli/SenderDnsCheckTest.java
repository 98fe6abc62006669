package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.herald.testing.CliRun;
import dev.herald.testing.LoopbackDns;
import dev.herald.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code check --server} looks up the From domain's SPF, DMARC and DKIM key, from a DNS server on
 * loopback: what is missing is a warning that says why it matters, an unreachable DNS is one line,
 * and neither changes the exit code.
 */
@Timeout(60)
class SenderDnsCheckTest {
  private static final String DOMAIN = "next2met.example";

  @TempDir Path dir;
  private LoopbackDns dns;

  @BeforeEach
  void start() throws Exception {
    Samples.copyTo(dir);
    dns = new LoopbackDns();
  }

  @AfterEach
  void stop() {
    dns.close();
  }

  private CliRun.Result check(String... more) {
    String[] args = new String[3 + more.length];
    args[0] = "check";
    args[1] = Samples.TEMPLATE;
    args[2] = "--server";
    System.arraycopy(more, 0, args, 3, more.length);
    return CliRun.in(dir).env(Map.of("HERALD_DNS_SERVER", dns.address())).run(args);
  }

  private void settings(String text) throws Exception {
    Path file = dir.resolve("herald.properties");
    String old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    Files.writeString(file, old + "\n" + text + "\n", StandardCharsets.UTF_8);
  }

  @Test
  void aWellSetUpDomainIsShownRecordByRecord() throws Exception {
    settings("dkim.selector = s1");
    dns.txt(DOMAIN, "v=spf1 include:spf.protection.outlook.com -all")
        .txt("_dmarc." + DOMAIN, "v=DMARC1; p=quarantine")
        .txt("s1._domainkey." + DOMAIN, "v=DKIM1; k=rsa; p=MIIBIjANBgkq");
    CliRun.Result r = check();
    assertEquals(0, r.exitCode(), r.toString());
    assertContains(r.out(), "SPF: v=spf1 include:spf.protection.outlook.com -all");
    assertContains(r.out(), "DMARC: v=DMARC1; p=quarantine");
    assertContains(r.out(), "DKIM: a key at s1._domainkey." + DOMAIN);
    assertFalse(r.out().contains("Warning: SPF"), r.out());
  }

  @Test
  void missingRecordsAreWarningsAndTheCheckStillPasses() {
    CliRun.Result r = check();
    assertEquals(0, r.exitCode(), r.toString());
    assertContains(r.out(), "Warning: SPF: " + DOMAIN + " has no SPF record");
    assertContains(r.out(), "Warning: DMARC: no record at _dmarc." + DOMAIN);
    assertContains(r.out(), "DKIM: not checked; set dkim.selector");
  }

  @Test
  void eachDomainIsLookedUpOnceForAllVariants() {
    CliRun.Result r = check();
    // the sample has an English and a Polish variant, both from press@next2met.example
    assertEquals(1, r.out().split("SPF: ", -1).length - 1, r.out());
  }

  @Test
  void anUnreachableDnsIsOneLineAndTheCheckGoesOn() {
    dns.silent();
    CliRun.Result r = check();
    assertEquals(0, r.exitCode(), r.toString());
    assertContains(
        r.out(), "DNS: not reachable (" + dns.address() + "): SPF, DMARC and DKIM of " + DOMAIN);
    assertContains(r.out(), "Campaign: podlaskie-digitalisation");
  }

  @Test
  void withoutServerNoDnsQuestionIsAsked() {
    CliRun.Result r =
        CliRun.in(dir)
            .env(Map.of("HERALD_DNS_SERVER", dns.address()))
            .run("check", Samples.TEMPLATE);
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(0, dns.questions());
  }

  @Test
  void aFromWhoseDomainIsAPlaceholderIsNamedAndLeftOut() throws Exception {
    Path t = dir.resolve(Samples.TEMPLATE);
    String text = Files.readString(t, StandardCharsets.UTF_8);
    Files.writeString(
        t,
        text.replace(
            "From: Next2Met Press Office <press@next2met.example>",
            "From: Next2Met Press Office <press@{{first_name}}.example>"),
        StandardCharsets.UTF_8);
    CliRun.Result r = check();
    assertContains(r.out(), "has no fixed domain; its SPF, DMARC and DKIM are not checked");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dns.server = ev il",
        "dns.server = 127.0.0.1:0",
        "dns.server = 127.0.0.1:99999",
        "dns.server = dns://1.1.1.1",
        "dkim.selector = s1._domainkey.x; rm",
        "dkim.selector = sel\\u001b[2J",
        "dkim.selector = .s1"
      })
  void aMistypedDnsSettingIsExitTwoForEveryCommand(String line) throws Exception {
    settings(line);
    for (String[] args :
        List.of(
            new String[] {"check", Samples.TEMPLATE},
            new String[] {"send", Samples.TEMPLATE, "--dry-run"})) {
      CliRun.Result r = CliRun.in(dir).run(args);
      assertEquals(2, r.exitCode(), r.toString());
      assertContains(r.err(), "herald.properties (" + line.substring(0, line.indexOf(' ')) + ")");
      assertFalse(r.all().contains("\u001b"), r.toString());
    }
    assertEquals(0, dns.questions());
  }

  @Test
  void validDnsSettingsAreAccepted() throws Exception {
    settings("dns.server = [::1]:53\ndkim.selector = selector1._sub-key");
    CliRun.Result r = CliRun.in(dir).run("check", Samples.TEMPLATE);
    assertEquals(0, r.exitCode(), r.toString());
  }
}
