package dev.herald.cli;

import dev.herald.HeraldException;
import java.io.PrintWriter;
import java.util.List;

/** Under {@code -v}: each setting that has a value, and where it came from. */
final class SettingsOrigins {
  private SettingsOrigins() {}

  /**
   * Prints the settings of {@code root}'s working folder to {@code err}; nothing when they cannot
   * be read (the command itself says why, with its exit code).
   */
  static void print(HeraldCommand root, PrintWriter err) {
    Settings settings;
    try {
      settings = Settings.load(root.workdir().resolve(Settings.FILE), root.invocation.env());
    } catch (HeraldException e) {
      return;
    }
    List<String> set = settings.described();
    Output.detail(
        err,
        "Settings (an option on the command line wins over the environment, which wins over"
            + " the file, which wins over the user file):");
    set.forEach(line -> Output.detail(err, "  " + line));
    int defaults = Settings.KEYS.size() - set.size();
    Output.detail(
        err, "  " + (set.isEmpty() ? "all " : "") + defaults + " other settings: their defaults");
    err.flush();
  }
}
