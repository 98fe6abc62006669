package dev.herald.template;

import dev.herald.Display;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.Problem;
import dev.herald.contacts.Contact;
import dev.herald.identity.MessageIds;
import dev.herald.identity.UnsubscribeTokens;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Merges a contact into its language variant of the release. Values go into the text part and the
 * headers exactly as written, after the checks of {@link HeaderGuard}, and into the HTML part
 * escaped for where they land ({@link HtmlBody}).
 */
public final class Renderer {
  private final TemplateSet templates;
  private final FolderKey key;
  private final Attachments attachments;
  private final InputLimits limits;
  private final HtmlBody html = new HtmlBody();
  private final InlineImages images;
  private final EmptyValues emptyValues = new EmptyValues();
  private final Map<String, InternetAddress> addresses = new ConcurrentHashMap<>();
  private final String linkSubject;
  private final String proofLinkSubject;
  private final EmbargoTexts embargoTexts;

  /**
   * A renderer for a run at {@code now}: an embargo that has passed by then is no longer announced
   * (no notice, no "EMBARGOED UNTIL" subject), though {@code {{embargo}}} still gives its date.
   */
  public Renderer(
      TemplateSet templates,
      Attachments attachments,
      InputLimits limits,
      FolderKey key,
      Instant now) {
    this.key = Objects.requireNonNull(key, "key");
    this.templates = templates;
    this.attachments = attachments;
    this.images = new InlineImages(attachments);
    this.limits = limits;
    this.linkSubject = linkSubject(templates.campaign(), "ref");
    this.proofLinkSubject = linkSubject(templates.campaign(), "proof");
    this.embargoTexts = new EmbargoTexts(templates.base().schedule().embargoPassed(now));
  }

