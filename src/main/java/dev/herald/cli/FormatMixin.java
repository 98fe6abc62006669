package dev.herald.cli;

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
      converter = SettingConverters.FormatConverter.class,
      description = "table (the default) or json.")
  Format format;

  boolean json() {
    return format == Format.json;
  }
}
