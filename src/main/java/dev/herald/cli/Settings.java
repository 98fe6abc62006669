package dev.herald.cli;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.Limits;
import dev.herald.contacts.OptOutList;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Configuration from three places, in order of precedence: a command-line option, then the
 * environment ({@code HERALD_SMTP_HOST} for {@code smtp.host}), then {@code herald.properties} in
 * the working folder. Passwords are never taken from the file: only from the environment or a
 * prompt.
 */
public final class Settings {
  public static final String FILE = "herald.properties";

  private final Properties file;
  private final java.util.Map<String, String> env;
  private final Path path;

  private Settings(Path path, Properties file, java.util.Map<String, String> env) {
    this.path = path;
    this.file = file;
    this.env = env;
  }

  static Settings load(HeraldCommand root) {
    return load(root.workdir().resolve(FILE), root.context.env());
  }

  public static Settings load(Path path, java.util.Map<String, String> env) {
    Properties p = new Properties();
    if (Files.isRegularFile(path)) {
      try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException | IllegalArgumentException e) {
        throw HeraldException.input(Display.path(path) + ": cannot read: " + e.getMessage());
      }
      for (String key : p.stringPropertyNames()) {
        if (isSecretName(key)) {
          throw HeraldException.input(
              Display.path(path)
                  + ": holds '"
                  + key
                  + "'; passwords never go in a file that may be committed or shared. Remove it"
                  + " and set HERALD_SMTP_PASSWORD or HERALD_IMAP_PASSWORD in the environment (in"
                  + " CI: from the CI's secrets), or type it when herald asks.");
        }
      }
    }
    return new Settings(path, p, env);
  }

  /**
   * Whether a setting's or option's name says it holds a password or another secret: {@code
   * smtp.password}, {@code imap.pass}, {@code --smtp-pwd}, {@code smtp.token} and the like.
   */
  static boolean isSecretName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.contains("passw") || n.contains("secret") || n.contains("credential")) {
      return true;
    }
    for (String part : n.split("[^a-z0-9]+")) {
      if (part.equals("pass") || part.equals("pwd") || part.equals("token")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The value for a key such as {@code smtp.host}: the option if given, else {@code
   * HERALD_SMTP_HOST}, else the file; null if none.
   */
  public String get(String option, String key) {
    if (option != null && !option.isBlank()) {
      return option.strip();
    }
    String e = env.get(envName(key));
    if (e != null && !e.isBlank()) {
      return e.strip();
    }
    String f = file.getProperty(key);
    return f == null || f.isBlank() ? null : f.strip();
  }

  /** Where a key's value came from, for messages: "--smtp-host", "HERALD_SMTP_HOST" or the file. */
  public String source(String option, String key) {
    if (option != null && !option.isBlank()) {
      return "--" + key.replace('.', '-');
    }
    if (env.get(envName(key)) != null && !env.get(envName(key)).isBlank()) {
      return envName(key);
    }
    return Display.path(path) + " (" + key + ")";
  }

  public static String envName(String key) {
    return "HERALD_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public String secret(String envName) {
    String v = env.get(envName);
    return v == null || v.isEmpty() ? null : v;
  }

  /**
   * The working folder's opt-out list: the {@code optout.file} setting ({@code HERALD_OPTOUT_FILE}
   * or {@code herald.properties}) resolved against the working folder, else {@link
   * OptOutList#DEFAULT_PATH}. It applies to every command, whatever {@code --contacts} says.
   */
  public Path optOutFile(Path workdir) {
    String v = get(null, "optout.file");
    return workdir.resolve(v == null ? OptOutList.DEFAULT_PATH : v).toAbsolutePath().normalize();
  }

  /** The opt-out lists that apply when the contacts come from {@code contacts}. */
  public List<Path> optOutFiles(Path workdir, Path contacts) {
    return OptOutList.locate(optOutFile(workdir), contacts);
  }

  public Limits limits() {
    return Limits.from(file);
  }
}
