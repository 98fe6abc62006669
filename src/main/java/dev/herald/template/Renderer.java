package dev.herald.template;

import dev.herald.Display;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.Problem;
import dev.herald.contacts.Contact;
import dev.herald.identity.EmailAddress;
import dev.herald.identity.MessageIds;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Merges a contact into its language variant of the release. Values go into the text part and the
 * headers exactly as written, and into the HTML part HTML-escaped and never read as Markdown: the
 * body is rendered with an opaque token in place of each value, turned into HTML by CommonMark, and
 * the tokens are then replaced by the escaped values. The token form of a body is the same for
 * every contact whose sections open the same way, so its HTML is computed once and reused.
 */
public final class Renderer {
  private static final Parser MARKDOWN = Parser.builder().build();
  private static final HtmlRenderer HTML = HtmlRenderer.builder().build();
  private static final int HTML_CACHE = 256;

  private final TemplateSet templates;
  private final FolderKey key;
  private final Attachments attachments;
  private final InputLimits limits;
  private final String token;
  private final Pattern tokenAutolink;
  private final Map<String, String> htmlCache = new ConcurrentHashMap<>();
  private final Map<String, InternetAddress> addresses = new ConcurrentHashMap<>();
  private final String linkSubject;
  private final Map<Template, String> embargoTexts = new HashMap<>();
  private final Map<Template, String> embargoNotices = new HashMap<>();

