package dev.herald.template;

import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.Problem;

/** A contact whose data cannot be made into a safe message: exit 2, naming file, line, column. */
public final class RenderException extends HeraldException {
  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  public RenderException(Problem problem) {
    super(ExitCodes.INPUT, problem.toString());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
