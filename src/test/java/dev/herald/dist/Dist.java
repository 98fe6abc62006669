package dev.herald.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.herald.testing.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the distribution tests share: the built archives, unpacking them, running programs, and the
 * rule for the tools they need.
 *
 * <p>The rule: a test that needs a program (bash, dash, zsh, man, git, unzip, jq) calls {@link
 * #requireTool}. Where the program is missing, the test fails when {@code HERALD_REQUIRE_TOOLS} is
 * set (.ci/run installs the programs and sets it, so CI can never skip one silently), and is
 * skipped, saying which package brings the program, everywhere else.
 */
final class Dist {
  private Dist() {}

  static String version() {
    return System.getProperty("herald.version", "0.1.0");
  }

  static Path archive(String ext) {
    Path p = Samples.projectRoot().resolve("target/herald-" + version() + "." + ext);
    assertTrue(Files.isRegularFile(p), p + " is missing: `mvn package` builds it");
    return p;
  }

  /** Unpacks the tar.gz (which keeps file modes) into {@code dir}; returns herald-VERSION/. */
  static Path unpack(Path dir) {
    requireTool("tar", "tar");
    Result r = run(dir, Map.of(), "tar", "xzf", archive("tar.gz").toString());
    assertEquals(0, r.exit(), r.all());
    return dir.resolve("herald-" + version());
  }

  /** Fails (under .ci/run) or skips (elsewhere) when {@code tool} is not on the PATH. */
  static void requireTool(String tool, String debianPackage) {
    if (onPath(tool)) {
      return;
    }
    String why = tool + " is not installed (Debian package " + debianPackage + ")";
    if (System.getenv("HERALD_REQUIRE_TOOLS") != null) {
      fail(why + ", though HERALD_REQUIRE_TOOLS says .ci/run installed it");
    }
    Assumptions.abort("skipped: " + why + "; .ci/run installs it");
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** What a program did. */
  record Result(int exit, String out, String err) {
    String all() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** Runs {@code command} in {@code dir} with the test's environment plus {@code env}. */
  static Result run(Path dir, Map<String, String> env, String... command) {
    return run(dir, env, false, command);
  }

  /**
   * Runs {@code command}; with {@code clean} the environment is only {@code env} (so that no
   * JAVA_HOME or PATH of the test's leaks in).
   */
  static Result run(Path dir, Map<String, String> env, boolean clean, String... command) {
    try {
      Path out = Files.createTempFile("dist-out", ".txt");
      Path err = Files.createTempFile("dist-err", ".txt");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      if (clean) {
        pb.environment().clear();
      }
      Map<String, String> e = new HashMap<>(env);
      e.forEach(
          (k, v) -> {
            if (v == null) {
              pb.environment().remove(k);
            } else {
              pb.environment().put(k, v);
            }
          });
      Process p = pb.start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", command) + " did not end within 180 s");
      }
      Result r =
          new Result(
              p.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Writes an executable script. */
  static Path script(Path file, String... lines) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.join("\n", lines) + "\n");
      assertTrue(file.toFile().setExecutable(true));
      return file;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A PATH of the basic tools only (so that no java is on it), made of links in {@code dir}. */
  static Path toolsWithoutJava(Path dir, String... tools) throws IOException {
    List<String> names = new ArrayList<>(List.of(tools));
    names.addAll(List.of("dirname", "readlink", "sed", "cat", "sh"));
    Files.createDirectories(dir);
    for (String t : names) {
      for (String d : List.of("/usr/bin", "/bin")) {
        Path real = Path.of(d, t);
        if (Files.isExecutable(real) && !Files.exists(dir.resolve(t))) {
          Files.createSymbolicLink(dir.resolve(t), real);
        }
      }
    }
    return dir;
  }
}
