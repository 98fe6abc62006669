package dev.herald.template;

import dev.herald.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A template's {@code Follow-Up: CAMPAIGN} header, which makes it a follow-up of that campaign (the
 * same as {@code send --follow-up CAMPAIGN}), and {@code Follow-Up-Again: yes}, which lets a
 * follow-up campaign itself be followed up. Both are the same for everyone: no placeholders.
 */
public final class FollowUpHeader {
  private FollowUpHeader() {}

  private static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** The campaign the template follows up, from its base file; empty if it names none. */
  public static Optional<String> campaign(Template t) {
    Snippet s = t.header("follow-up");
    return s == null ? Optional.empty() : Optional.of(s.text().strip());
  }

  /** Whether the template says that it may itself be followed up ({@code Follow-Up-Again}). */
  public static boolean again(Template t) {
    Snippet s = t.header("follow-up-again");
    return s != null && yes(s.text());
  }

  private static boolean yes(String v) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    return s.equals("yes") || s.equals("true");
  }

  /** Problems with the two headers as written. */
  static List<Problem> problems(TemplateFile src) {
    List<Problem> problems = new ArrayList<>();
    TemplateFile.Header f = src.header("follow-up");
    if (f != null) {
      if (f.value().contains("{{")) {
        problems.add(
            new Problem(
                src.file(),
                f.line(),
                f.valueColumn(),
                "placeholders are not allowed in Follow-Up: it names one campaign for everyone"));
      } else if (!CAMPAIGN_ID.matcher(f.value().strip()).matches()) {
        problems.add(
            new Problem(
                src.file(),
                f.line(),
                f.valueColumn(),
                "Follow-Up: '"
                    + f.value()
                    + "' is not a campaign id (letters, digits, '.', '_' and '-', at most 64)"));
      }
    }
    TemplateFile.Header a = src.header("follow-up-again");
    if (a != null) {
      String v = a.value().strip().toLowerCase(Locale.ROOT);
      if (!List.of("yes", "no", "true", "false").contains(v)) {
        problems.add(
            new Problem(
                src.file(),
                a.line(),
                a.valueColumn(),
                "Follow-Up-Again: '" + a.value() + "' must be yes or no"));
      }
    }
    return problems;
  }
}