  /**
   * Renders the header values and resolves the attachments only: everything that can fail for a
   * contact, at a fraction of the cost of the body.
   */
  public List<String> validate(Contact contact) {
    Template t = templates.forLanguage(contact.language());
    Map<String, Object> scope = scope(contact, t);
    Map<String, String> h =
        headers(
            contact,
            t,
            scope,
            linkSubject + MessageIds.ref(key, templates.campaign(), contact.email()),
            unsubscribeToken(contact, false));
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

  /**
   * What every rendered message passes through last, told whether it is a proof: a follow-up's
   * subject and threading headers. Set before any message is rendered, so that preview, the
   * approval check, proofs and send all see the same message.
   */
  private volatile BiFunction<Rendered, Boolean, Rendered> finish = (r, proof) -> r;

  public void finishWith(BiFunction<Rendered, Boolean, Rendered> finish) {
    this.finish = Objects.requireNonNull(finish);
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

  /**
   * What an empty value does to the shape of the contact's HTML, or empty if nothing (see {@link
   * EmptyValues}).
   */
  public Optional<String> emptyBreaks(Contact contact) {
    Template t = templates.forLanguage(contact.language());
    return emptyValues.breaks(t, scope(contact, t));
  }

  /** Renders the whole message for a contact; throws {@link RenderException} on unsafe data. */
  public Rendered render(Contact contact) {
    return render(contact, false);
  }

  /**
   * Renders the contact's message for a proof: the same, except that its interview link carries a
   * {@code [proof:…]} reference ({@link MessageIds#proofRef}), which ties a reply to no contact.
   */
  public Rendered proof(Contact contact) {
    return render(contact, true);
  }

  private Rendered render(Contact contact, boolean proof) {
    Template t = templates.forLanguage(contact.language());
    Map<String, Object> scope = scope(contact, t);
    String ref =
        proof
            ? MessageIds.proofRef(key, templates.campaign(), contact.email())
            : MessageIds.ref(key, templates.campaign(), contact.email());
    UnsubscribeLinks.Token unsubscribe = unsubscribeToken(contact, proof);
    Map<String, String> h =
        headers(contact, t, scope, (proof ? proofLinkSubject : linkSubject) + ref, unsubscribe);
    List<Attachments.Attachment> files = attachmentsFor(contact, t, scope);
    EmbargoTexts.Texts embargo = embargoTexts.of(contact, t); // null: the release has no embargo
    String notice = embargo == null ? null : embargo.notice(); // null too once it has passed
    String subject = h.getOrDefault("subject", ""); // none: a follow-up's, made "Re: …" later
    if (embargo != null && embargo.subjectPrefix() != null) {
      subject = embargo.subjectPrefix() + subject;
    }
    Map<String, InlineImage> inline = images.of(t);
    HtmlBody.Page page = this.html.page(t, scope, notice, subject, inline);
    String text = page.text() == null ? t.body().render(scope) : page.text();
    if (notice != null) {
      text = notice + "\n\n" + text;
    }
    List<Rendered.Field> extra = new ArrayList<>();
    for (TemplateFile.Header c : t.customHeaders()) {
      String v = h.get(c.key());
      if (!v.isEmpty()) { // a value that comes out empty leaves the header out
        extra.add(new Rendered.Field(c.name(), v));
      }
    }
    return finish.apply(
        new Rendered(
            contact,
            t,
            subject,
            h.get("from"),
            h.getOrDefault("reply-to", ""),
            keptCopies(h.getOrDefault("cc", "")),
            keptCopies(h.getOrDefault("bcc", "")),
            UnsubscribeLinks.header(
                t,
                h.get("list-unsubscribe"),
                (String) scope.get(Builtins.UNSUBSCRIBE_LINK),
                unsubscribe),
            files,
            text,
            page.html(),
            ref,
            extra,
            page.images().stream().map(inline::get).toList()),
        proof);
  }

  private Map<String, Object> scope(Contact contact, Template t) {
    Map<String, Object> scope = new HashMap<>(contact.values());
    String campaign = templates.campaign();
    scope.put(Builtins.CAMPAIGN, campaign);
    scope.put(Builtins.EMAIL, contact.email());
    scope.put(Builtins.NAME, contact.name());
    EmbargoTexts.Texts embargo = embargoTexts.of(contact, t);
    if (embargo != null) {
      scope.put(Builtins.EMBARGO, embargo.date());
    }
    return scope;
  }

  /** The interview link's subject up to the reference: "Interview request: CAMPAIGN [LABEL:". */
  private static String linkSubject(String campaign, String label) {
    return URLEncoder.encode(
            "Interview request: " + campaign + " [" + label + ":", StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  /** The keyed token of the contact's unsubscribe links; a proof's is inert. */
  private UnsubscribeLinks.Token unsubscribeToken(Contact contact, boolean proof) {
    String campaign = templates.campaign();
    return new UnsubscribeLinks.Token(
        proof
            ? UnsubscribeTokens.proof(key, campaign, contact.email())
            : UnsubscribeTokens.of(key, campaign, contact.email()),
        proof);
  }

  /**
   * {@code refSubject}: the interview link's subject up to its closing bracket; {@code
   * unsubscribe}: the token of the unsubscribe links.
   */
  private Map<String, String> headers(
      Contact contact,
      Template t,
      Map<String, Object> scope,
      String refSubject,
      UnsubscribeLinks.Token unsubscribe) {
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
        interviewLink(contact, t, scope, out, refSubject, unsubscribe);
      }
      String v = e.getValue().render(scope).strip();
      Snippet snippet = e.getValue();
      Predicate<String> uses = column -> HeaderGuard.uses(snippet, column);
      String header = HeaderGuard.headerName(e.getKey());
      HeaderGuard.checkSingleLine(contact, t, header, v, uses);
      HeaderGuard.checkWordLength(contact, header, v, uses);
      out.put(e.getKey(), v);
    }
    String name = contact.name();
    Predicate<String> nameColumns =
        column -> column.equals("first_name") || column.equals("last_name");
    HeaderGuard.checkSingleLine(contact, t, "To", name, nameColumns);
    HeaderGuard.checkWordLength(contact, "To", name, nameColumns);
    for (String key : List.of("cc", "bcc")) {
      String v = out.get(key);
      if (v != null && !v.isEmpty()) {
        HeaderGuard.checkAddressList(contact, t, HeaderGuard.headerName(key), t.header(key), v);
      }
    }
    if (out.containsKey("list-unsubscribe")) {
      HeaderGuard.checkListUnsubscribe(
          contact, t.header("list-unsubscribe"), out.get("list-unsubscribe"));
    }
    String listId = out.get(CustomHeaders.LIST_ID);
    if (listId != null && !listId.isEmpty()) {
      CustomHeaders.checkListId(contact, t, t.header(CustomHeaders.LIST_ID), listId);
    }
    interviewLink(contact, t, scope, out, refSubject, unsubscribe);
    return out;
  }

  /**
   * Puts {{interview_link}} and {{unsubscribe_link}} into the scope once From (and Reply-To) are
   * rendered.
   */
  private void interviewLink(
      Contact contact,
      Template t,
      Map<String, Object> scope,
      Map<String, String> headers,
      String refSubject,
      UnsubscribeLinks.Token unsubscribe) {
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
    String link = "mailto:" + linkTo.getAddress() + "?subject=" + refSubject + "%5D";
    scope.put(Builtins.INTERVIEW_LINK, link);
    scope.put(
        Builtins.UNSUBSCRIBE_LINK,
        UnsubscribeLinks.link(UnsubscribeLinks.address(t, linkTo.getAddress()), unsubscribe));
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
    total += InlineImages.bytes(images.of(t).values());
    if (total > limits.maxAttachmentBytes()) {
      String why = Attachments.tooLarge(total, limits.maxAttachmentBytes());
      // Over the limit with this contact's own attachments: the row is where to look.
      boolean fromData = t.attachments().stream().anyMatch(s -> !s.constant());
      throw new RenderException(
          fromData
              ? Problem.at(c.file(), c.line(), why + " (named in " + Display.path(t.file()) + ")")
              : t.attachments().isEmpty()
                  ? Problem.file(t.file(), "with the inline images, " + why)
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
}
