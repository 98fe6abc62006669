package dev.herald.campaign;

import dev.herald.Display;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.Problem;
import dev.herald.contacts.Columns;
import dev.herald.contacts.Contact;
import dev.herald.contacts.OptOutList;
import dev.herald.template.ActiveContent;
import dev.herald.template.Attachments;
import dev.herald.template.HeaderGuard;
import dev.herald.template.InlineImages;
import dev.herald.template.RenderException;
import dev.herald.template.Renderer;
import dev.herald.template.Template;
import dev.herald.template.TemplateSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first pass of every command: load the templates, the suppression list and the contacts, and
 * check every row against every rule (address, shape, placeholders, header safety, attachments),
 * collecting all problems rather than stopping at the first. Nothing is written.
 */
public final class LoadedCampaign {
  /** At most this many duplicate warnings are kept; the rest are counted. */
  private static final int MAX_WARNINGS = 200;

  private final List<Problem> fatal = new ArrayList<>();

  private final InvalidRows invalid = new InvalidRows();
  private final List<String> warnings = new ArrayList<>();
  private final Map<Template, Integer> perVariant = new LinkedHashMap<>();

  /** At most this many distinct language values are told apart; the rest are counted. */
  static final int MAX_LANGUAGES = 200;

  /** At most this many contacts are named for a language value that gets the default. */
  static final int MAX_NAMED = 10;

  private final Map<String, LanguageUse> languages = new TreeMap<>();
  private int otherLanguages;
  private final FixedAttachments fixed = new FixedAttachments();
  private int selected;
  private int suppressed;
  private int duplicates;
  private int listedDuplicates;
  private int filtered;
  private int total;
  private TemplateSet templates;
  private Audience audience;
  private Renderer renderer;
  private final Copies copies = new Copies();
  private final EmptyPlaceholders empty = new EmptyPlaceholders();
  private final List<Problem> emptyFindings = new ArrayList<>();
  private final MissingConsent consent = new MissingConsent();

  private LoadedCampaign() {}

  /**
   * Runs the validation pass with the working folder's opt-out list ({@link
   * OptOutList#DEFAULT_PATH}) and any legacy one beside the contact file.
   */
  public static LoadedCampaign run(
      Path workdir,
      Path template,
      Path contacts,
      Filter filter,
      InputLimits limits,
      FolderKey key,
      Instant now) {
    return run(
        workdir,
        template,
        contacts,
        OptOutList.locate(workdir.resolve(OptOutList.DEFAULT_PATH), contacts),
        filter,
        limits,
        key,
        now);
  }

