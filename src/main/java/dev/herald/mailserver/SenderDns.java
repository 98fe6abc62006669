package dev.herald.mailserver;

import dev.herald.Display;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * The From domain's deliverability records, looked up in DNS with the JDK's own DNS provider (JNDI,
 * no extra library): SPF (RFC 7208), DMARC (RFC 7489) and, when a selector is named, the DKIM key
 * (RFC 6376). Since February 2024 Gmail and Yahoo junk or reject bulk mail from a domain without
 * them; a press release to a few hundred newsrooms is exactly such mail. Nothing here sends or
 * changes anything: it reads public records and says what is missing.
 */
public final class SenderDns {
  /** How one record looks. */
  public enum Level {
    OK,
    WARNING,
    /** DNS gave no answer: nothing was learnt, and the check goes on. */
    UNREACHABLE
  }

  /** One line of the report, with its level. */
  public record Finding(Level level, String text) {}

  private static final String GOOGLE_YAHOO =
      "Gmail and Yahoo (their 2024 sender rules) junk or reject mail from domains without it";

  private final String server;
  private final Duration timeout;

  /**
   * {@code server} is host[:port] of the DNS server to ask, or null for the system's resolvers;
   * {@code timeout} bounds each question (the provider retries once, so a silent server costs about
   * three times this).
   */
  public SenderDns(String server, Duration timeout) {
    this.server = server;
    this.timeout = timeout;
  }

  /**
   * Checks {@code domain}'s SPF and DMARC, and its DKIM key at {@code selector}._domainkey when a
   * selector is given. When DNS cannot be reached the whole report is one UNREACHABLE line.
   */
  public List<Finding> check(String domain, Optional<String> selector) {
    String d = domain.toLowerCase(Locale.ROOT);
    List<Finding> out = new ArrayList<>();
    try {
      out.add(spf(d));
      out.add(dmarc(d));
      out.add(selector.map(s -> dkim(d, s)).orElse(noSelector(d)));
    } catch (Unreachable e) {
      return List.of(
          new Finding(
              Level.UNREACHABLE,
              "DNS: not reachable ("
                  + Display.oneLine(e.getMessage())
                  + "): SPF, DMARC and DKIM of "
                  + d
                  + " not checked"));
    }
    return out;
  }

  private Finding spf(String domain) {
    List<String> spf = txt(domain).stream().filter(r -> startsWithWord(r, "v=spf1")).toList();
    if (spf.isEmpty()) {
      return new Finding(
          Level.WARNING,
          "SPF: "
              + domain
              + " has no SPF record (a TXT record \"v=spf1 ...\" naming the servers that send"
              + " for it): "
              + GOOGLE_YAHOO
              + ".");
    }
    if (spf.size() > 1) {
      return several(
          "SPF",
          domain,
          spf.size(),
          "treat that as a permanent error (RFC 7208 section 4.5), as if there were none: merge"
              + " them into one.");
    }
    String record = spf.get(0);
    if (record.toLowerCase(Locale.ROOT).matches(".*\\s\\+?all\\s*$")) {
      return new Finding(
          Level.WARNING,
          "SPF: " + show(record) + " ends in +all: it lets anyone send as " + domain + ".");
    }
    return new Finding(Level.OK, "SPF: " + show(record));
  }

  /** A warning that {@code name} has {@code count} records of a kind receivers want one of. */
  private static Finding several(String kind, String name, int count, String receivers) {
    return new Finding(
        Level.WARNING,
        kind + ": " + name + " has " + count + " " + kind + " records; receivers " + receivers);
  }

  private Finding dmarc(String domain) {
    // DMARC falls back to the organisational domain (RFC 7489 section 6.6.3). Without the
    // public suffix list herald walks up to the last two labels, which is right for .com, .pl,
    // .eu and the like, and only asks one name too many for co.uk-style suffixes.
    String at = domain;
    while (true) {
      List<String> records =
          txt("_dmarc." + at).stream().filter(r -> startsWithWord(r, "v=DMARC1")).toList();
      if (records.size() == 1) {
        String where = at.equals(domain) ? "" : " (from " + at + ")";
        return new Finding(Level.OK, "DMARC" + where + ": " + show(records.get(0)));
      }
      if (records.size() > 1) {
        return several(
            "DMARC", "_dmarc." + at, records.size(), "ignore them all (RFC 7489 section 6.6.3).");
      }
      int dot = at.indexOf('.');
      if (dot < 0 || at.indexOf('.', dot + 1) < 0) {
        break;
      }
      at = at.substring(dot + 1);
    }
    return new Finding(
        Level.WARNING,
        "DMARC: no record at _dmarc."
            + domain
            + " (a TXT record \"v=DMARC1; p=none\" is the least): Gmail and Yahoo require"
            + " one from bulk senders since February 2024.");
  }

