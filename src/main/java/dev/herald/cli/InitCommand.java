package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.init.NewFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald init}: starts a working folder that passes {@code check}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "init",
    description = {
      "Start a working folder: an example contact list, an empty opt-out list, a release"
          + " template with a guide to its headers, commented settings and a .gitignore. It"
          + " passes herald check as it stands. Never replaces a file that exists."
    })
public final class InitCommand implements Callable<Integer> {
  @ParentCommand HeraldCommand root;
  @Spec CommandSpec spec;
  @Mixin Common common;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "The folder to start (created if missing). Default: the working folder.")
  Path dir;

  @Override
  public Integer call() {
    Path target = dir == null ? root.workdir() : root.resolve(dir);
    List<NewFolder.Made> made = NewFolder.create(target);
    PrintWriter out = spec.commandLine().getOut();
    Output.summary(out, true, "Started a herald working folder in " + Display.path(target) + ":");
    int width = made.stream().mapToInt(m -> m.path().length()).max().orElse(0);
    for (NewFolder.Made m : made) {
      out.printf("  %-" + width + "s  %s%n", m.path(), m.purpose());
    }
    Path cwd = root.invocation.cwd().toAbsolutePath().normalize();
    String in = target.equals(cwd) ? "" : "-C " + shellWord(cwd, target) + " ";
    out.println();
    out.println("Next: edit templates/release.md and contacts/media.csv, then");
    out.println("  herald " + in + "check templates/release.md");
    out.println("  herald " + in + "preview templates/release.md     (open preview/index.html)");
    out.println(
        "  herald " + in + "send templates/release.md        (no smtp.host: writes to outbox/)");
    out.flush();
    return ExitCodes.OK;
  }

  /** The folder as the user would type it after {@code -C}: relative where it can be, quoted. */
  private static String shellWord(Path cwd, Path target) {
    String p = target.startsWith(cwd) ? cwd.relativize(target).toString() : target.toString();
    return p.matches("[A-Za-z0-9._/@%+=:,-]+") ? p : "'" + p.replace("'", "'\\''") + "'";
  }
}
