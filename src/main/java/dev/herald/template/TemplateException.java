package dev.herald.template;

import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** One or more problems in a template: exit 2, each problem with file, line and column. */
public final class TemplateException extends HeraldException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public TemplateException(List<Problem> problems) {
    super(
        ExitCodes.INPUT,
        problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
