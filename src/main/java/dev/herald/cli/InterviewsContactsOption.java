package dev.herald.cli;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code --contacts} option of the interview commands and {@code report}: the contact list that
 * names and outlets are looked up in.
 */
final class InterviewsContactsOption {
  private static final Path DEFAULT = Path.of("contacts/media.csv");

  @Option(
      names = "--contacts",
      paramLabel = "FILE",
      description =
          "Where names and outlets are looked up (CSV or .xlsx). Default: contacts/media.csv.")
  Path file;

  @Mixin ContactFormatOptions format;

  /** The settings' limits, reading the contact list as --encoding and --sheet say. */
  InputLimits limits(Settings settings) {
    return format.limits(settings);
  }

  /** The contact list: the option, else contacts/media.csv; either may be missing. */
  Path orDefault(HeraldCommand root) {
    return root.resolve(file == null ? DEFAULT : file);
  }

  /**
   * As {@link #orDefault}, but a list named with {@code --contacts} must exist: a typo there would
   * otherwise log every request without its name and outlet. The default may be missing (a folder
   * that logs requests but sends nothing).
   */
  Path checked(HeraldCommand root) {
    Path contacts = orDefault(root);
    if (file != null && !Files.isRegularFile(contacts)) {
      throw HeraldException.input(Display.path(contacts) + ": no such file (--contacts)");
    }
    return contacts;
  }
}
