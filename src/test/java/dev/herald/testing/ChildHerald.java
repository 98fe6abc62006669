package dev.herald.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * herald in a child JVM, for what only a real process shows: signals, locks held by another
 * process, a limit on file size, a small heap. Its output goes to {@code child-out.txt} and {@code
 * child-err.txt} in the working folder.
 */
public final class ChildHerald {
  private final Path dir;
  private final List<String> javaOptions = new ArrayList<>();
  private Map<String, String> env = Map.of();
  private long fileSizeLimitKb;
  private boolean stdinPipe;

  private ChildHerald(Path dir) {
    this.dir = dir;
  }

  /** herald started with {@code -C dir}, in {@code dir}. */
  public static ChildHerald in(Path dir) {
    return new ChildHerald(dir);
  }

  /** Options for the JVM, such as {@code -Xmx64m}. */
  public ChildHerald javaOptions(String... options) {
    javaOptions.addAll(List.of(options));
    return this;
  }

  /** More environment (every HERALD_ variable of the test's own environment is removed). */
  public ChildHerald env(Map<String, String> env) {
    this.env = Map.copyOf(env);
    return this;
  }

  /**
   * The largest file the child may write ({@code ulimit -f}, in KiB): a write beyond it fails with
   * "File too large", as on a full disk. Needs a POSIX shell.
   */
  public ChildHerald fileSizeLimitKb(long kb) {
    this.fileSizeLimitKb = kb;
    return this;
  }

  /** Whether the child's standard input is a pipe the test writes to (else empty). */
  public ChildHerald stdinPipe() {
    this.stdinPipe = true;
    return this;
  }

  public Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:-UsePerfData"); // no shared-memory file: it would count against a size limit
    command.addAll(javaOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.herald.Main"));
    command.addAll(List.of("-C", dir.toString()));
    command.addAll(List.of(args));
    if (fileSizeLimitKb > 0) {
      List<String> shell =
          new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -f \"$0\" && exec \"$@\""));
      shell.add(String.valueOf(fileSizeLimitKb));
      shell.addAll(command);
      command = shell;
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("child-out.txt").toFile())
            .redirectError(dir.resolve("child-err.txt").toFile());
    if (!stdinPipe) {
      builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    }
    builder.environment().keySet().removeIf(k -> k.startsWith("HERALD_"));
    builder.environment().putAll(env);
    return builder.start();
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win")
            ? "NUL"
            : "/dev/null");
  }

  /** What the child printed on standard output. */
  public String out() throws IOException {
    return Files.readString(dir.resolve("child-out.txt"), UTF_8);
  }

  /** What the child printed on standard error. */
  public String err() throws IOException {
    return Files.readString(dir.resolve("child-err.txt"), UTF_8);
  }

  /** Both, labelled, for assertion messages. */
  public String output() throws IOException {
    return "child stdout:\n" + out() + "\nchild stderr:\n" + err();
  }

  /** Sends SIGINT, as Ctrl-C in a terminal does ({@link Process#destroy} sends SIGTERM). */
  public static void interrupt(Process p) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -INT " + p.pid() + " failed");
    }
  }

  /**
   * Writes {@code n} contacts to {@code contacts/media.csv} in {@code dir}, numbered from 0; {@link
   * #address} gives the address of each.
   */
  public static void contacts(Path dir, int n) throws IOException {
    StringBuilder csv =
        new StringBuilder("email,first_name,last_name,salutation,outlet,language\n");
    for (int i = 0; i < n; i++) {
      csv.append(address(i))
          .append(",Anna,Nowak-")
          .append(i)
          .append(",Dear Editor,Regional Daily ")
          .append(i)
          .append(i % 3 == 0 ? ",pl\n" : ",en\n");
    }
    Files.writeString(dir.resolve("contacts/media.csv"), csv.toString(), UTF_8);
  }

  public static String address(int i) {
    return String.format(Locale.ROOT, "editor%05d@newsroom%d.example", i, i % 7);
  }
}
