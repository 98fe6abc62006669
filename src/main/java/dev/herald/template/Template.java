package dev.herald.template;

import dev.herald.Problem;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One language variant of a release, compiled: its header values and body as {@link Snippet}s, and
 * the campaign-wide settings (campaign id, send time, embargo) read from its header block.
 */
public final class Template {
  private static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final TemplateFile source;
  private final String language;
  private final String campaign;
  private final Optional<ZonedDateTime> sendAt;
  private final Optional<ZonedDateTime> embargo;
  private final Map<String, Snippet> headers;
  private final List<Snippet> attachments;
  private final List<Long> attachmentLines;
  private final Snippet body;

  private Template(
      TemplateFile source,
      String language,
      String campaign,
      Optional<ZonedDateTime> sendAt,
      Optional<ZonedDateTime> embargo,
      Map<String, Snippet> headers,
      List<Snippet> attachments,
      List<Long> attachmentLines,
      Snippet body) {
    this.source = source;
    this.language = language;
    this.campaign = campaign;
    this.sendAt = sendAt;
    this.embargo = embargo;
    this.headers = headers;
    this.attachments = attachments;
    this.attachmentLines = attachmentLines;
    this.body = body;
  }

  /**
   * Reads and compiles a template file. {@code defaultCampaign} is used when it has no {@code
   * Campaign} header; sections may be nested at most {@code maxDepth} deep. Every problem found is
   * thrown together as a {@link TemplateException}.
   */
  public static Template load(Path file, String language, String defaultCampaign, int maxDepth) {
    TemplateFile src = TemplateFile.read(file);
    List<Problem> problems = new ArrayList<>();
    Map<String, Snippet> headers = new LinkedHashMap<>();
    List<Snippet> attachments = new ArrayList<>();
    List<Long> attachmentLines = new ArrayList<>();
    for (TemplateFile.Header h : src.headers()) {
      Snippet s;
      try {
        s = Snippet.compile(file, h.value(), h.line(), h.valueColumn(), maxDepth);
      } catch (TemplateException e) {
        problems.addAll(e.problems());
        continue;
      }
      switch (h.key()) {
        case "attachment" -> {
          if (h.value().isEmpty()) {
            problems.add(Problem.at(file, h.line(), "the Attachment header names no file"));
          }
          attachments.add(s);
          attachmentLines.add(h.line());
        }
        case "campaign", "send-at", "embargo" -> {
          if (!s.constant()) {
            problems.add(
                new Problem(
                    file,
                    h.line(),
                    h.valueColumn(),
                    "placeholders are not allowed in "
                        + h.key()
                        + ": it is the same for everyone"));
          }
          headers.put(h.key(), s);
        }
        default -> headers.put(h.key(), s);
      }
    }
    String campaign = defaultCampaign;
    TemplateFile.Header c = src.header("campaign");
    if (c != null) {
      campaign = c.value();
    }
    if (!CAMPAIGN_ID.matcher(campaign).matches()) {
      problems.add(
          Problem.at(
              file,
              c == null ? 1 : c.line(),
              "the campaign id '"
                  + campaign
                  + "' may hold only letters, digits, '.', '_' and '-' (at most 64)"
                  + (c == null ? "; add a 'Campaign:' header" : "")));
    }
    Optional<ZonedDateTime> sendAt = dateTime(src.header("send-at"), file, problems);
    Optional<ZonedDateTime> embargo = dateTime(src.header("embargo"), file, problems);
    TemplateFile.Header unsub = src.header("list-unsubscribe");
    if (unsub != null) {
      for (String uri : ListUnsubscribe.uris(unsub.value())) {
        if (!uri.startsWith("mailto:") && !uri.startsWith("https:") && !uri.contains("{{")) {
          problems.add(
              new Problem(
                  file,
                  unsub.line(),
                  unsub.valueColumn(),
                  "List-Unsubscribe takes mailto: or https: addresses, not '" + uri + "'"));
        }
      }
    }
    Snippet body = null;
    try {
      body = Snippet.compile(file, src.body(), src.bodyLine(), 1, maxDepth);
    } catch (TemplateException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      throw new TemplateException(problems);
    }
    return new Template(
        src,
        language,
        campaign,
        sendAt,
        embargo,
        Map.copyOf(headers),
        List.copyOf(attachments),
        List.copyOf(attachmentLines),
        body);
  }

  private static Optional<ZonedDateTime> dateTime(
      TemplateFile.Header h, Path file, List<Problem> problems) {
    if (h == null) {
      return Optional.empty();
    }
    String v = h.value();
    try {
      return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.ISO_ZONED_DATE_TIME));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(OffsetDateTime.parse(v).toZonedDateTime());
      } catch (DateTimeException e2) {
        problems.add(
            new Problem(
                file,
                h.line(),
                h.valueColumn(),
                displayName(h.key())
                    + ": '"
                    + v
                    + "' is not an ISO-8601 date-time with an offset or zone, such as"
                    + " 2026-12-01T09:00:00+01:00 or 2026-12-01T09:00:00+01:00[Europe/Brussels]"));
        return Optional.empty();
      }
    }
  }

  /** A header key as the template author writes it: {@code send-at} is {@code Send-At}. */
  private static String displayName(String key) {
    StringBuilder b = new StringBuilder(key.length());
    boolean up = true;
    for (char ch : key.toCharArray()) {
      b.append(up ? Character.toUpperCase(ch) : ch);
      up = ch == '-';
    }
    return b.toString();
  }

  public Path file() {
    return source.file();
  }

  public TemplateFile source() {
    return source;
  }

  /** The language code of this variant, or empty for the default template. */
  public String language() {
    return language;
  }

  public String campaign() {
    return campaign;
  }

  public Optional<ZonedDateTime> sendAt() {
    return sendAt;
  }

  public Optional<ZonedDateTime> embargo() {
    return embargo;
  }

  /** The compiled header value for a key (lower case), or null when the template has none. */
  public Snippet header(String key) {
    return headers.get(key);
  }

  public List<Snippet> attachments() {
    return attachments;
  }

  public long attachmentLine(int i) {
    return attachmentLines.get(i);
  }

  public Snippet body() {
    return body;
  }

  /** Every compiled piece, for checking the placeholders they use. */
  public List<Snippet> snippets() {
    List<Snippet> all = new ArrayList<>(headers.values());
    all.addAll(attachments);
    all.add(body);
    return all;
  }

  /** The header snippets whose values land in message headers (where CR/LF must never go). */
  public Map<String, Snippet> messageHeaders() {
    Map<String, Snippet> m = new LinkedHashMap<>();
    for (String k : List.of("subject", "from", "reply-to", "cc", "bcc", "list-unsubscribe")) {
      if (headers.containsKey(k)) {
        m.put(k, headers.get(k));
      }
    }
    for (int i = 0; i < attachments.size(); i++) {
      m.put("attachment#" + i, attachments.get(i));
    }
    return m;
  }
}
