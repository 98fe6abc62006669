package dev.herald.cli;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.identity.EmailAddress;
import dev.herald.mailserver.SenderDns;
import dev.herald.mailserver.SenderDns.Finding;
import dev.herald.template.Template;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deliverability part of {@code check --server}: the SPF, DMARC and DKIM records of every From
 * domain the release's variants send from. Warnings only: a missing record makes mail land in spam,
 * it does not make a send fail, so the exit code is the servers' and the contacts'.
 */
final class SenderDnsReport {
  private SenderDnsReport() {}

  /** Each question to DNS waits at most this long (the provider asks twice). */
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static final Pattern ANGLE = Pattern.compile("<([^<>]*)>\\s*$");

  private static final Pattern SERVER =
      Pattern.compile("([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}))?");
  private static final Pattern SELECTOR =
      Pattern.compile(
          "[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*");

  /**
   * Checks {@code dns.server} (host[:port]) and {@code dkim.selector} (DNS labels) whichever
   * command runs, so that a mistyped value fails a dry run as it would fail {@code check --server}.
   */
  static void validate(Settings settings) {
    String server = settings.get(null, "dns.server");
    if (server != null) {
      Matcher m = SERVER.matcher(server);
      if (!m.matches() || m.group(2) != null && !validPort(m.group(2))) {
        throw HeraldException.input(
            settings.source(null, "dns.server")
                + ": '"
                + Display.oneLine(server)
                + "' is not a DNS server's host[:port]");
      }
    }
    String selector = settings.get(null, "dkim.selector");
    if (selector != null && !SELECTOR.matcher(selector).matches()) {
      throw HeraldException.input(
          settings.source(null, "dkim.selector")
              + ": '"
              + Display.oneLine(selector)
              + "' is not a DKIM selector (letters, digits, - and _, in labels separated by"
              + " dots)");
    }
  }

  private static boolean validPort(String p) {
    int port = Integer.parseInt(p);
    return port >= 1 && port <= 65535;
  }

  /** Looks up and prints the records of each From domain; returns how many warnings it printed. */
  static int print(PrintWriter out, LoadedCampaign campaign, Settings settings) {
    Optional<String> selector =
        Optional.ofNullable(settings.get(null, "dkim.selector"))
            .map(String::strip)
            .filter(s -> !s.isEmpty());
    SenderDns dns = new SenderDns(settings.get(null, "dns.server"), TIMEOUT);
    int warnings = 0;
    for (String domain : domains(campaign, out)) {
      for (Finding f : dns.check(domain, selector)) {
        String line = f.text();
        switch (f.level()) {
          case OK -> out.println(line);
          case WARNING -> {
            out.println("Warning: " + line);
            warnings++;
          }
          case UNREACHABLE -> out.println(line);
        }
      }
    }
    return warnings;
  }

  /**
   * The From domains of the base template and its variants in their DNS (ASCII) form, each once. A
   * From whose domain is a placeholder is named and left out: it has no one domain to look up.
   */
  static Set<String> domains(LoadedCampaign campaign, PrintWriter out) {
    Set<String> domains = new LinkedHashSet<>();
    for (Template t : campaign.templates().all()) {
      String from = t.header("from").text().strip();
      Matcher m = ANGLE.matcher(from);
      String address = m.find() ? m.group(1).strip() : from;
      String domain = EmailAddress.domain(address);
      if (domain.isEmpty() || domain.contains("{{")) {
        out.println(
            "DNS: the From of "
                + Display.path(t.file())
                + " ("
                + Display.oneLine(from)
                + ") has no fixed domain; its SPF, DMARC and DKIM are not checked");
        continue;
      }
      domains.add(EmailAddress.domain(EmailAddress.ascii(address)));
    }
    return domains;
  }
}
