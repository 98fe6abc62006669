package dev.herald.campaign;

import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.Problem;
import dev.herald.contacts.Columns;
import dev.herald.contacts.Contact;
import dev.herald.contacts.OptOutList;
import dev.herald.identity.EmailAddress;
import dev.herald.template.ActiveContent;
import dev.herald.template.Attachments;
import dev.herald.template.RenderException;
import dev.herald.template.Renderer;
import dev.herald.template.Snippet;
import dev.herald.template.Template;
import dev.herald.template.TemplateException;
import dev.herald.template.TemplateFile;
import dev.herald.template.TemplateSet;
import dev.herald.util.Hashes;
import dev.herald.util.LongIntMap;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first pass of every command: load the templates, the suppression list and the contacts, and
 * check every row against every rule (address, shape, placeholders, header safety, attachments),
 * collecting all problems rather than stopping at the first. Nothing is written.
 */
public final class LoadedCampaign {
  /** At most this many duplicate warnings are kept; the rest are counted. */
  private static final int MAX_WARNINGS = 200;

  private static final Pattern AT_LINE = Pattern.compile("(\\d+): (.*)", Pattern.DOTALL);

  private final List<Problem> fatal = new ArrayList<>();

  /** At most this many invalid rows are kept to be listed; the rest are counted. */
  static final int MAX_LISTED = 1000;

  private final List<Problem> rows = new ArrayList<>();
  private int invalid;
  private Problem lastInvalid;
  private final LineSet invalidLines = new LineSet();
  private final List<String> warnings = new ArrayList<>();
  private final Map<Template, Integer> perVariant = new LinkedHashMap<>();

  /** At most this many distinct language values are told apart; the rest are counted. */
  static final int MAX_LANGUAGES = 200;

  /** At most this many contacts are named for a language value that gets the default. */
  static final int MAX_NAMED = 10;

  /**
   * How the contacts with one {@code language} value (as written, stripped) are served: which
   * template they get, and, when no variant matched, the first few of them by file:line.
   */
  public static final class LanguageUse {
    private final TemplateSet.Choice choice;
    private int count;
    private final List<String> named = new ArrayList<>();

    LanguageUse(TemplateSet.Choice choice) {
      this.choice = choice;
    }

    public TemplateSet.Choice choice() {
      return choice;
    }

    public int count() {
      return count;
    }

    /** The first contacts (file:line address) that fell back to the default release. */
    public List<String> named() {
      return List.copyOf(named);
    }
  }

