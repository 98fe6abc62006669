package dev.herald.init;

import dev.herald.Display;
import dev.herald.HeraldException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A new working folder that passes {@code check} as it stands: an example contact list, an empty
 * opt-out list, a release template and its guide, commented settings, and a {@code .gitignore}. The
 * files are copied from the resources under {@code dev/herald/init/}. Nothing that exists is ever
 * replaced: an existing {@code .gitignore} only gets the lines it lacks.
 */
public final class NewFolder {
  private static final String RESOURCES = "dev/herald/init/";

  /** One file made by {@code init}: where it goes, and what it is for, as listed afterwards. */
  public record Made(String path, String purpose) {}

  /** The files, in the order they are listed; the resource has the same path. */
  static final List<Made> FILES =
      List.of(
          new Made(
              "contacts/media.csv",
              "one example contact at a reserved .example domain: replace it with your list"),
          new Made("contacts/optout.csv", "the opt-out list: addresses herald never mails"),
          new Made("templates/release.md", "the release: edit its header block and its body"),
          new Made("templates/README.md", "what each header and placeholder does"),
          new Made(
              "herald.properties",
              "settings, all commented out; with no smtp.host, send writes to outbox/"));

  /** What {@code .gitignore} must hold: made files and the folder's secret stay out of git. */
  static final List<String> IGNORED = List.of("outbox/", "preview/", ".herald/");

  private NewFolder() {}

  /**
   * Creates the working folder's files in {@code dir} (created if missing) and returns what was
   * made. Refuses, creating nothing, when any of the files exists already; if writing fails part
   * way (a full disk, a file made by someone else meanwhile), the files made so far are removed.
   */
  public static List<Made> create(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw HeraldException.input(Display.path(dir) + " exists and is not a folder");
    }
    List<String> present = new ArrayList<>();
    for (Made m : FILES) {
      // a dangling symbolic link counts: writing through it would create a file elsewhere
      if (Files.exists(dir.resolve(m.path()), LinkOption.NOFOLLOW_LINKS)) {
        present.add(m.path());
      }
    }
    if (!present.isEmpty()) {
      throw HeraldException.input(
          Display.path(dir)
              + " already has "
              + String.join(", ", present)
              + "; herald init never replaces a file: move "
              + (present.size() == 1 ? "it" : "them")
              + " away, or start the folder elsewhere (herald init DIR). Nothing was created.");
    }
    List<Path> made = new ArrayList<>(); // files and folders, in the order they were made
    List<Made> out = new ArrayList<>();
    try {
      for (Made m : FILES) {
        Path target = dir.resolve(m.path());
        List<Path> folders = new ArrayList<>();
        for (Path p = target.getParent(); p != null && !Files.exists(p); p = p.getParent()) {
          folders.add(0, p);
        }
        Files.createDirectories(target.getParent());
        made.addAll(folders);
        write(target, resource(m.path()));
        made.add(target);
        out.add(m);
      }
      gitignore(dir).ifPresent(out::add);
    } catch (IOException | UncheckedIOException e) {
      for (int i = made.size() - 1; i >= 0; i--) {
        try {
          Files.deleteIfExists(made.get(i)); // a folder only if empty: it may hold a file of theirs
        } catch (IOException ignored) {
          // the message below names the folder; what is left there is the user's to see
        }
      }
      String why =
          e instanceof FileAlreadyExistsException f
              ? Display.path(Path.of(f.getFile())) + " exists already"
              : e.getMessage();
      throw HeraldException.input(
          Display.path(dir) + ": cannot create the working folder: " + why + "; nothing was kept");
    }
    return out;
  }

  /** Writes a new file; fails if one exists by then (another process, a race). */
  private static void write(Path target, byte[] content) throws IOException {
    try (OutputStream o =
        Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      o.write(content);
    }
  }

  /**
   * A new {@code .gitignore}, or the lines an existing one lacks appended to it; empty when it
   * already ignores everything.
   */
  private static Optional<Made> gitignore(Path dir) throws IOException {
    Path file = dir.resolve(".gitignore");
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      write(file, resource("gitignore"));
      return Optional.of(
          new Made(".gitignore", "keeps outbox/, preview/ and the secret key out of git"));
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> lines = text.lines().map(String::strip).toList();
    List<String> missing = new ArrayList<>();
    for (String entry : IGNORED) {
      String bare = entry.substring(0, entry.length() - 1);
      if (!lines.contains(entry)
          && !lines.contains(bare)
          && !lines.contains("/" + entry)
          && !lines.contains("/" + bare)) {
        missing.add(entry);
      }
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder add = new StringBuilder();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      add.append('\n');
    }
    add.append("# herald\n");
    missing.forEach(m -> add.append(m).append('\n'));
    Files.writeString(file, add, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    return Optional.of(new Made(".gitignore", "existing; added " + String.join(", ", missing)));
  }

  private static byte[] resource(String path) {
    try (InputStream in = NewFolder.class.getClassLoader().getResourceAsStream(RESOURCES + path)) {
      if (in == null) {
        throw new IllegalStateException("herald's jar lacks " + RESOURCES + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
