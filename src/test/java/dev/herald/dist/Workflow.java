package dev.herald.dist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Runs the {@code run:} steps of a GitHub Actions workflow's one job as the runner would: each in
 * {@code bash --noprofile --norc -eo pipefail} (what {@code shell: bash} means there), in order,
 * with the workflow's and the step's {@code env:}, {@code if:} conditions ({@code always()}, {@code
 * success()}, {@code failure()}) and {@code $GITHUB_PATH}. {@code uses:} steps are actions, which
 * only GitHub runs: they are listed, not run. Expressions are allowed only in {@code env:} values,
 * and only {@code secrets.*}, {@code vars.*} and {@code github.*} (a {@code run:} body that held
 * one would be open to script injection); anything else fails the test.
 */
final class Workflow {
  /** One step as written. */
  record Step(String name, String condition, String uses, String run, Map<String, String> env) {}

  /**
   * What one step did; {@code ran} is false for a step skipped by its condition or a uses: step.
   */
  record Outcome(Step step, boolean ran, Dist.Result result) {
    boolean failed() {
      return ran && result.exit() != 0;
    }
  }

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]*?)\\s*}}");

  final Map<String, String> env;
  final List<Step> steps;

  @SuppressWarnings("unchecked")
  Workflow(Path file) throws IOException {
    Map<String, Object> doc =
        (Map<String, Object>)
            new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    env = strings((Map<String, Object>) doc.get("env"));
    Map<String, Object> jobs = (Map<String, Object>) doc.get("jobs");
    if (jobs.size() != 1) {
      fail("the example has one job, not " + jobs.keySet());
    }
    Map<String, Object> job = (Map<String, Object>) jobs.values().iterator().next();
    Map<String, Object> defaults = (Map<String, Object>) job.get("defaults");
    String shell = (String) ((Map<String, Object>) defaults.get("run")).get("shell");
    if (!"bash".equals(shell)) {
      fail("the job's default shell is " + shell + ", not bash");
    }
    steps = new ArrayList<>();
    for (Object o : (List<Object>) job.get("steps")) {
      Map<String, Object> s = (Map<String, Object>) o;
      if (s.containsKey("shell")) {
        fail("a step sets its own shell: " + s);
      }
      steps.add(
          new Step(
              (String) s.getOrDefault("name", s.get("uses")),
              (String) s.get("if"),
              (String) s.get("uses"),
              (String) s.get("run"),
              strings((Map<String, Object>) s.get("env"))));
    }
  }

  private static Map<String, String> strings(Map<String, Object> m) {
    Map<String, String> out = new LinkedHashMap<>();
    if (m != null) {
      m.forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
    }
    return out;
  }

  /**
   * Runs the steps in {@code workspace} with {@code context} giving each expression's value (e.g.
   * {@code secrets.HERALD_KEY}) and {@code base} the environment every step starts from.
   */
  List<Outcome> run(
      Path workspace, Path temp, Map<String, String> context, Map<String, String> base)
      throws IOException {
    Path githubPath = Files.createFile(temp.resolve("github_path"));
    List<String> pathAdds = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>();
    boolean failed = false;
    int n = 0;
    for (Step step : steps) {
      n++;
      if (step.uses() != null) {
        outcomes.add(new Outcome(step, false, null));
        continue;
      }
      assertFalse(step.run().contains("${{"), step.name() + ": an expression in a run: body");
      String cond = step.condition() == null ? "success()" : step.condition();
      boolean due =
          switch (cond) {
            case "always()" -> true;
            case "success()" -> !failed;
            case "failure()" -> failed;
            default -> throw new AssertionError(step.name() + ": if: " + cond + " is not modelled");
          };
      if (!due) {
        outcomes.add(new Outcome(step, false, null));
        continue;
      }
      Map<String, String> e = new HashMap<>(base);
      e.put("GITHUB_PATH", githubPath.toString());
      e.put("RUNNER_TEMP", temp.toString());
      e.put("GITHUB_WORKSPACE", workspace.toString());
      e.put(
          "PATH", String.join(":", pathAdds) + (pathAdds.isEmpty() ? "" : ":") + base.get("PATH"));
      env.forEach((k, v) -> e.put(k, expand(v, context)));
      step.env().forEach((k, v) -> e.put(k, expand(v, context)));
      Path script = temp.resolve("step-" + n + ".sh");
      Files.writeString(script, step.run());
      Dist.Result r =
          Dist.run(
              workspace,
              e,
              true,
              "bash",
              "--noprofile",
              "--norc",
              "-eo",
              "pipefail",
              script.toString());
      outcomes.add(new Outcome(step, true, r));
      failed |= r.exit() != 0;
      pathAdds.clear();
      List<String> added = new ArrayList<>(Files.readAllLines(githubPath));
      java.util.Collections.reverse(added); // the last line added comes first, as on GitHub
      pathAdds.addAll(added);
    }
    return outcomes;
  }

  private static String expand(String value, Map<String, String> context) {
    Matcher m = EXPRESSION.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      if (!context.containsKey(name)) {
        fail("the test gives no value for ${{ " + name + " }}");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(context.get(name)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