  /**
   * Runs the validation pass with the opt-out lists {@code optOutFiles} ({@link
   * OptOutList#locate}), for a run at {@code now} (which decides whether the embargo has passed);
   * never throws for bad input, which it records instead.
   */
  public static LoadedCampaign run(
      Path workdir,
      Path template,
      Path contacts,
      List<Path> optOutFiles,
      Filter filter,
      InputLimits limits,
      FolderKey key,
      Instant now) {
    LoadedCampaign v = new LoadedCampaign();
    Inputs in = Inputs.load(template, contacts, optOutFiles, filter, limits, key);
    v.templates = in.templates();
    v.audience = in.audience();
    v.fatal.addAll(in.fatal());
    v.warnings.addAll(in.warnings());
    if (v.templates == null || v.audience == null) {
      return v;
    }
    List<Problem> names = v.templates.unknownNames(v.audience.header(), contacts);
    v.fatal.addAll(names);
    Attachments files = new Attachments(workdir);
    v.renderer = new Renderer(v.templates, files, limits, key, now);
    Template release = v.templates.base();
    release.schedule().embargoPassedWarning(release.file(), now).ifPresent(v.warnings::add);
    for (Template t : v.templates.all()) {
      v.fatal.addAll(HeaderGuard.constantAddresses(t));
      if (!limits.allowActiveHtml()) {
        v.fatal.addAll(ActiveContent.find(t));
      }
      v.perVariant.put(t, 0);
      v.fixed.check(t, files, limits).forEach(v.fatal::add);
      v.fatal.addAll(InlineImages.check(t, files, limits, v.fixed.bytes().get(t)));
      v.warnings.addAll(InlineImages.remoteWarnings(t));
    }
    boolean render = names.isEmpty() && v.fatal.isEmpty();
    boolean complete =
        v.audience.forEach(
            e -> {
              v.total++;
              if (e.contact() != null) {
                v.copies.contact(e.contact().email());
              }
              switch (e.kind()) {
                case INVALID -> v.invalid.add(e.problem(), v.audience.file());
                case FILTERED -> v.filtered++;
                case SUPPRESSED -> v.suppressed++;
                case DUPLICATE -> {
                  v.duplicates++;
                  if (v.listedDuplicates < MAX_WARNINGS) {
                    v.listedDuplicates++;
                    v.warnings.add(
                        e.contact().where()
                            + ": "
                            + e.contact().email()
                            + " repeats line "
                            + e.firstLine()
                            + " (addresses compare by their key: case, Unicode spelling and the ASCII form of the domain do not count); it is sent once");
                  }
                }
                case SELECTED -> {
                  if (render) {
                    try {
                      for (String copy : v.renderer.validate(e.contact())) {
                        v.copies.copy(copy, e.contact().where());
                      }
                    } catch (RenderException ex) {
                      v.invalid.add(ex.problem(), v.audience.file());
                      return;
                    }
                    v.renderer
                        .emptyBreaks(e.contact())
                        .ifPresent(w -> v.empty.layout(e.contact(), w));
                  }
                  v.selected++;
                  v.consent.contact(e.contact());
                  v.empty.contact(v.templates.forLanguage(e.contact().language()), e.contact());
                  String lang = e.contact().value(Columns.LANGUAGE).strip();
                  TemplateSet.Choice choice = v.templates.choose(lang);
                  v.perVariant.merge(choice.template(), 1, Integer::sum);
                  if (!lang.isEmpty()) {
                    v.countLanguage(lang, choice, e.contact());
                  }
                }
              }
            });
    if (!complete) {
      // The rest of the file could not be read, so nobody after that row can be sent to:
      // --skip-invalid cannot skip this one.
      v.invalid.takeLast().ifPresent(v.fatal::add);
    }
    if (v.renderer != null && v.audience != null) {
      v.leaveOutCopies();
    }
    if (v.total == 0) {
      v.warnings.add(
          Display.path(contacts) + " has a header row but no contacts: nobody to send to");
    }
    if (v.duplicates > v.listedDuplicates) {
      v.warnings.add("… and " + (v.duplicates - v.listedDuplicates) + " more repeated addresses");
    }
    v.emptyFindings.addAll(v.empty.findings(contacts));
    v.emptyFindings.forEach(p -> v.warnings.add(p.toString()));
    v.warnings.addAll(v.empty.layoutWarnings());
    return v;
  }

  /**
   * "Never mailed, ever" and "once each" hold for copies too: a Cc or Bcc on the opt-out list, or
   * of a contact who gets a message of their own, is left out of every message's copies, and check
   * names each.
   */
  private void leaveOutCopies() {
    warnings.addAll(copies.leaveOut(renderer, audience.optOut(), MAX_WARNINGS));
  }

  /** Problems that stop every command: templates, file-level contact problems, placeholders. */
  public List<Problem> fatal() {
    return List.copyOf(fatal);
  }

  /**
   * Rows that cannot be sent (they stop the run unless {@code --skip-invalid}): the first {@link
   * InvalidRows#MAX_LISTED}, so that a list whose every row is broken does not fill memory; {@link
   * #invalidCount()} counts them all.
   */
  public List<Problem> invalidRows() {
    return invalid.listed();
  }

  /** How many rows cannot be sent, listed or not. */
  public int invalidCount() {
    return invalid.count();
  }

  /** Every problem found: those that stop every command, and the invalid rows, listed or not. */
  public int problemCount() {
    return fatal.size() + invalid.count();
  }

