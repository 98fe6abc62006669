package dev.herald.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The {@code --format} option of a command that prints for people (a table) or machines. */
public final class FormatMixin {
  /** How a command prints its result. */
  enum Format {
    table,
    json
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      converter = FormatConverter.class,
      description = "table (the default) or json.")
  Format format;

  boolean json() {
    return format == Format.json;
  }

  /** table or json in any case; anything else is refused naming both. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return SettingConverters.checked(() -> Format.valueOf(Formats.parse(value, "table", "json")));
    }
  }
}
