package dev.herald.template;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.Problem;
import dev.herald.journal.TemplateRecord;
import dev.herald.util.Hashes;
import dev.herald.util.Similar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A release in all its languages: {@code NAME.md} and any {@code NAME.LANG.md} beside it. A contact
 * gets the variant named by its {@code language} column, or {@code NAME.md}.
 */
public final class TemplateSet {
  /** {@code NAME.SUFFIX.md}; the suffix is a variant only if it is a language tag. */
  private static final Pattern VARIANT =
      Pattern.compile("(.+)\\.([A-Za-z0-9-]{2,35})\\.md", Pattern.CASE_INSENSITIVE);

  private final Template base;
  private final Map<String, Template> variants;
  private final Path namedVariant;

  private TemplateSet(Template base, Map<String, Template> variants, Path namedVariant) {
    this.base = base;
    this.variants = variants;
    this.namedVariant = namedVariant;
  }

  /** Which template a contact's language gets, and whether it had to fall back to the default. */
  public record Choice(Template template, String tag, boolean fellBack) {}

  /**
   * Loads the template at {@code path} and its language variants; every problem in any of them is
   * reported together. Sections may be nested at most {@code limits.maxDepth()} deep.
   */
  public static TemplateSet load(Path path, InputLimits limits) {
    Path file = path.toAbsolutePath().normalize();
    String fileName = file.getFileName().toString();
    if (!fileName.toLowerCase(Locale.ROOT).endsWith(".md")) {
      throw HeraldException.input(
          Display.path(path) + ": a template is a Markdown file ending in .md");
    }
    Path dir = file.getParent();
    String name = fileName.substring(0, fileName.length() - 3);
    Matcher m = VARIANT.matcher(fileName);
    Path namedVariant = null;
    if (m.matches()
        && Language.variantTag(m.group(2)).isPresent()
        && Files.exists(dir.resolve(m.group(1) + ".md"))) {
      name = m.group(1); // a variant was named: use the whole set
      namedVariant = file;
    }
    Path baseFile = dir.resolve(name + ".md");
    List<Problem> problems = new ArrayList<>();
    Template base = null;
    try {
      base = Template.load(baseFile, "", name, limits.maxDepth());
    } catch (TemplateException e) {
      problems.addAll(e.problems());
    }
    Map<String, Template> variants = new TreeMap<>();
    for (Path v : variantFiles(dir, name)) {
      Matcher vm = VARIANT.matcher(v.getFileName().toString());
      if (!vm.matches()) {
        continue;
      }
      String lang = Language.variantTag(vm.group(2)).orElseThrow();
      String key = lang.toLowerCase(Locale.ROOT);
      Template other = variants.get(key);
      if (other != null) {
        problems.add(
            Problem.file(
                v,
                "names the same language as "
                    + Display.path(other.file())
                    + "; keep one file per language"));
        continue;
      }
      try {
        variants.put(key, Template.load(v, lang, name, limits.maxDepth()));
      } catch (TemplateException e) {
        problems.addAll(e.problems());
      }
    }
    if (base != null) {
      for (Template t : variants.values()) {
        if (!t.campaign().equals(base.campaign())) {
          problems.add(
              Problem.file(
                  t.file(),
                  "its campaign '"
                      + t.campaign()
                      + "' differs from '"
                      + base.campaign()
                      + "' in "
                      + Display.path(base.file())
                      + "; all languages of a release are one campaign"));
        }
        problems.addAll(scheduleDiffers(t, base));
      }
      Template release = base;
      variants.replaceAll((k, t) -> t.withScheduleOf(release));
    }
    if (!problems.isEmpty()) {
      throw new TemplateException(problems);
    }
    return new TemplateSet(base, Map.copyOf(variants), namedVariant);
  }

  /**
   * A variant may repeat the release's schedule but not change it: one release goes out at one
   * time, under one embargo, in every language. A time written in another zone that is the same
   * instant is the same schedule.
   */
  private static List<Problem> scheduleDiffers(Template variant, Template base) {
    List<Problem> problems = new ArrayList<>();
    Schedule own = variant.schedule();
    Schedule release = base.schedule();
    for (String key : Schedule.KEYS) {
      Optional<String> mine = own.value(key);
      if (mine.isEmpty()) {
        continue;
      }
      Optional<String> theirs = release.value(key);
      boolean same =
          theirs.isPresent()
              && (mine.equals(theirs)
                  || !key.equals("embargo-subject")
                      && Template.zoned(mine.get()).isEqual(Template.zoned(theirs.get())));
      if (!same) {
        String name = Template.displayName(key);
        problems.add(
            Problem.at(
                variant.file(),
                variant.source().header(key).line(),
                "its "
                    + name
                    + " ("
                    + mine.get()
                    + ") differs from "
                    + Display.path(base.file())
                    + theirs.map(v -> ", which says " + v).orElse(", which has none")
                    + "; the schedule is the release's, the same in every language: write "
                    + name
                    + " once in "
                    + Display.path(base.file())
                    + " and leave it out of the variants (they take it from there)"));
      }
    }
    return problems;
  }

