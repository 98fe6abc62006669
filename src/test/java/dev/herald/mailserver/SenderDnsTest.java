package dev.herald.mailserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.mailserver.SenderDns.Finding;
import dev.herald.mailserver.SenderDns.Level;
import dev.herald.testing.LoopbackDns;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPF, DMARC and DKIM looked up against a DNS server on loopback, never the internet. */
class SenderDnsTest {
  private static final String DOMAIN = "next2met.example";
  private LoopbackDns dns;
  private SenderDns lookup;

  @BeforeEach
  void start() throws Exception {
    dns = new LoopbackDns();
    lookup = new SenderDns(dns.address(), Duration.ofMillis(500));
  }

  @AfterEach
  void stop() {
    dns.close();
  }

  private List<Finding> check(String selector) {
    return lookup.check(DOMAIN, Optional.ofNullable(selector));
  }

  private static Finding about(List<Finding> findings, String prefix) {
    return findings.stream().filter(f -> f.text().startsWith(prefix)).findFirst().orElseThrow();
  }

  @Test
  void aDomainWithAllThreeRecordsIsReportedAsItIs() {
    dns.txt(DOMAIN, "v=spf1 include:spf.protection.outlook.com -all")
        .txt("_dmarc." + DOMAIN, "v=DMARC1; p=quarantine; rua=mailto:dmarc@next2met.example")
        .txt("s1._domainkey." + DOMAIN, "v=DKIM1; k=rsa; p=MIIBIjANBgkq");
    List<Finding> f = check("s1");
    assertEquals(List.of(Level.OK, Level.OK, Level.OK), f.stream().map(Finding::level).toList());
    assertEquals("SPF: v=spf1 include:spf.protection.outlook.com -all", f.get(0).text());
    assertEquals(
        "DMARC: v=DMARC1; p=quarantine; rua=mailto:dmarc@next2met.example", f.get(1).text());
    assertEquals("DKIM: a key at s1._domainkey." + DOMAIN, f.get(2).text());
  }

  @Test
  void missingRecordsAreWarningsThatSayWhyTheyMatter() {
    List<Finding> f = check("s1");
    assertEquals(
        List.of(Level.WARNING, Level.WARNING, Level.WARNING),
        f.stream().map(Finding::level).toList());
    assertTrue(about(f, "SPF").text().contains("has no SPF record"), f.toString());
    assertTrue(about(f, "SPF").text().contains("Gmail and Yahoo"), f.toString());
    assertTrue(about(f, "DMARC").text().contains("no record at _dmarc." + DOMAIN), f.toString());
    assertTrue(about(f, "DMARC").text().contains("since February 2024"), f.toString());
    assertTrue(about(f, "DKIM").text().contains("no key at s1._domainkey." + DOMAIN), f.toString());
  }

  @Test
  void otherTxtRecordsAreNotTakenForSpf() {
    dns.txt(
        DOMAIN,
        List.of("google-site-verification=abc"),
        List.of("v=spf10 is not spf"),
        List.of("MS=ms12345"));
    assertTrue(about(check(null), "SPF").text().contains("has no SPF record"));
  }

  @Test
  void twoSpfRecordsAreAPermanentError() {
    dns.txt(DOMAIN, List.of("v=spf1 a -all"), List.of("v=spf1 mx -all"));
    Finding spf = about(check(null), "SPF");
    assertEquals(Level.WARNING, spf.level());
    assertTrue(spf.text().contains("2 SPF records"), spf.text());
  }

  @Test
  void plusAllLetsAnyoneSend() {
    dns.txt(DOMAIN, "v=spf1 +all");
    Finding spf = about(check(null), "SPF");
    assertEquals(Level.WARNING, spf.level());
    assertTrue(spf.text().contains("lets anyone send"), spf.text());
  }

  @Test
  void aRecordSplitIntoSeveralStringsIsReadWhole() {
    dns.txt(DOMAIN, List.of("v=spf1 include:_spf.google.com", " include:mailgun.org", " ~all"));
    dns.txt("s1._domainkey." + DOMAIN, List.of("v=DKIM1; k=rsa; p=MIIBIj", "ANBgkqhkiG9w0BAQEF"));
    List<Finding> f = check("s1");
    assertEquals(
        "SPF: v=spf1 include:_spf.google.com include:mailgun.org ~all", about(f, "SPF").text());
    assertEquals(Level.OK, about(f, "DKIM").level());
  }

  @Test
  void aRevokedDkimKeyIsAWarning() {
    dns.txt("s1._domainkey." + DOMAIN, "v=DKIM1; p=");
    Finding dkim = about(check("s1"), "DKIM");
    assertEquals(Level.WARNING, dkim.level());
    assertTrue(dkim.text().contains("revoked"), dkim.text());
  }

  @Test
  void withoutASelectorDkimIsNotCheckedAndTheReportSaysHowToCheckIt() {
    Finding dkim = about(check(null), "DKIM");
    assertEquals(Level.OK, dkim.level());
    assertTrue(dkim.text().contains("set dkim.selector"), dkim.text());
  }

  @Test
  void dmarcFallsBackToTheOrganisationalDomain() {
    dns.txt("_dmarc." + DOMAIN, "v=DMARC1; p=reject");
    Finding dmarc = lookup.check("press." + DOMAIN, Optional.empty()).get(1);
    assertEquals(Level.OK, dmarc.level());
    assertEquals("DMARC (from " + DOMAIN + "): v=DMARC1; p=reject", dmarc.text());
  }

  @Test
  void hostileRecordTextIsShownEscapedAndCut() {
    dns.txt(DOMAIN, "v=spf1 a \u001b[2J\u202e -all " + "x".repeat(300));
    String text = about(check(null), "SPF").text();
    assertTrue(text.contains("\\u001B[2J\\u202E"), text);
    assertTrue(text.length() < 140, text);
  }

  @Test
  void aSilentServerIsOneLineAndNotAFailure() {
    dns.silent();
    List<Finding> f = check("s1");
    assertEquals(1, f.size(), f.toString());
    assertEquals(Level.UNREACHABLE, f.get(0).level());
    assertTrue(f.get(0).text().startsWith("DNS: not reachable (" + dns.address()), f.toString());
    assertTrue(f.get(0).text().endsWith("SPF, DMARC and DKIM of " + DOMAIN + " not checked"));
  }

  @Test
  void aFailingServerIsUnreachableToo() {
    dns.failing();
    List<Finding> f = check(null);
    assertEquals(1, f.size(), f.toString());
    assertEquals(Level.UNREACHABLE, f.get(0).level());
  }

  @Test
  void jndiTxtTextIsJoinedAsSpfAndDkimReadIt() {
    assertEquals("v=spf1 a -all", SenderDns.joined("\"v=spf1 a -all\""));
    assertEquals("v=DKIM1;p=AB", SenderDns.joined("v=DKIM1;p=A B"));
    assertEquals("say \"hi\"", SenderDns.joined("\"say \\\"hi\\\"\""));
    assertEquals("", SenderDns.joined(""));
  }
}