  private Finding dkim(String domain, String selector) {
    String name = selector + "._domainkey." + domain;
    List<String> records = txt(name);
    for (String r : records) {
      String key = tag(r, "p");
      if (key != null && !key.isEmpty()) {
        return new Finding(Level.OK, "DKIM: a key at " + name);
      }
      if (key != null) {
        return new Finding(
            Level.WARNING, "DKIM: the key at " + name + " is revoked (empty p=): " + GOOGLE_YAHOO);
      }
    }
    return new Finding(
        Level.WARNING,
        "DKIM: no key at "
            + name
            + ": mail signed with selector "
            + selector
            + " fails DKIM, and "
            + GOOGLE_YAHOO.substring(0, 1).toLowerCase(Locale.ROOT)
            + GOOGLE_YAHOO.substring(1)
            + ".");
  }

  private static Finding noSelector(String domain) {
    return new Finding(
        Level.OK,
        "DKIM: not checked; set dkim.selector in herald.properties to the selector your mail"
            + " server signs "
            + domain
            + " with (the s= of a DKIM-Signature in a message it sent).");
  }

  /** The TXT records at {@code name}, each with its character-strings joined; none if absent. */
  List<String> txt(String name) {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put(Context.PROVIDER_URL, server == null ? "dns:" : "dns://" + server);
    env.put("com.sun.jndi.dns.timeout.initial", String.valueOf(Math.max(1, timeout.toMillis())));
    env.put("com.sun.jndi.dns.timeout.retries", "1");
    DirContext ctx = null;
    try {
      ctx = new InitialDirContext(env);
      Attributes attrs = ctx.getAttributes(name, new String[] {"TXT"});
      Attribute txt = attrs.get("TXT");
      List<String> out = new ArrayList<>();
      if (txt != null) {
        NamingEnumeration<?> values = txt.getAll();
        while (values.hasMore()) {
          // The provider decodes a record's bytes as ISO-8859-1; records are UTF-8 where they
          // are not ASCII, so the text is shown as the domain's owner wrote it.
          String latin1 = String.valueOf(values.next());
          out.add(
              joined(
                  new String(
                      latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
        }
      }
      return out;
    } catch (NameNotFoundException e) {
      return List.of();
    } catch (CommunicationException | ServiceUnavailableException e) {
      throw new Unreachable(server == null ? "the system's DNS servers" : server);
    } catch (NamingException e) {
      // SERVFAIL and the like: the name's records cannot be known.
      throw new Unreachable(
          (server == null ? "the system's DNS servers" : server)
              + ": "
              + (e.getExplanation() == null ? e.getClass().getSimpleName() : e.getExplanation()));
    } finally {
      if (ctx != null) {
        try {
          ctx.close();
        } catch (NamingException e) {
          // Nothing is held open after a failed close that a later lookup would miss.
        }
      }
    }
  }

  /**
   * JNDI gives a TXT record's character-strings separated by a space, each in double quotes when it
   * holds a space itself. SPF and DKIM read them joined with nothing between (RFC 7208 section 3.3,
   * RFC 6376 section 3.6.2.2), so split long records come back whole.
   */
  static String joined(String jndi) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = jndi.length();
    while (i < n) {
      char c = jndi.charAt(i);
      if (c == '"') {
        int end = i + 1;
        StringBuilder part = new StringBuilder();
        while (end < n && jndi.charAt(end) != '"') {
          if (jndi.charAt(end) == '\\' && end + 1 < n) {
            end++;
          }
          part.append(jndi.charAt(end));
          end++;
        }
        out.append(part);
        i = end + 1;
      } else if (c == ' ') {
        i++;
      } else {
        int end = jndi.indexOf(' ', i);
        end = end < 0 ? n : end;
        out.append(jndi, i, end);
        i = end;
      }
    }
    return out.toString();
  }

  private static boolean startsWithWord(String record, String word) {
    String r = record.strip();
    return r.regionMatches(true, 0, word, 0, word.length())
        && (r.length() == word.length()
            || r.charAt(word.length()) == ' '
            || r.charAt(word.length()) == ';');
  }

  /** The value of tag {@code name} in a DKIM or DMARC tag list, or null when absent. */
  static String tag(String record, String name) {
    for (String part : record.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(name)) {
        return part.substring(eq + 1).replaceAll("\\s+", "");
      }
    }
    return null;
  }

  private static String show(String record) {
    String r = Display.oneLine(record);
    return r.length() > 120 ? r.substring(0, 119) + "…" : r;
  }

  /** DNS could not be asked; carries where herald asked. */
  private static final class Unreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreachable(String where) {
      super(where, null, false, false);
    }
  }
}
