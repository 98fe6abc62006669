package dev.herald.campaign;

import dev.herald.template.TemplateSet;
import java.util.ArrayList;
import java.util.List;

/**
 * How the contacts with one {@code language} value (as written, stripped) are served: which
 * template they get, and, when no variant matched, the first few of them by file:line.
 */
public final class LanguageUse {
  private final TemplateSet.Choice choice;
  int count;
  final List<String> named = new ArrayList<>();

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