  public Renderer(
      TemplateSet templates, Attachments attachments, InputLimits limits, FolderKey key) {
    this.key = Objects.requireNonNull(key, "key");
    this.templates = templates;
    this.attachments = attachments;
    this.limits = limits;
    StringBuilder t = new StringBuilder("hrld");
    for (int i = 0; i < 8; i++) {
      t.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    this.token = t.toString();
    this.tokenAutolink = Pattern.compile("<(" + token + "(\\d+)x)>");
    this.linkSubject =
        URLEncoder.encode(
                "Interview request: " + templates.campaign() + " [ref:", StandardCharsets.UTF_8)
            .replace("+", "%20");
    // The embargo reads the same for every contact of a variant: format it once.
    for (Template v : templates.all()) {
      v.embargo()
          .ifPresent(
              e -> {
                embargoTexts.put(v, formatEmbargo(e, v.language()));
                embargoNotices.put(v, embargoNotice(v));
              });
    }
  }

  /**
   * Renders the header values and resolves the attachments only: everything that can fail for a
   * contact, at a fraction of the cost of the body.
   */
  public List<String> validate(Contact contact) {
    Template t = templates.forLanguage(contact.language());
    Map<String, Object> scope = scope(contact, t);
    Map<String, String> h =
        headers(contact, t, scope, MessageIds.ref(key, templates.campaign(), contact.email()));
    attachmentsFor(contact, t, scope);
    List<String> copies = new ArrayList<>();
    for (String k : List.of("cc", "bcc")) {
      for (InternetAddress a : copyAddresses(h.get(k))) {
        copies.add(a.getAddress());
      }
    }
    return copies;
  }

  /**
   * Which copy addresses (Cc, Bcc) are left out of every message: those on the opt-out list (never
   * mailed, ever) and those of a contact who gets the release in a message of their own (one copy
   * each). Set once the whole contact list has been read.
   */
  private volatile Predicate<String> leaveOutCopy = address -> false;

  public void leaveOutCopies(Predicate<String> leaveOut) {
    this.leaveOutCopy = Objects.requireNonNull(leaveOut);
  }

  private static InternetAddress[] copyAddresses(String list) {
    if (list == null || list.isBlank()) {
      return new InternetAddress[0];
    }
    try {
      return InternetAddress.parseHeader(list, false);
    } catch (AddressException e) {
      return new InternetAddress[0]; // refused already by the header checks
    }
  }

  /** The copy list without the addresses {@link #leaveOutCopies} names. */
  private String keptCopies(String list) {
    InternetAddress[] all = copyAddresses(list);
    List<InternetAddress> kept = new ArrayList<>();
    for (InternetAddress a : all) {
      if (!leaveOutCopy.test(a.getAddress())) {
        kept.add(a);
      }
    }
    if (kept.size() == all.length) {
      return list;
    }
    return kept.isEmpty() ? "" : InternetAddress.toString(kept.toArray(new InternetAddress[0]));
  }

  /** Structure checks already made, by template and set of empty placeholders. */
  private final Map<String, String> structureCache = new ConcurrentHashMap<>();

  /**
   * What an empty value does to the shape of the contact's HTML, or empty if nothing: {@code
   * **{{outlet}}**} with an empty outlet is a horizontal rule, {@code [x]({{website}})} a link to
   * nowhere. The body is rendered with the empty placeholders empty and again with them filled, and
   * the two compared tag by tag; the answer depends only on which placeholders are empty, so it is
   * computed once per template and set.
   */
  public Optional<String> emptyBreaks(Contact contact) {
    Template t = templates.forLanguage(contact.language());
    Map<String, Object> scope = scope(contact, t);
    TreeSet<String> empty = new TreeSet<>();
    // a column that opens a section somewhere is one the author already thought empty might be
    Set<String> sections = new HashSet<>();
    for (Placeholders.Tag tag : t.body().tags()) {
      if (tag.kind() == '#' || tag.kind() == '^') {
        sections.add(tag.name());
      }
    }
    for (Placeholders.Tag tag : t.body().tags()) {
      if (sections.contains(tag.name())) {
        continue;
      }
      if (tag.kind() == ' ' || tag.kind() == '&') {
        Object v = scope.get(tag.name());
        if (v instanceof String sv && sv.isBlank()) {
          empty.add(tag.name());
        }
      }
    }
    if (empty.isEmpty()) {
      return Optional.empty();
    }
    String key = t.file() + "\0" + String.join("\0", empty);
    String found = structureCache.get(key);
    if (found == null) {
      found = compareShapes(t, scope, empty);
      if (structureCache.size() < 1024) {
        structureCache.put(key, found);
      }
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(found);
  }

  private static final Pattern TAG_NAME = Pattern.compile("<(/?[a-zA-Z][a-zA-Z0-9]*)");
  private static final Pattern EMPTY_URL =
      Pattern.compile("\\b(href|src)=\"\"", Pattern.CASE_INSENSITIVE);

  private static String compareShapes(Template t, Map<String, Object> scope, Set<String> empty) {
    Map<String, Object> blank = new HashMap<>();
    Map<String, Object> filled = new HashMap<>();
    for (var e : scope.entrySet()) {
      if (e.getValue() instanceof String) {
        blank.put(e.getKey(), empty.contains(e.getKey()) ? "" : "x");
        filled.put(e.getKey(), "x");
      }
    }
    String withBlank = HTML.render(MARKDOWN.parse(t.body().render(blank)));
    String withFilled = HTML.render(MARKDOWN.parse(t.body().render(filled)));
    List<String> a = tagNames(withBlank);
    List<String> b = tagNames(withFilled);
    String names = "{{" + String.join("}}, {{", empty) + "}}";
    if (!a.equals(b)) {
      List<String> lost = new ArrayList<>(b);
      a.forEach(lost::remove);
      List<String> gained = new ArrayList<>(a);
      b.forEach(gained::remove);
      return "with "
          + names
          + " empty, the message's layout changes"
          + (gained.isEmpty() ? "" : " (it gains " + describe(gained) + ")")
          + (lost.isEmpty() ? "" : " (it loses " + describe(lost) + ")");
    }
    int emptyLinks = count(EMPTY_URL, withBlank) - count(EMPTY_URL, withFilled);
    if (emptyLinks > 0) {
      return "with " + names + " empty, a link or image has no address";
    }
    return "";
  }

  private static List<String> tagNames(String html) {
    List<String> names = new ArrayList<>();
    Matcher m = TAG_NAME.matcher(html);
    while (m.find()) {
      names.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    return names;
  }

  private static String describe(List<String> tags) {
    LinkedHashSet<String> opened = new LinkedHashSet<>();
    for (String tag : tags) {
      String name = tag.startsWith("/") ? tag.substring(1) : tag;
      opened.add(
          switch (name) {
            case "hr" -> "a horizontal rule";
            case "strong" -> "bold text";
            case "em" -> "italics";
            case "a" -> "a link";
            case "img" -> "an image";
            case "h1", "h2", "h3", "h4", "h5", "h6" -> "a heading";
            case "li", "ul", "ol" -> "a list";
            case "code", "pre" -> "code";
            case "p" -> "a paragraph";
            default -> "<" + name + ">";
          });
    }
    return String.join(", ", opened);
  }

  private static int count(Pattern p, String s) {
    int n = 0;
    Matcher m = p.matcher(s);
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** Renders the whole message for a contact; throws {@link RenderException} on unsafe data. */
  public Rendered render(Contact contact) {
    Template t = templates.forLanguage(contact.language());
    Map<String, Object> scope = scope(contact, t);
    String ref = MessageIds.ref(key, templates.campaign(), contact.email());
    Map<String, String> h = headers(contact, t, scope, ref);
    List<Attachments.Attachment> files = attachmentsFor(contact, t, scope);
    String notice = embargoNotices.get(t);
    String text = t.body().render(scope);
    if (notice != null) {
      text = notice + "\n\n" + text;
    }
    String html = html(t, scope, notice, h.get("subject"));
    return new Rendered(
        contact,
        t,
        h.get("subject"),
        h.get("from"),
        h.getOrDefault("reply-to", ""),
        keptCopies(h.getOrDefault("cc", "")),
        keptCopies(h.getOrDefault("bcc", "")),
        h.containsKey("list-unsubscribe")
            ? ListUnsubscribe.uris(h.get("list-unsubscribe"))
            : List.of(),
        files,
        text,
        html,
        ref);
  }

  private Map<String, Object> scope(Contact contact, Template t) {
    Map<String, Object> scope = new HashMap<>(contact.values());
    String campaign = templates.campaign();
    scope.put(Builtins.CAMPAIGN, campaign);
    scope.put(Builtins.EMAIL, contact.email());
    scope.put(Builtins.NAME, contact.name());
    String embargo = embargoTexts.get(t);
    if (embargo != null) {
      scope.put(Builtins.EMBARGO, embargo);
    }
    return scope;
  }

  private Map<String, String> headers(
      Contact contact, Template t, Map<String, Object> scope, String ref) {
    Map<String, String> out = new HashMap<>();
    // From and Reply-To first: the interview link, which any other header may use, is made from
    // them.
    List<Map.Entry<String, Snippet>> order = new ArrayList<>();
    for (var e : t.messageHeaders().entrySet()) {
      if (e.getKey().equals("from") || e.getKey().equals("reply-to")) {
        order.add(0, e);
      } else if (!e.getKey().startsWith("attachment#")) {
        order.add(e);
      }
    }
    for (var e : order) {
      if (!e.getKey().equals("from") && !e.getKey().equals("reply-to")) {
        interviewLink(contact, t, scope, out, ref);
      }
      String v = e.getValue().render(scope).strip();
      Snippet snippet = e.getValue();
      Predicate<String> uses =
          column -> snippet.tags().stream().anyMatch(tag -> tag.name().equals(column));
      String header = headerName(e.getKey());
      checkSingleLine(contact, t, header, v, uses);
      checkWordLength(contact, header, v, uses);
      out.put(e.getKey(), v);
    }
    String name = contact.name();
    Predicate<String> nameColumns =
        column -> column.equals("first_name") || column.equals("last_name");
    checkSingleLine(contact, t, "To", name, nameColumns);
    checkWordLength(contact, "To", name, nameColumns);
    for (String key : List.of("cc", "bcc")) {
      String v = out.get(key);
      if (v != null && !v.isEmpty()) {
        checkAddressList(contact, t, capital(key), t.header(key), v);
      }
    }
    if (out.containsKey("list-unsubscribe")) {
      checkListUnsubscribe(contact, t.header("list-unsubscribe"), out.get("list-unsubscribe"));
    }
    interviewLink(contact, t, scope, out, ref);
    return out;
  }

  /** Puts {{interview_link}} into the scope once From (and Reply-To) are rendered. */
  private void interviewLink(
      Contact contact,
      Template t,
      Map<String, Object> scope,
      Map<String, String> headers,
      String ref) {
    if (scope.containsKey(Builtins.INTERVIEW_LINK)) {
      return;
    }
    InternetAddress fromAddress = address(contact, t, "From", headers.get("from"));
    String replyTo = headers.get("reply-to");
    InternetAddress linkTo =
        replyTo == null || replyTo.isEmpty()
            ? fromAddress
            : address(contact, t, "Reply-To", replyTo);
    // the reference is [a-z2-7]: only the fixed part of the subject needs encoding
    String link = "mailto:" + linkTo.getAddress() + "?subject=" + linkSubject + ref + "%5D";
    scope.put(Builtins.INTERVIEW_LINK, link);
  }

  private InternetAddress address(Contact c, Template t, String header, String value) {
    // From and Reply-To are usually the same for every contact: parse each text once.
    InternetAddress known = addresses.get(value);
    if (known != null) {
      return known;
    }
    InternetAddress parsed = parseAddress(c, t, header, value);
    if (addresses.size() < 1024) {
      addresses.put(value, parsed);
    }
    return parsed;
  }

  private static InternetAddress parseAddress(Contact c, Template t, String header, String value) {
    try {
      InternetAddress[] a = InternetAddress.parseHeader(value, true);
      if (a.length != 1) {
        throw new AddressException("expected one address");
      }
      a[0].validate();
      return a[0];
    } catch (AddressException e) {
      throw new RenderException(
          Problem.at(
              c.file(),
              c.line(),
              header
                  + " '"
                  + value
                  + "' (from "
                  + Display.path(t.file())
                  + ") is not a single valid address"));
    }
  }

  /** The first column of the contact file that {@code s} uses, for naming it in a problem. */
  private record Column(String name, int index) {}

  private static Column usedColumn(Contact c, Snippet s) {
    int index = 0;
    for (String name : c.values().keySet()) {
      index++;
      if (s.tags().stream().anyMatch(tag -> tag.name().equals(name))) {
        return new Column(name, index);
      }
    }
    return null;
  }

  /**
   * Cc and Bcc go on the envelope: each must be a list of valid addresses, found here by {@code
   * check} rather than when the message is built.
   */
  private static void checkAddressList(
      Contact c, Template t, String header, Snippet s, String value) {
    try {
      InternetAddress[] list = InternetAddress.parseHeader(value, true);
      if (list.length == 0) {
        throw new AddressException("no address");
      }
      for (InternetAddress a : list) {
        a.validate();
        // the rules a contact's own address meets: a non-ASCII local part, say, would go out
        // garbled to a server without SMTPUTF8 and reach someone else's mailbox
        var problem = EmailAddress.problem(a.getAddress());
        if (problem.isPresent()) {
          throw new AddressException(problem.get());
        }
      }
    } catch (AddressException e) {
      Column column = usedColumn(c, s);
      throw new RenderException(
          column == null
              ? Problem.at(
                  t.file(),
                  t.source().header(header.toLowerCase(Locale.ROOT)).line(),
                  "the " + header + " header '" + value + "' is not a valid list of addresses")
              : new Problem(
                  c.file(),
                  c.line(),
                  column.index(),
                  "'"
                      + column.name()
                      + "' makes the "
                      + header
                      + " header '"
                      + value
                      + "' (from "
                      + Display.path(t.file())
                      + "), which is not a valid address; fix the value or leave it out"));
    }
  }

  /**
   * A List-Unsubscribe address that contact data helps make must still be one mailto: or https:
   * address (RFC 2369): never a script, never a second address, never text that closes the angle
   * brackets around it.
   */
  private static void checkListUnsubscribe(Contact c, Snippet s, String value) {
    if (s.constant()) {
      return; // checked when the template was loaded
    }
    List<String> uris = ListUnsubscribe.uris(value);
    int expected = ListUnsubscribe.uris(s.text()).size();
    String wrong = null;
    if (uris.size() != expected) {
      wrong =
          "hold "
              + uris.size()
              + (uris.size() == 1 ? " address" : " addresses")
              + " where the template has "
              + expected;
    } else {
      for (String uri : uris) {
        boolean scheme = uri.startsWith("mailto:") || uri.startsWith("https:");
        if (!scheme || uri.chars().anyMatch(ch -> ch <= ' ' || "<>\"".indexOf(ch) >= 0)) {
          wrong = "hold '" + uri + "'";
          break;
        }
      }
    }
    if (wrong == null) {
      return;
    }
    Column column = usedColumn(c, s);
    throw new RenderException(
        new Problem(
            c.file(),
            c.line(),
            column == null ? 0 : column.index(),
            (column == null ? "the contact's data" : "'" + column.name() + "'")
                + " makes List-Unsubscribe "
                + wrong
                + "; it takes one mailto: or https: address for each in the template"));
  }

  private void checkSingleLine(
      Contact c, Template t, String header, String value, Predicate<String> usesColumn) {
    if (!breaksHeader(value)) {
      return;
    }
    // Refused rather than folded: a line break here is either an injection attempt or a
    // copy-paste accident, and in both cases the press officer should see the row.
    String column = "";
    int columnIndex = 0;
    int index = 0;
    for (var v : c.values().entrySet()) {
      index++;
      if (usesColumn.test(v.getKey()) && breaksHeader(v.getValue())) {
        column = v.getKey();
        columnIndex = index;
        break;
      }
    }
    throw new RenderException(
        new Problem(
            c.file(),
            c.line(),
            columnIndex,
            (column.isEmpty()
                    ? ""
                    : "'" + column + "' contains a line break or control character; ")
                + "it would break the "
                + header
                + " header of "
                + Display.path(t.file())
                + " (contact data can never add a header); remove it"));
  }

  private static boolean breaksHeader(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (breaksHeader(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** A line break or a control character other than tab: never allowed in a header value. */
  private static boolean breaksHeader(int ch) {
    return ch == '\r' || ch == '\n' || (Character.isISOControl(ch) && ch != '\t');
  }

  private static String headerName(String key) {
    return key.equals("list-unsubscribe") ? "List-Unsubscribe" : capital(key);
  }

  /**
   * Header values are folded at white space, so only an unbroken run of characters can make a line
   * longer than the 998 octets RFC 5322 (section 2.1.1) allows; this leaves room for the header's
   * name and an address after the run.
   */
  private static final int MAX_HEADER_WORD = 900;

  /** The longest run without white space, counting the backslash a quote or backslash gets. */
  private static int longestWord(String s) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == ' ' || ch == '\t') {
        run = 0;
      } else {
        run += ch == '"' || ch == '\\' ? 2 : 1;
        longest = Math.max(longest, run);
      }
    }
    return longest;
  }

  private static void checkWordLength(
      Contact c, String header, String value, Predicate<String> used) {
    int longest = longestWord(value);
    if (longest <= MAX_HEADER_WORD) {
      return;
    }
    String column = "";
    int columnIndex = 0;
    int index = 0;
    for (var v : c.values().entrySet()) {
      index++;
      if (used.test(v.getKey()) && longestWord(v.getValue()) > MAX_HEADER_WORD) {
        column = v.getKey();
        columnIndex = index;
        break;
      }
    }
    throw new RenderException(
        new Problem(
            c.file(),
            c.line(),
            columnIndex,
            String.format(
                Locale.ROOT,
                "%s a word of %,d characters with no space; in the %s header it would make a line"
                    + " longer than the 998 characters a mail line may have (RFC 5322); shorten it",
                column.isEmpty() ? "the value has" : "'" + column + "' has",
                longest,
                header)));
  }

  private static String capital(String key) {
    StringBuilder s = new StringBuilder();
    for (String part : key.split("-")) {
      if (s.length() > 0) {
        s.append('-');
      }
      s.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return s.toString();
  }

  private List<Attachments.Attachment> attachmentsFor(
      Contact c, Template t, Map<String, Object> scope) {
    List<Attachments.Attachment> out = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < t.attachments().size(); i++) {
      Snippet s = t.attachments().get(i);
      String name = s.render(scope).strip();
      if (name.isEmpty() && optional(s)) {
        continue; // Attachment: {{#factsheet}}{{factsheet}}{{/factsheet}} with no factsheet
      }
      try {
        Attachments.Attachment a = attachments.resolve(t, name);
        out.add(a);
        total += a.size();
      } catch (HeraldException e) {
        throw new RenderException(
            s.constant()
                ? Problem.at(t.file(), t.attachmentLine(i), e.getMessage())
                : Problem.at(
                    c.file(),
                    c.line(),
                    e.getMessage() + " (named in " + Display.path(t.file()) + ")"));
      }
    }
    if (total > limits.maxAttachmentBytes()) {
      String why = Attachments.tooLarge(total, limits.maxAttachmentBytes());
      // Over the limit with this contact's own attachments: the row is where to look.
      boolean fromData = t.attachments().stream().anyMatch(s -> !s.constant());
      throw new RenderException(
          fromData
              ? Problem.at(c.file(), c.line(), why + " (named in " + Display.path(t.file()) + ")")
              : Problem.at(t.file(), t.attachmentLine(0), why));
    }
    return out;
  }

  /**
   * Whether an attachment line is optional: its value is made by a section, so the author said what
   * happens when the column is empty. A bare {@code {{factsheet}}} that comes out empty is still an
   * error: the contact was meant to get a file.
   */
  private static boolean optional(Snippet s) {
    return s.tags().stream().anyMatch(tag -> tag.kind() == '#' || tag.kind() == '^');
  }

  private String html(Template t, Map<String, Object> scope, String notice, String subject) {
    List<String> values = new ArrayList<>();
    Map<String, Object> tokens = new HashMap<>();
    for (var e : scope.entrySet()) {
      if (e.getValue() instanceof String v) {
        if (v.isEmpty()) {
          tokens.put(e.getKey(), "");
        } else {
          tokens.put(e.getKey(), token + values.size() + "x");
          values.add(v);
        }
      }
    }
    String markdown = autolinks(t.body().render(tokens), values);
    String body = htmlCache.get(markdown);
    if (body == null) {
      body = HTML.render(MARKDOWN.parse(markdown));
      if (htmlCache.size() >= HTML_CACHE) {
        htmlCache.clear();
      }
      htmlCache.put(markdown, body);
    }
    String filled = fill(body, values);
    String lang = t.language().isEmpty() ? "en" : t.language();
    StringBuilder doc = new StringBuilder(filled.length() + 800);
    doc.append("<!DOCTYPE html>\n<html lang=\"")
        .append(lang)
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(subject))
        .append("</title>\n</head>\n")
        .append(
            "<body style=\"margin:0;padding:0;background:#ffffff;\">\n<div style=\"max-width:640px;"
                + "margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;"
                + "font-size:16px;line-height:1.5;color:#1a1a1a;\">\n");
    if (notice != null) {
      doc.append(
              "<p style=\"padding:8px 12px;border:2px solid #b00020;color:#b00020;"
                  + "font-weight:bold;\">")
          .append(escape(notice))
          .append("</p>\n");
    }
    doc.append(filled).append("</div>\n</body>\n</html>\n");
    return doc.toString();
  }

  /**
   * A placeholder alone in angle brackets, {@code <{{email}}>}, is a CommonMark autolink once the
   * value is written in; but the value is put in only after the Markdown is rendered, and {@code
   * <TOKEN>} alone reads as an unknown HTML tag, which shows nothing. So such a place is written as
   * the link CommonMark would make of the value: an address as a {@code mailto:} link, a URL as a
   * link, anything else as the text in brackets.
   */
  private String autolinks(String markdown, List<String> values) {
    if (markdown.indexOf('<') < 0) {
      return markdown;
    }
    Matcher m = tokenAutolink.matcher(markdown);
    StringBuilder out = new StringBuilder(markdown.length() + 32);
    while (m.find()) {
      String tok = m.group(1);
      String value = values.get(Integer.parseInt(m.group(2)));
      String link;
      if (AUTOLINK_EMAIL.matcher(value).matches()) {
        link = "[" + tok + "](mailto:" + tok + ")";
      } else if (AUTOLINK_URI.matcher(value).matches()) {
        link = "[" + tok + "](" + tok + ")";
      } else {
        link = "\\<" + tok + "\\>";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(link));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** CommonMark's email autolink (spec 6.5). */
  private static final Pattern AUTOLINK_EMAIL =
      Pattern.compile(
          "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
              + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");

  /** CommonMark's URI autolink (spec 6.5): a scheme, a colon, no spaces or angle brackets. */
  private static final Pattern AUTOLINK_URI =
      Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\\s<>\\x00-\\x1f]*");

  private String fill(String html, List<String> values) {
    StringBuilder out = new StringBuilder(html.length() + 256);
    int i = 0;
    while (true) {
      int at = html.indexOf(token, i);
      if (at < 0) {
        out.append(html, i, html.length());
        return out.toString();
      }
      int j = at + token.length();
      int k = j;
      while (k < html.length() && Character.isDigit(html.charAt(k))) {
        k++;
      }
      if (k == j || k >= html.length() || html.charAt(k) != 'x') {
        out.append(html, i, j);
        i = j;
        continue;
      }
      out.append(html, i, at);
      String value = values.get(Integer.parseInt(html.substring(j, k)));
      Context where = context(html, at);
      if (where != Context.TEXT && startsUrl(html, at) && !safeUrl(value)) {
        value = "unsafe:" + value;
      }
      out.append(where == Context.UNQUOTED ? escapeUnquoted(value) : escape(value));
      i = k + 1;
    }
  }

  /** Where a value lands in the HTML: element text, a quoted attribute, or unquoted in a tag. */
  enum Context {
    TEXT,
    QUOTED,
    UNQUOTED
  }

  /**
   * Where position {@code at} of the rendered HTML lies. Inside a tag and outside quotes is where a
   * template writes a placeholder in raw HTML as a tag name or an unquoted attribute value ({@code
   * <a href={{url}}>}): there a space or an equals sign in a value would start an attribute of its
   * own, and {@link #escape} is not enough. Text never holds a bare {@code <}: CommonMark writes it
   * as {@code &lt;}.
   */
  static Context context(String html, int at) {
    int open = html.lastIndexOf('<', at);
    if (open < 0 || html.startsWith("<!--", open)) {
      return Context.TEXT;
    }
    char quote = 0;
    for (int i = open + 1; i < at; i++) {
      char c = html.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return Context.TEXT;
      }
    }
    return quote == 0 ? Context.UNQUOTED : Context.QUOTED;
  }

  private static final Set<String> URL_ATTRIBUTES =
      Set.of("href", "src", "action", "formaction", "background", "poster", "cite", "xlink:href");

  /** Whether a value at {@code at} inside a tag starts the value of an attribute holding a URL. */
  static boolean startsUrl(String html, int at) {
    int i = at - 1;
    if (i >= 0 && (html.charAt(i) == '"' || html.charAt(i) == '\'')) {
      i--;
    }
    while (i >= 0 && Character.isWhitespace(html.charAt(i))) {
      i--;
    }
    if (i < 0 || html.charAt(i) != '=') {
      return false;
    }
    i--;
    while (i >= 0 && Character.isWhitespace(html.charAt(i))) {
      i--;
    }
    int end = i + 1;
    while (i >= 0
        && (Character.isLetterOrDigit(html.charAt(i)) || ":-".indexOf(html.charAt(i)) >= 0)) {
      i--;
    }
    return URL_ATTRIBUTES.contains(html.substring(i + 1, end).toLowerCase(Locale.ROOT));
  }

  private static final Pattern SCHEME = Pattern.compile("([a-z][a-z0-9+.-]*):.*", Pattern.DOTALL);

  /**
   * Whether a link from a contact's data is harmless to follow: relative, or http:, https:, mailto:
   * or tel:. A javascript: or data: link would run in the preview page a reviewer opens (and in a
   * mail client that allowed it); such a value is written with {@code unsafe:} in front, so that it
   * shows and does nothing. Browsers ignore spaces and control characters in a scheme, so they are
   * ignored here too.
   */
  static boolean safeUrl(String value) {
    StringBuilder s = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > ' ') {
        s.append(Character.toLowerCase(c));
      }
    }
    Matcher m = SCHEME.matcher(s);
    return !m.matches() || Set.of("http", "https", "mailto", "tel").contains(m.group(1));
  }

  /**
   * Escapes text for an unquoted place inside a tag: every ASCII character but letters and digits
   * as a character reference, so that nothing in it can end the value or the tag (as OWASP
   * recommends for unquoted attribute values).
   */
  static String escapeUnquoted(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128 && !Character.isLetterOrDigit(c)) {
        out.append("&#").append((int) c).append(';');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String formatEmbargo(ZonedDateTime when, String language) {
    Locale locale = language.isEmpty() ? Locale.UK : Locale.forLanguageTag(language);
    return DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm z", locale).format(when);
  }

  private static String embargoNotice(Template t) {
    if (t.embargo().isEmpty()) {
      return null;
    }
    String when = formatEmbargo(t.embargo().get(), t.language());
    return switch (t.language()) {
      case "pl" -> "EMBARGO: informacja nie do publikacji przed " + when + ".";
      case "fr" -> "EMBARGO : ne pas publier avant le " + when + ".";
      case "de" -> "SPERRFRIST: nicht vor " + when + " veröffentlichen.";
      case "it" -> "EMBARGO: non pubblicare prima del " + when + ".";
      default -> "EMBARGO: not for publication before " + when + ".";
    };
  }
}