  /** Whether the contact on this line of the contact file is one of the invalid rows. */
  public boolean invalidLine(long line) {
    return invalid.onLine(line);
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * The placeholders found empty or blank for some selected contacts, one per column, naming the
   * rows (see {@link EmptyPlaceholders}); they are among the {@link #warnings} until {@link
   * #strict} makes them problems.
   */
  public List<Problem> emptyPlaceholders() {
    return List.copyOf(emptyFindings);
  }

  /**
   * Makes the empty-placeholder warnings problems that stop every command ({@code check --strict},
   * {@code check.strict}): a team that asks for it wants no message with a hole in it.
   */
  public void strict() {
    for (Problem p : emptyFindings) {
      warnings.remove(p.toString());
      fatal.add(p);
    }
    emptyFindings.clear();
  }

  /**
   * The selected contacts without a {@code legal_basis} ({@link MissingConsent}); with {@code
   * strict} ({@code check --strict-consent}, {@code check.strict-consent}) they become problems.
   */
  public List<Problem> missingConsent(boolean strict) {
    List<Problem> missing =
        audience == null ? List.of() : consent.problems(audience.file(), audience.header());
    fatal.addAll(strict ? missing : List.of());
    return missing;
  }

  public boolean ok(boolean skipInvalid) {
    return fatal.isEmpty() && (skipInvalid || invalid.count() == 0);
  }

  /**
   * Throws one exit-2 error that lists every problem, unless the run may go on ({@code skipInvalid}
   * lets it go on past invalid rows).
   */
  public void requireOk(boolean skipInvalid) {
    if (ok(skipInvalid)) {
      return;
    }
    List<Problem> all = new ArrayList<>(fatal);
    all.addAll(invalid.listed());
    int count = problemCount();
    StringBuilder s = new StringBuilder();
    s.append(count == 1 ? "1 problem" : count + " problems").append(" found; nothing was sent:");
    int shown = 0;
    for (Problem p : all) {
      if (shown++ == 500) {
        break;
      }
      s.append("\n  ").append(p);
    }
    if (count > Math.min(all.size(), 500)) {
      s.append("\n  … and ").append(count - Math.min(all.size(), 500)).append(" more");
    }
    if (fatal.isEmpty()) {
      s.append("\n")
          .append(fixAdvice("Fix these rows, or run again with --skip-invalid to leave them out."));
    }
    throw HeraldException.input(s.toString());
  }

  public TemplateSet templates() {
    return templates;
  }

  public Audience audience() {
    return audience;
  }

  public Renderer renderer() {
    return renderer;
  }

  private void countLanguage(String value, TemplateSet.Choice choice, Contact c) {
    LanguageUse use = languages.get(value);
    if (use == null) {
      if (languages.size() >= MAX_LANGUAGES) {
        otherLanguages++;
        return;
      }
      use = new LanguageUse(choice);
      languages.put(value, use);
    }
    use.count++;
    if (choice.fellBack() && use.named.size() < MAX_NAMED) {
      use.named.add(c.where() + " " + c.email());
    }
  }

  /** Selected contacts whose empty values change the shape of their message. */
  public int emptyBreaks() {
    return empty.layoutCount();
  }

  /** Each distinct language value of the selected contacts, and how it is served. */
  public Map<String, LanguageUse> languages() {
    return Collections.unmodifiableMap(languages);
  }

  /** Selected contacts whose language value was beyond the {@link #MAX_LANGUAGES} told apart. */
  public int otherLanguages() {
    return otherLanguages;
  }

  public Map<Template, Integer> perVariant() {
    return perVariant;
  }

  /**
   * The fixed attachments' size in one message of each template: a recipient gets only their
   * variant's attachments, never the sum over every variant.
   */
  public Map<Template, Long> attachmentBytes() {
    return fixed.bytes();
  }

  public List<Attachments.Attachment> attachments() {
    return fixed.files();
  }

  public int selected() {
    return selected;
  }

  public int suppressed() {
    return suppressed;
  }

  public int duplicates() {
    return duplicates;
  }

  public int filtered() {
    return filtered;
  }

  /** {@code skipAdvice}, unless most rows are invalid: then what is likely wrong with the file. */
  public String fixAdvice(String skipAdvice) {
    String whole = audience == null ? null : invalid.wholeFile(total, audience.format());
    return whole != null ? whole : skipAdvice;
  }

  public int total() {
    return total;
  }
}
