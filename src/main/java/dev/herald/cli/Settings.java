package dev.herald.cli;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.campaign.Lateness;
import dev.herald.contacts.OptOutList;
import dev.herald.util.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Configuration from four places, in order of precedence: a command-line option, then the
 * environment ({@code HERALD_SMTP_HOST} for {@code smtp.host}), then {@code herald.properties} in
 * the working folder, then the user's own (see {@link SettingsFile#user}). Passwords are never
 * taken from a file: only from the environment or a prompt.
 */
public final class Settings {
  public static final String FILE = "herald.properties";

  private final Properties file;
  private final Map<String, String> env;
  private final Path path;
  private final Path userPath;
  private final Set<String> folderKeys;

  private Settings(
      Path path, Path userPath, Properties file, Set<String> folderKeys, Map<String, String> env) {
    this.path = path;
    this.userPath = userPath;
    this.file = file;
    this.folderKeys = folderKeys;
    this.env = env;
  }

  /** The file a key's value is read from: the folder's, unless only the user's file sets it. */
  private Path fileOf(String key) {
    return userPath != null && !folderKeys.contains(key) && file.getProperty(key) != null
        ? userPath
        : path;
  }

  /** Every key {@code herald.properties} may hold; anything else is a typo or a secret. */
  static final Set<String> KEYS =
      Set.of(
          "smtp.host",
          "smtp.port",
          "smtp.security",
          "smtp.user",
          "smtp.ca",
          "smtp.timeout",
          "smtp.data-timeout",
          "smtp.plaintext-auth",
          "smtp.auth",
          "smtp.token-command",
          "smtp.token-url",
          "smtp.client-id",
          "smtp.scope",
          "smtp.connections",
          "smtp.rate",
          "smtp.attempts",
          "smtp.retry-delay-ms",
          "imap.host",
          "imap.port",
          "imap.security",
          "imap.user",
          "imap.ca",
          "imap.timeout",
          "imap.plaintext-auth",
          "imap.auth",
          "imap.token-command",
          "imap.token-url",
          "imap.client-id",
          "imap.scope",
          "imap.folder",
          "imap.sent-folder",
          "limits.field-chars",
          "limits.columns",
          "limits.attachment-bytes",
          "limits.reply-bytes",
          "limits.depth",
          "optout.file",
          "contacts.encoding",
          "contacts.sheet",
          "dkim.selector",
          "dns.server",
          "html.allow-active",
          "send.max-late",
          "send.min-gap",
          "check.strict",
          "check.strict-consent",
          "approval.require");

  /**
   * Loads the working folder's settings and checks every one of them, from the file and the
   * environment, whichever command runs: {@code HERALD_SMTP_PORT=0} fails a dry run or a check as
   * it would fail the real send, not first at the release hour.
   */
  static Settings load(HeraldCommand root) {
    Settings s = load(root.workdir().resolve(FILE), root.invocation.env());
    ServerOptions.resolve(root, s, "smtp", false);
    ServerOptions.resolve(root, s, "imap", false);
    SenderDnsReport.validate(s);
    s.connections();
    s.attempts();
    s.retryDelay();
    s.rate();
    s.limits();
    s.maxLate();
    s.minGap();
    s.checkStrict();
    s.checkStrictConsent();
    s.approvalRequired();
    return s;
  }

  /**
   * {@code send.max-late}: how late after Send-At a send may start (90m, 24h, 3d, PT24H); {@link
   * Lateness#DEFAULT} when not set.
   */
  Duration maxLate() {
    String v = get(null, "send.max-late");
    return v == null ? Lateness.DEFAULT : Durations.parse(v, source(null, "send.max-late"));
  }

  /**
   * {@code send.min-gap}: skip contacts another campaign reached within this time (7d, 72h, P7D);
   * null when not set (no spacing).
   */
  Duration minGap() {
    String v = get(null, "send.min-gap");
    return v == null ? null : Durations.parse(v, source(null, "send.min-gap"));
  }

  /**
   * {@code check.strict}: empty placeholders are problems, not warnings, for check and for a real
   * send; anything but true or false is an error, so a typo cannot switch it off.
   */
  boolean checkStrict() {
    return flag("check.strict");
  }

  /**
   * {@code check.strict-consent}: contacts without a {@code legal_basis} are problems, for check
   * and for a real send.
   */
  boolean checkStrictConsent() {
    return flag("check.strict-consent");
  }

  /**
   * {@code approval.require}: whether a send over SMTP needs {@code --approved}; false. A safeguard
   * the team committed in the file holds whatever the environment says: {@code
   * HERALD_APPROVAL_REQUIRE} can turn it on, never off.
   */
  boolean approvalRequired() {
    return flag("approval.require") || approvalRequiredByFile();
  }

  /** Where {@code approval.require} is set to true, for messages: the file wins when it says so. */
  String approvalSource() {
    return approvalRequiredByFile()
        ? Display.path(fileOf("approval.require")) + " (approval.require)"
        : source(null, "approval.require");
  }

