package dev.herald.cli;

import dev.herald.Display;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command: lists the commands, the exit codes and examples. Its subcommands are listed in
 * {@link HeraldCommands}, which {@link Cli} reads to build only the one a command line names.
 */
@Command(
    name = "herald",
    mixinStandardHelpOptions = true,
    versionProvider = HeraldCommand.Version.class,
    description = {
      "Merges a press release with a list of media contacts, previews every personalised"
          + " message, sends them over SMTP exactly once, and logs the interview requests that"
          + " come back.",
      ""
    },
    usageHelpWidth = 100,
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  done: everything due was sent, previewed or checked; also \"not yet due\"",
      "     before Send-At",
      "  1  unexpected internal error (a bug: the message says so, --stacktrace shows it)",
      "  2  usage error or invalid input: bad option, unreadable or malformed CSV or",
      "     template, missing placeholder; nothing was sent",
      "  3  partly delivered: some recipients failed, were deferred or are unknown (sent",
      "     whole, no reply came); the journal and the summary say which",
      "  4  could not deliver at all: server unreachable, TLS or authentication failed,",
      "     journal in use by another run; nothing was delivered, a re-run continues",
      "  5  stopped early: interrupted (SIGTERM, Ctrl-C) or the journal could not be",
      "     written; the summary says what was delivered, a re-run continues",
      "",
      "Examples:",
      "  herald check templates/podlaskie-digitalisation.md --contacts contacts/media.csv",
      "  herald preview templates/podlaskie-digitalisation.md",
      "  herald send templates/podlaskie-digitalisation.md --dry-run",
      "  HERALD_SMTP_PASSWORD=... herald send templates/podlaskie-digitalisation.md \\",
      "      --smtp-host smtp.example.org --smtp-user press --yes",
      "  herald interviews list --campaign podlaskie-digitalisation",
      "  herald report podlaskie-digitalisation"
    })
public class HeraldCommand implements Runnable {
  final Invocation invocation;

  @Spec CommandSpec spec;

  @CommandLine.Mixin OutputOptions output;
  private Path directory;

  /** Each {@code -C} given, before the subcommand or after it; two that differ are refused. */
  private final List<Path> directories = new ArrayList<>();

  // Inherited, so that "herald send -C dir x.md" means "herald -C dir send x.md": a person who
  // adds the folder at the end of a command line should not get "unknown option".
  @Option(
      names = {"-C", "--directory"},
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Run as if started in DIR (the working folder). Default: the current folder.")
  void directory(Path dir) {
    if (dir != null) {
      directories.add(dir);
      directory = dir;
    }
  }

  public HeraldCommand(Invocation invocation) {
    this.invocation = invocation;
  }

  /** For tools that build the command by reflection (picocli's completion and man generators). */
  public HeraldCommand() {
    this(Invocation.system());
  }

  /** The working folder: {@code -C DIR} resolved against the current folder. */
  public Path workdir() {
    if (directory == null) {
      return invocation.cwd();
    }
    for (Path other : directories) {
      if (!invocation
          .cwd()
          .resolve(other)
          .normalize()
          .equals(invocation.cwd().resolve(directory).normalize())) {
        throw HeraldException.input(
            "-C "
                + other
                + " and -C "
                + directory
                + " name different working folders; give -C once, before or after the command");
      }
    }
    Path dir = invocation.cwd().resolve(directory).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw HeraldException.input(
          "-C "
              + directory
              + ": "
              + (Files.exists(dir)
                  ? "is a file, not a folder"
                  : "no such folder (" + Display.path(dir) + ")")
              + "; give the working folder that holds templates/ and contacts/");
    }
    return dir;
  }

  /** A path given by the user, resolved against the working folder. */
  public Path resolve(Path p) {
    return workdir().resolve(p).toAbsolutePath().normalize();
  }

  /**
   * The working folder's key for references and Message-IDs ({@code HERALD_KEY}, else {@code
   * .herald/key}, created on first use).
   */
  public FolderKey key() {
    return FolderKey.load(invocation.env(), workdir());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The version from the jar's manifest, else from the version resource that the build writes (the
   * man pages are made from the classes, before there is a jar).
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = HeraldCommand.class.getPackage().getImplementationVersion();
      if (v == null) {
        v = fromResource();
      }
      return new String[] {"herald " + (v == null ? "(development build)" : v)};
    }

    private static String fromResource() {
      try (var in = HeraldCommand.class.getResourceAsStream("/dev/herald/version.txt")) {
        String v = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        return v.isEmpty() || v.startsWith("$") ? null : v;
      } catch (IOException e) {
        return null;
      }
    }
  }
}
