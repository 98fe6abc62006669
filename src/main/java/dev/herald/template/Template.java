package dev.herald.template;

import dev.herald.Problem;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One language variant of a release, compiled: its header values and body as {@link Snippet}s, and
 * the campaign-wide settings (campaign id, {@link Schedule}) read from its header block.
 */
public final class Template {
  private static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final TemplateFile source;
  private final String language;
  private final String campaign;
  private final Schedule schedule;
  private final Map<String, Snippet> headers;
  private final List<Snippet> attachments;
  private final List<Long> attachmentLines;
  private final Snippet body;

  private Template(
      TemplateFile source,
      String language,
      String campaign,
      Schedule schedule,
      Map<String, Snippet> headers,
      List<Snippet> attachments,
      List<Long> attachmentLines,
      Snippet body) {
    this.source = source;
    this.language = language;
    this.campaign = campaign;
    this.schedule = schedule;
    this.headers = headers;
    this.attachments = attachments;
    this.attachmentLines = attachmentLines;
    this.body = body;
  }

  /**
   * This variant with the default file's schedule (Send-At, Send-Until, Embargo, Embargo-Subject)
   * where it gives none of its own: the schedule is the release's, written once in the default
   * file.
   */
  Template withScheduleOf(Template base) {
    Schedule merged = schedule.orElse(base.schedule);
    if (merged.equals(schedule)) {
      return this;
    }
    return new Template(
        source, language, campaign, merged, headers, attachments, attachmentLines, body);
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
        case "campaign", "send-at", "send-until", "embargo", "embargo-subject" -> {
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
        default -> {
          if (CustomHeaders.allowed(h.key())) {
            problems.addAll(CustomHeaders.check(file, h, s));
          }
          headers.put(h.key(), s);
        }
      }
    }
    problems.addAll(MarkdownImages.problems(src));
    problems.addAll(FollowUpHeader.problems(src));
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
    Schedule schedule =
        new Schedule(
            dateTime(src.header("send-at"), file, problems),
            dateTime(src.header("send-until"), file, problems),
            dateTime(src.header("embargo"), file, problems),
            yesOrNo(src.header("embargo-subject"), file, problems));
    if (language.isEmpty()) {
      // a variant's schedule is the default file's (TemplateSet refuses one that differs)
      problems.addAll(schedule.problems(src));
    }
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
        schedule,
        Map.copyOf(headers),
        List.copyOf(attachments),
        List.copyOf(attachmentLines),
        body);
  }

  /**
   * ISO-8601 date and time, then an offset, a bracketed zone, or both: {@code
   * 2026-12-01T09:00:00+01:00}, {@code 2026-12-01T09:00:00[Europe/Brussels]}, {@code
   * 2026-12-01T09:00:00+01:00[Europe/Brussels]}.
   */
  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffsetId()
          .optionalEnd()
          .optionalStart()
          .appendLiteral('[')
          .parseCaseSensitive()
          .appendZoneRegionId()
          .appendLiteral(']')
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private static final String EXAMPLES =
      " such as 2026-12-01T09:00:00+01:00 or 2026-12-01T09:00:00[Europe/Brussels]";

  private static Optional<ZonedDateTime> dateTime(
      TemplateFile.Header h, Path file, List<Problem> problems) {
    if (h == null) {
      return Optional.empty();
    }
    String v = h.value();
    String name = displayName(h.key());
    try {
      ZonedDateTime at = zoned(v);
      return Optional.of(at);
    } catch (DateTimeParseException e) {
      problems.add(
          new Problem(
              file,
              h.line(),
              h.valueColumn(),
              name
                  + ": '"
                  + v
                  + "' is not an ISO-8601 date-time with an offset or zone,"
                  + EXAMPLES));
    } catch (DateTimeException e) {
      problems.add(new Problem(file, h.line(), h.valueColumn(), name + ": " + e.getMessage()));
    }
    return Optional.empty();
  }

  /** {@code true} or {@code false}, in any case; anything else is a problem naming the header. */
  private static Optional<Boolean> yesOrNo(
      TemplateFile.Header h, Path file, List<Problem> problems) {
    if (h == null) {
      return Optional.empty();
    }
    String v = h.value().strip().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Optional.of(v.equals("true"));
    }
    problems.add(
        new Problem(
            file,
            h.line(),
            h.valueColumn(),
            displayName(h.key()) + ": '" + h.value() + "' must be true or false"));
    return Optional.empty();
  }

  /**
   * Reads a date-time with an offset, a zone or both. With both, the offset must be the zone's at
   * that time: {@code 2027-07-01T09:00:00+01:00[Europe/Brussels]} is refused (Brussels is at +02:00
   * in July), where the JDK would silently move it to 10:00. With a zone only, a time that the
   * clocks skip or pass twice is refused rather than guessed.
   *
   * @throws DateTimeParseException if {@code v} is not of that shape
   * @throws DateTimeException with a message for the template author if offset and zone disagree
   */
  static ZonedDateTime zoned(String v) {
    TemporalAccessor t = DATE_TIME.parse(v.strip());
    LocalDateTime local = LocalDateTime.from(t);
    ZoneOffset offset = t.query(TemporalQueries.offset());
    ZoneId zone = t.query(TemporalQueries.zoneId());
    if (zone == null && offset == null) {
      throw new DateTimeParseException("no offset or zone", v, v.length());
    }
    if (zone == null) {
      return ZonedDateTime.of(local, offset);
    }
    List<ZoneOffset> valid = zone.getRules().getValidOffsets(local);
    if (offset != null) {
      if (!valid.contains(offset)) {
        throw new DateTimeException(
            "'"
                + v
                + "': the offset "
                + offset
                + " is not "
                + zone
                + "'s on "
                + local.toLocalDate()
                + (valid.isEmpty()
                    ? " (the clocks skip that time there)"
                    : " (it is " + valid.get(valid.size() - 1) + ")")
                + "; write the zone's offset, or the zone alone");
      }
      return ZonedDateTime.ofStrict(local, offset, zone);
    }
    if (valid.isEmpty()) {
      throw new DateTimeException(
          "'" + v + "': " + local + " does not exist in " + zone + " (the clocks skip it)");
    }
    if (valid.size() > 1) {
      throw new DateTimeException(
          "'"
              + v
              + "': "
              + local
              + " happens twice in "
              + zone
              + " (the clocks go back); add the offset meant, "
              + valid.get(0)
              + " or "
              + valid.get(1));
    }
    return ZonedDateTime.ofStrict(local, valid.get(0), zone);
  }

  /** A header key as the template author writes it: {@code send-at} is {@code Send-At}. */
  static String displayName(String key) {
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
    return schedule.sendAt();
  }

  public Optional<ZonedDateTime> embargo() {
    return schedule.embargo();
  }

  /**
   * Send-At, Send-Until, Embargo and Embargo-Subject, the default file's where this one has none.
   */
  public Schedule schedule() {
    return schedule;
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
    for (TemplateFile.Header h : customHeaders()) {
      m.put(h.key(), headers.get(h.key()));
    }
    for (int i = 0; i < attachments.size(); i++) {
      m.put("attachment#" + i, attachments.get(i));
    }
    return m;
  }

  /** The template's own X-… and List-Id headers ({@link CustomHeaders}), in the order written. */
  public List<TemplateFile.Header> customHeaders() {
    return source.headers().stream().filter(h -> CustomHeaders.allowed(h.key())).toList();
  }
}
