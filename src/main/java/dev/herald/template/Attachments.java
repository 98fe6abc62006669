package dev.herald.template;

import dev.herald.Display;
import dev.herald.HeraldException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves attachment paths (relative to the template) and keeps them inside the working folder: a
 * path that leaves it, directly, through {@code ..} or through a symbolic link, is refused, because
 * attachment names can come from a contact file that someone else wrote.
 */
public final class Attachments {

  /** A resolved attachment: the real file, the name recipients see, and its size. */
  public record Attachment(Path file, String name, long size) {}

  private final Path workdir;
  // The folder as named, which may pass through a symbolic link (on macOS, /tmp and /var do):
  // template paths are built from it, so the check before resolving links must accept it too.
  private final Path named;
  private final Map<String, Object> cache = new ConcurrentHashMap<>();

  public Attachments(Path workdir) {
    this.named = workdir.toAbsolutePath().normalize();
    try {
      this.workdir = workdir.toRealPath();
    } catch (IOException e) {
      throw HeraldException.input(Display.path(workdir) + ": cannot open the working folder");
    }
  }

  /**
   * The attachment named {@code name} by {@code template}, or an exit-2 error saying why it cannot
   * be attached.
   */
  public Attachment resolve(Template template, String name) {
    return resolve(template, name, "attachment");
  }

  /**
   * A file named by {@code template} as something else than an attachment (an inline image), by the
   * same rules; {@code noun} is what the messages call it.
   */
  public Attachment resolve(Template template, String name, String noun) {
    String key = template.file().getParent() + "\0" + noun + "\0" + name;
    Object r = cache.computeIfAbsent(key, k -> tryResolve(template.file().getParent(), name, noun));
    if (r instanceof Attachment a) {
      return a;
    }
    throw HeraldException.input((String) r);
  }

  /**
   * Why attachments of {@code total} bytes cannot go in one message, naming both sizes exactly:
   * mail servers refuse messages over their own limit, often after the upload.
   */
  public static String tooLarge(long total, long limit) {
    return "the attachments come to "
        + size(total)
        + " per message; the limit is "
        + size(limit)
        + " (limits.attachment-bytes in herald.properties); link to large files instead";
  }

  private static String size(long n) {
    return n < 1024
        ? String.format(Locale.ROOT, "%,d bytes", n)
        : Display.bytes(n) + String.format(Locale.ROOT, " (%,d bytes)", n);
  }

  private Object tryResolve(Path dir, String name, String noun) {
    if (name.isBlank()) {
      return "the " + noun + " name is empty";
    }
    if (name.indexOf('\0') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
      return "the "
          + noun
          + " name '"
          + name.replaceAll("[\\r\\n\\x00]", "?")
          + "' is not a file name";
    }
    Path p;
    try {
      p = dir.resolve(name).normalize();
    } catch (InvalidPathException e) {
      return "the " + noun + " '" + name + "' is not a valid path";
    }
    if (!p.toAbsolutePath().startsWith(workdir) && !p.toAbsolutePath().startsWith(named)) {
      return "the " + noun + " '" + name + "' lies outside the working folder " + workdir;
    }
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
      return "the " + noun + " '" + name + "' does not exist (looked for " + Display.path(p) + ")";
    }
    Path real;
    try {
      real = p.toRealPath();
    } catch (IOException e) {
      return "the "
          + noun
          + " '"
          + name
          + "' cannot be opened (a broken symbolic link?): "
          + Display.path(p);
    }
    if (!real.startsWith(workdir)) {
      return "the "
          + noun
          + " '"
          + name
          + "' is a symbolic link to "
          + real
          + ", outside the working folder; copy the file in instead";
    }
    if (Files.isDirectory(real)) {
      return "the " + noun + " '" + name + "' is a folder, not a file";
    }
    if (!Files.isRegularFile(real) || !Files.isReadable(real)) {
      return "the " + noun + " '" + name + "' is not a readable file";
    }
    try {
      return new Attachment(real, real.getFileName().toString(), Files.size(real));
    } catch (IOException e) {
      return "the " + noun + " '" + name + "' cannot be read: " + e.getMessage();
    }
  }
}