  private boolean approvalRequiredByFile() {
    String f = file.getProperty("approval.require");
    return f != null && f.strip().equalsIgnoreCase("true");
  }

  /** A true/false setting, false when not set; anything else is refused, naming the key. */
  private boolean flag(String key) {
    String v = get(null, key);
    if (v == null || v.equalsIgnoreCase("false")) {
      return false;
    }
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    throw HeraldException.input(
        source(null, key) + ": '" + Display.oneLine(v) + "' must be true or false");
  }

  /** {@code smtp.connections}: connections in parallel, 1 to 64; 4 when not set. */
  int connections() {
    return number("smtp.connections", 4, 1, 64);
  }

  /** {@code smtp.attempts}: tries per message before it counts as deferred, 1 to 100; 5. */
  int attempts() {
    return number("smtp.attempts", 5, 1, 100);
  }

  /** {@code smtp.retry-delay-ms}: the first wait before a retry; 2 seconds when not set. */
  Duration retryDelay() {
    return Duration.ofMillis(number("smtp.retry-delay-ms", 2000, 1, 600_000));
  }

  /** {@code imap.sent-folder}: where {@code --save-sent} keeps copies; null: the server's Sent. */
  String sentFolder() {
    return get(null, "imap.sent-folder");
  }

  /** {@code smtp.rate}: at most so many messages a minute; unlimited when not set. */
  Rate rate() {
    return Rate.parse(get(null, "smtp.rate"), source(null, "smtp.rate"));
  }

  /** A whole-number setting from {@code min} to {@code max}, or {@code dflt} when not set. */
  private int number(String key, int dflt, int min, int max) {
    String v = get(null, key);
    return v == null ? dflt : wholeNumber(v, source(null, key), min, max);
  }

  /** {@code value} as a whole number from {@code min} to {@code max}; exit 2 naming its source. */
  static int wholeNumber(String value, String source, int min, int max) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below, with the range
    }
    throw HeraldException.input(
        source + ": '" + value + "' must be a whole number from " + min + " to " + max);
  }

  /**
   * The settings of the folder file {@code path}, over those of the user's own file (see {@link
   * SettingsFile#user}) key by key, under the environment {@code env}.
   */
  public static Settings load(Path path, Map<String, String> env) {
    Properties folder = SettingsFile.read(path);
    Path user = SettingsFile.user(env);
    Properties all = new Properties();
    if (user != null) {
      all.putAll(SettingsFile.read(user));
    }
    all.putAll(folder);
    return new Settings(path, user, all, folder.stringPropertyNames(), env);
  }

  /**
   * Whether a setting's or option's name says it holds a password or another secret: {@code
   * smtp.password}, {@code imap.pass}, {@code --smtp-pwd}, {@code smtp.token} and the like.
   */
  static boolean isSecretName(String name) {
    // A token command or a token URL names where a token comes from, not the token itself.
    String n = name.toLowerCase(Locale.ROOT).replaceAll("token[-_.]?(command|url)", "");
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
    return Display.path(fileOf(key)) + " (" + key + ")";
  }

  /** Where a key's value comes from, for help: "HERALD_SMTP_PORT" or "smtp.port in the file". */
  String origin(String key) {
    String e = env.get(envName(key));
    if (e != null && !e.isBlank()) {
      return envName(key);
    }
    return key + " in " + (fileOf(key) == path ? FILE : Display.path(fileOf(key)));
  }

  /** Each setting that has a value, "key = value (where from)", in key order; for {@code -v}. */
  List<String> described() {
    List<String> lines = new ArrayList<>();
    for (String key : new TreeSet<>(KEYS)) {
      String value = get(null, key);
      if (value != null) {
        String e = env.get(envName(key));
        String from =
            e != null && !e.isBlank()
                ? "environment, " + envName(key)
                : fileOf(key) == path ? "file, " + FILE : "user file, " + Display.path(userPath);
        lines.add(key + " = " + Display.oneLine(value) + " (" + from + ")");
      }
    }
    return lines;
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
    Path file =
        workdir.resolve(v == null ? OptOutList.DEFAULT_PATH : v).toAbsolutePath().normalize();
    if (v != null && !Files.isRegularFile(file)) {
      // A mistyped name would otherwise read as an empty list and switch suppression off.
      throw HeraldException.input(
          source(null, "optout.file")
              + " names "
              + Display.path(file)
              + ", which "
              + (Files.exists(file) ? "is not a file" : "does not exist")
              + "; a typo there must not switch the opt-out list off. Fix the setting, or create"
              + " the file with a header line 'email'.");
    }
    return file;
  }

  /** The opt-out lists that apply when the contacts come from {@code contacts}. */
  public List<Path> optOutFiles(Path workdir, Path contacts) {
    return OptOutList.locate(optOutFile(workdir), contacts);
  }

  public InputLimits limits() {
    return InputLimits.from(file);
  }
}