  private final Map<String, LanguageUse> languages = new TreeMap<>();
  private int otherLanguages;
  private int emptyBreaks;
  private final List<Attachments.Attachment> attachments = new ArrayList<>();
  private final Map<Template, Long> attachmentBytes = new LinkedHashMap<>();
  private int selected;
  private int suppressed;
  private int duplicates;
  private int listedDuplicates;
  private int filtered;
  private int total;
  private TemplateSet templates;
  private Audience audience;
  private Renderer renderer;

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
      FolderKey key) {
    return run(
        workdir,
        template,
        contacts,
        OptOutList.locate(workdir.resolve(OptOutList.DEFAULT_PATH), contacts),
        filter,
        limits,
        key);
  }

  /**
   * Runs the validation pass with the opt-out lists {@code optOutFiles} ({@link
   * OptOutList#locate}); never throws for bad input, which it records instead.
   */
  public static LoadedCampaign run(
      Path workdir,
      Path template,
      Path contacts,
      List<Path> optOutFiles,
      Filter filter,
      InputLimits limits,
      FolderKey key) {
    LoadedCampaign v = new LoadedCampaign();
    try {
      v.templates = TemplateSet.load(template, limits);
    } catch (TemplateException e) {
      v.fatal.addAll(e.problems());
    } catch (HeraldException e) {
      v.fatal.add(located(template, e.getMessage()));
    }
    OptOutList optOut = null;
    try {
      optOut = OptOutList.load(optOutFiles, limits);
      v.warnings.addAll(optOut.warnings());
      for (OptOutList.Source s : optOut.sources().subList(1, optOut.sources().size())) {
        v.warnings.add(
            dev.herald.Display.path(s.file())
                + " beside the contact file is applied as well as "
                + dev.herald.Display.path(optOut.file())
                + "; move its entries into "
                + dev.herald.Display.path(optOut.file())
                + ", which applies to every command");
      }
    } catch (OptOutList.Unreadable e) {
      v.fatal.add(located(e.file(), e.getMessage()));
    } catch (HeraldException e) {
      v.fatal.add(located(optOutFiles.get(0), e.getMessage()));
    }
    if (optOut != null) {
      try {
        v.audience = new Audience(contacts, optOut, limits, filter);
      } catch (HeraldException e) {
        v.fatal.add(located(contacts, e.getMessage()));
      }
    }
    if (v.templates == null || v.audience == null) {
      return v;
    }
    List<Problem> names = v.templates.unknownNames(v.audience.header(), contacts);
    v.fatal.addAll(names);
    Attachments files = new Attachments(workdir);
    v.renderer = new Renderer(v.templates, files, limits, key);
    for (Template t : v.templates.all()) {
      v.fatal.addAll(constantAddresses(t));
      if (!limits.allowActiveHtml()) {
        v.fatal.addAll(ActiveContent.find(t));
      }
      v.perVariant.put(t, 0);
      long total = 0;
      int first = -1;
      for (int i = 0; i < t.attachments().size(); i++) {
        if (t.attachments().get(i).constant()) {
          try {
            var a = files.resolve(t, t.attachments().get(i).text().strip());
            if (v.attachments.stream().noneMatch(x -> x.file().equals(a.file()))) {
              v.attachments.add(a);
            }
            total += a.size();
            first = first < 0 ? i : first;
          } catch (HeraldException e) {
            v.fatal.add(Problem.at(t.file(), t.attachmentLine(i), e.getMessage()));
          }
        }
      }
      v.attachmentBytes.put(t, total);
      // Over the limit for everyone: one problem with the template, not one per contact.
      if (total > limits.maxAttachmentBytes()) {
        v.fatal.add(
            Problem.at(
                t.file(),
                t.attachmentLine(first),
                Attachments.tooLarge(total, limits.maxAttachmentBytes())));
      }
    }
    boolean render = names.isEmpty() && v.fatal.isEmpty();
    boolean complete =
        v.audience.forEach(
            e -> {
              v.total++;
              if (e.contact() != null) {
                v.contactKeys.put(copyKey(e.contact().email()), 1);
              }
              switch (e.kind()) {
                case INVALID -> v.invalid(e.problem());
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
                        if (v.copies.size() < MAX_COPIES) {
                          v.copies.putIfAbsent(
                              copyKey(copy), copy + " (" + e.contact().where() + ")");
                        }
                      }
                    } catch (RenderException ex) {
                      v.invalid(ex.problem());
                      return;
                    }
                    v.renderer
                        .emptyBreaks(e.contact())
                        .ifPresent(
                            why -> {
                              v.emptyBreaks++;
                              if (v.warnings.size() < MAX_WARNINGS) {
                                v.warnings.add(
                                    e.contact().where()
                                        + ": "
                                        + e.contact().email()
                                        + ": "
                                        + why
                                        + "; fill it in, or wrap that part in a section such as"
                                        + " {{#outlet}}…{{/outlet}}");
                              }
                            });
                  }
                  v.selected++;
                  String lang = e.contact().value(Columns.LANGUAGE).strip();
                  TemplateSet.Choice choice = v.templates.choose(lang);
                  v.perVariant.merge(choice.template(), 1, Integer::sum);
                  if (!lang.isEmpty()) {
                    v.countLanguage(lang, choice, e.contact());
                  }
                }
              }
            });
    if (!complete && v.lastInvalid != null) {
      // The rest of the file could not be read, so nobody after that row can be sent to:
      // --skip-invalid cannot skip this one.
      if (!v.rows.isEmpty() && v.rows.get(v.rows.size() - 1) == v.lastInvalid) {
        v.rows.remove(v.rows.size() - 1);
      }
      v.invalid--;
      v.fatal.add(v.lastInvalid);
    }
    if (v.renderer != null && v.audience != null) {
      v.leaveOutCopies();
    }
    if (v.total == 0) {
      v.warnings.add(
          dev.herald.Display.path(contacts)
              + " has a header row but no contacts: nobody to send to");
    }
    if (v.duplicates > v.listedDuplicates) {
      v.warnings.add("… and " + (v.duplicates - v.listedDuplicates) + " more repeated addresses");
    }
    long listedEmpty = v.warnings.stream().filter(w -> w.contains(" empty, ")).count();
    if (v.emptyBreaks > listedEmpty) {
      v.warnings.add(
          "… and "
              + (v.emptyBreaks - listedEmpty)
              + " more contacts whose empty values change their message");
    }
    return v;
  }

  /** At most this many distinct copy addresses are remembered to be named by check. */
  private static final int MAX_COPIES = 10_000;

  /** Every contact's address, as a 64-bit key: memory stays flat for long lists. */
  private final LongIntMap contactKeys = new LongIntMap();

  /** Copy addresses (Cc, Bcc) the messages carry, by key, with where the first came from. */
  private final Map<Long, String> copies = new LinkedHashMap<>();

  private static long copyKey(String address) {
    return Hashes.key64(EmailAddress.key(address));
  }

  /**
   * "Never mailed, ever" and "once each" hold for copies too: a Cc or Bcc on the opt-out list, or
   * of a contact who gets a message of their own, is left out of every message's copies, and check
   * names each.
   */
  private void leaveOutCopies() {
    Audience a = audience;
    renderer.leaveOutCopies(
        address -> a.optOut().contains(address) || contactKeys.get(copyKey(address)) != 0);
    int named = 0;
    for (var e : copies.entrySet()) {
      String address = e.getValue().substring(0, e.getValue().indexOf(" ("));
      String why =
          a.optOut().contains(address)
              ? "it is on the opt-out list"
              : contactKeys.get(e.getKey()) != 0
                  ? "it is a contact, who gets a message of their own"
                  : null;
      if (why != null && named++ < MAX_WARNINGS) {
        warnings.add("the copy to " + e.getValue() + " is left out of every message: " + why);
      }
    }
  }

  /**
   * A problem with {@code file} from an error message that may already start with the file's
   * location ({@code "file: "} or {@code "file:LINE: "}), which then becomes the problem's own
   * location rather than being printed twice.
   */
  private static Problem located(Path file, String message) {
    String prefix = dev.herald.Display.path(file) + ":";
    if (message.startsWith(prefix)) {
      String rest = message.substring(prefix.length());
      Matcher m = AT_LINE.matcher(rest);
      if (m.matches()) {
        return Problem.at(file, Long.parseLong(m.group(1)), m.group(2));
      }
      if (rest.startsWith(" ")) {
        return Problem.file(file, rest.substring(1));
      }
    }
    return Problem.file(file, message);
  }

  /**
   * Addresses written into the template itself (no placeholders) are checked once, as template
   * problems, rather than once for every contact.
   */
  private static List<Problem> constantAddresses(Template t) {
    List<Problem> problems = new ArrayList<>();
    for (String key : List.of("from", "reply-to", "cc", "bcc")) {
      Snippet s = t.header(key);
      TemplateFile.Header h = t.source().header(key);
      if (s == null || h == null || !s.constant() || s.text().isBlank()) {
        continue;
      }
      boolean single = key.equals("from") || key.equals("reply-to");
      try {
        InternetAddress[] a = InternetAddress.parseHeader(s.text().strip(), true);
        for (InternetAddress x : a) {
          x.validate();
          // as a contact's own address must be: ASCII before the @, a real domain
          var problem = EmailAddress.problem(x.getAddress());
          if (problem.isPresent()) {
            throw new AddressException(problem.get());
          }
        }
        if (single && a.length != 1) {
          throw new AddressException("expected exactly one address");
        }
      } catch (AddressException e) {
        problems.add(
            new Problem(
                t.file(),
                h.line(),
                h.valueColumn(),
                "'"
                    + s.text().strip()
                    + "' is not "
                    + (single ? "a single valid address" : "a list of valid addresses")
                    + " ("
                    + e.getMessage()
                    + ")"));
      }
    }
    return problems;
  }

  /** Problems that stop every command: templates, file-level contact problems, placeholders. */
  public List<Problem> fatal() {
    return List.copyOf(fatal);
  }

  /**
   * Rows that cannot be sent (they stop the run unless {@code --skip-invalid}): the first {@link
   * #MAX_LISTED}, so that a list whose every row is broken does not fill memory; {@link
   * #invalidCount()} counts them all.
   */
  public List<Problem> invalidRows() {
    return List.copyOf(rows);
  }

  /** How many rows cannot be sent, listed or not. */
  public int invalidCount() {
    return invalid;
  }

  /** Every problem found: those that stop every command, and the invalid rows, listed or not. */
  public int problemCount() {
    return fatal.size() + invalid;
  }

  /** Whether the contact on this line of the contact file is one of the invalid rows. */
  public boolean invalidLine(long line) {
    return invalidLines.contains(line);
  }

  private void invalid(Problem p) {
    invalid++;
    lastInvalid = p;
    if (rows.size() < MAX_LISTED) {
      rows.add(p);
    }
    if (audience != null && p.file() != null && p.file().equals(audience.file())) {
      invalidLines.add(p.line());
    }
  }

  /** Line numbers, 8 bytes each: usually added in increasing order, sorted if not. */
  private static final class LineSet {
    private long[] lines = new long[16];
    private int size;
    private boolean sorted = true;

    void add(long line) {
      if (size == lines.length) {
        lines = Arrays.copyOf(lines, size * 2);
      }
      if (size > 0 && lines[size - 1] >= line) {
        sorted = false;
      }
      lines[size++] = line;
    }

    boolean contains(long line) {
      if (!sorted) {
        Arrays.sort(lines, 0, size);
        sorted = true;
      }
      return Arrays.binarySearch(lines, 0, size, line) >= 0;
    }
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  public boolean ok(boolean skipInvalid) {
    return fatal.isEmpty() && (skipInvalid || invalid == 0);
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
    all.addAll(rows);
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
      s.append("\nFix these rows, or run again with --skip-invalid to leave them out.");
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
    return emptyBreaks;
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
    return Collections.unmodifiableMap(attachmentBytes);
  }

  public List<Attachments.Attachment> attachments() {
    return List.copyOf(attachments);
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

  public int total() {
    return total;
  }
}