  private static List<Path> variantFiles(Path dir, String name) {
    try (Stream<Path> files = Files.list(dir)) {
      String prefix = name + ".";
      return files
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> VARIANT.matcher(p.getFileName().toString()).matches())
          .filter(
              p -> {
                Matcher vm = VARIANT.matcher(p.getFileName().toString());
                return vm.matches()
                    && vm.group(1).equals(name)
                    && Language.variantTag(vm.group(2)).isPresent();
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw HeraldException.input(Display.path(dir) + ": cannot list templates: " + e.getMessage());
    }
  }

  public Template base() {
    return base;
  }

  public String campaign() {
    return base.campaign();
  }

  /**
   * The variant file named on the command line ({@code release.pl.md}), if one was, rather than the
   * release's default file.
   */
  public Optional<Path> namedVariant() {
    return Optional.ofNullable(namedVariant);
  }

  /**
   * The variant for a contact's language value, else the base. The value is read as a language tag
   * ({@code pl_PL} as {@code pl-PL}, {@code pol} and {@code Polish} as {@code pl}) and looked up as
   * RFC 4647 does: {@code zh-Hant-TW} finds {@code zh-Hant}, {@code pl-PL} finds {@code pl}.
   */
  public Template forLanguage(String language) {
    return choose(language).template();
  }

  /** Like {@link #forLanguage}, saying also whether a language was given and none matched. */
  public Choice choose(String language) {
    if (language == null || language.isBlank()) {
      return new Choice(base, "", false);
    }
    Optional<String> tag = Language.ofContact(language);
    if (tag.isPresent()) {
      for (String candidate : Language.lookupChain(tag.get())) {
        Template t = variants.get(candidate);
        if (t != null) {
          return new Choice(t, tag.get(), false);
        }
      }
    }
    // NAME.md is English (its HTML says lang="en"): an English contact is served, not fallen back
    boolean english = tag.isPresent() && Language.within(tag.get(), "en");
    return new Choice(base, tag.orElse(""), !english);
  }

  /**
   * A hash of the release as written: the header block and body of the default file and of every
   * variant (default first, then the variants by language tag, each named by its tag), as the first
   * {@link dev.herald.journal.TemplateRecord#HASH_LENGTH} hexadecimal digits of their SHA-256.
   * Header keys are compared case-insensitively, so they are hashed in lower case; line ends and a
   * byte-order mark do not count, since the template reader ignores them too. The journal keeps it
   * beside each line, so that a run can tell whether it sends the release the campaign was sent
   * from.
   */
  public String fingerprint() {
    StringBuilder text = new StringBuilder();
    for (Template t : all()) {
      TemplateFile f = t.source();
      // lengths before values: no header or body can be made to read as the next file's start
      text.append("file ").append(t.language().length()).append(':').append(t.language());
      text.append('\n');
      for (TemplateFile.Header h : f.headers()) {
        String key = h.key().toLowerCase(Locale.ROOT);
        String value = lineEnds(h.value());
        text.append(key.length()).append(':').append(key);
        text.append(value.length()).append(':').append(value).append('\n');
      }
      String body = lineEnds(f.body());
      text.append("body ").append(body.length()).append(':').append(body).append('\n');
    }
    byte[] digest = Hashes.sha256(text.toString());
    StringBuilder hex = new StringBuilder();
    for (int i = 0; hex.length() < TemplateRecord.HASH_LENGTH; i++) {
      hex.append(Character.forDigit((digest[i] >> 4) & 15, 16));
      hex.append(Character.forDigit(digest[i] & 15, 16));
    }
    return hex.toString();
  }

  private static String lineEnds(String text) {
    String lf = text.replace("\r\n", "\n").replace('\r', '\n');
    return lf.startsWith("\uFEFF") ? lf.substring(1) : lf;
  }

  /** The base template and every variant. */
  public List<Template> all() {
    List<Template> all = new ArrayList<>();
    all.add(base);
    all.addAll(variants.values());
    return all;
  }

  public Collection<String> languages() {
    return variants.keySet();
  }

  /**
   * Every placeholder, in every variant, that neither a column nor a built-in provides: an error
   * before anything is rendered, never an empty string.
   */
  public List<Problem> unknownNames(Collection<String> columns, Path contactsFile) {
    Set<String> known = new HashSet<>(columns);
    known.addAll(Builtins.ALL);
    if (base.embargo().isEmpty()) {
      known.remove(Builtins.EMBARGO);
    }
    List<Problem> problems = new ArrayList<>();
    for (Template t : all()) {
      for (Snippet s : t.snippets()) {
        for (Placeholders.Tag tag : s.tags()) {
          if (tag.kind() == '/' || known.contains(tag.name())) {
            continue;
          }
          String msg;
          if (tag.name().equals(Builtins.EMBARGO)) {
            msg = "{{embargo}} is used but the template has no 'Embargo:' header";
          } else {
            msg =
                "{{"
                    + (tag.kind() == ' ' ? "" : String.valueOf(tag.kind()))
                    + tag.name()
                    + "}} is not a column of "
                    + Display.path(contactsFile)
                    + " nor a built-in variable"
                    + suggestion(tag.name(), known);
          }
          problems.add(new Problem(t.file(), tag.line(), tag.column(), msg));
        }
      }
    }
    return problems;
  }

  private static String suggestion(String name, Set<String> known) {
    String best = Similar.closest(name, known, 3).orElse(null);
    if (best != null && !Placeholders.NAME.matcher(best).matches()) {
      // A column such as "first name" cannot be written as a placeholder at all.
      return " (the column '"
          + best
          + "' is close, but a placeholder cannot name it: rename the column to '"
          + name
          + "')";
    }
    return best == null ? "" : " (did you mean {{" + best + "}}?)";
  }
}
