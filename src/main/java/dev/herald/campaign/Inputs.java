package dev.herald.campaign;

import dev.herald.Display;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.Problem;
import dev.herald.contacts.OptOutList;
import dev.herald.template.TemplateException;
import dev.herald.template.TemplateSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campaign's inputs as loaded: the templates, and the contacts with the opt-out list applied (the
 * audience). An input that cannot be loaded is null, and what stops it is among {@code fatal}.
 */
record Inputs(
    TemplateSet templates, Audience audience, List<Problem> fatal, List<String> warnings) {
  private static final Pattern AT_LINE = Pattern.compile("(\\d+): (.*)", Pattern.DOTALL);

  /**
   * Loads every input, collecting every problem rather than stopping at the first; {@code key}
   * matches the opt-out entries that {@code herald forget} left.
   */
  static Inputs load(
      Path template,
      Path contacts,
      List<Path> optOutFiles,
      Filter filter,
      InputLimits limits,
      FolderKey key) {
    List<Problem> fatal = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    TemplateSet templates = null;
    try {
      templates = TemplateSet.load(template, limits);
    } catch (TemplateException e) {
      fatal.addAll(e.problems());
    } catch (HeraldException e) {
      fatal.add(located(template, e.getMessage()));
    }
    OptOutList optOut = null;
    try {
      optOut = OptOutList.load(optOutFiles, limits, key);
      warnings.addAll(optOut.warnings());
      for (OptOutList.Source s : optOut.sources().subList(1, optOut.sources().size())) {
        warnings.add(
            Display.path(s.file())
                + " beside the contact file is applied as well as "
                + Display.path(optOut.file())
                + "; move its entries into "
                + Display.path(optOut.file())
                + ", which applies to every command");
      }
    } catch (OptOutList.Unreadable e) {
      fatal.add(located(e.file(), e.getMessage()));
    } catch (HeraldException e) {
      fatal.add(located(optOutFiles.get(0), e.getMessage()));
    }
    Audience audience = null;
    if (optOut != null) {
      try {
        audience = new Audience(contacts, optOut, limits, filter);
      } catch (HeraldException e) {
        fatal.add(located(contacts, e.getMessage()));
      }
    }
    return new Inputs(templates, audience, fatal, warnings);
  }

  /**
   * A problem with {@code file} from an error message that may already start with the file's
   * location ({@code "file: "} or {@code "file:LINE: "}), which then becomes the problem's own
   * location rather than being printed twice.
   */
  private static Problem located(Path file, String message) {
    String prefix = Display.path(file) + ":";
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
}
