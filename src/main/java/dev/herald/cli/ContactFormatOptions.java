package dev.herald.cli;

import dev.herald.ContactFormat;
import dev.herald.InputLimits;
import picocli.CommandLine.Option;

/**
 * {@code --encoding} and {@code --sheet}: how to read a contact file whose content cannot tell,
 * beside every {@code --contacts}. They override {@code contacts.encoding} and {@code
 * contacts.sheet} from {@code herald.properties}.
 */
final class ContactFormatOptions {
  @Option(
      names = "--encoding",
      paramLabel = "NAME",
      description =
          "The contact CSV's text encoding when it is not UTF-8, e.g. windows-1250,"
              + " windows-1252, ISO-8859-2, UTF-16LE (setting contacts.encoding).")
  String encoding;

  @Option(
      names = "--sheet",
      paramLabel = "NAME",
      description =
          "The sheet of an .xlsx contact list to read (setting contacts.sheet). Default: the"
              + " first visible sheet.")
  String sheet;

  /**
   * The settings' limits, reading contact files as these options (then the settings) say.
   *
   * @throws dev.herald.HeraldException exit 2 naming {@code --encoding} if it names no charset
   */
  InputLimits limits(Settings settings) {
    InputLimits limits = settings.limits();
    ContactFormat given =
        new ContactFormat(
            ContactFormat.charset(encoding, "--encoding"),
            sheet == null || sheet.isBlank() ? null : sheet.strip());
    return limits.withContactFormat(limits.contactFormat().or(given));
  }
}
