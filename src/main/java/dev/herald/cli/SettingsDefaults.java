package dev.herald.cli;

import dev.herald.HeraldException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one place where an option that is also a setting gets its default: an option typed on the
 * command line wins, then the {@code HERALD_*} environment variable, then {@code herald.properties}
 * in the working folder (see {@link Settings}). The environment and the folder come from the {@link
 * Invocation}, never from globals. {@code --help} shows each such default with where it came from.
 *
 * <p>A value that does not convert is not supplied: every command checks every setting first
 * ({@link Settings#load(HeraldCommand)}) and refuses it there, naming the variable or the file and
 * key, with exit 2, also when the option it would have filled is not used; and {@code --help} still
 * shows.
 */
final class SettingsDefaults implements IDefaultValueProvider {
  /** Each option whose default is a setting, and that setting's key. */
  private static final Map<String, String> SETTINGS =
      Map.of(
          "--smtp-host", "smtp.host",
          "--smtp-port", "smtp.port",
          "--smtp-security", "smtp.security",
          "--smtp-user", "smtp.user",
          "--smtp-auth", "smtp.auth",
          "--smtp-ca", "smtp.ca",
          "--connections", "smtp.connections",
          "--rate", "smtp.rate");

  private Path loadedFor;
  private Settings loaded;

  /** Installs the provider and the help that shows its sources on {@code cl} and its commands. */
  static void install(CommandLine cl) {
    SettingsDefaults defaults = new SettingsDefaults();
    cl.setDefaultValueProvider(defaults);
    cl.setHelpFactory(
        (spec, colors) ->
            new Help(spec, colors) {
              @Override
              public IOptionRenderer createDefaultOptionRenderer() {
                IOptionRenderer usual = super.createDefaultOptionRenderer();
                return (option, labels, scheme) ->
                    defaults.withDefault(option, usual.render(option, labels, scheme), scheme);
              }
            });
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    Found found = arg instanceof OptionSpec o ? find(o) : null;
    return found == null ? null : found.value();
  }

  private record Found(String value, String origin) {}

  /** The option's setting, if it is one, is set and converts; null otherwise. */
  private Found find(OptionSpec option) {
    String key = SETTINGS.get(option.longestName());
    Settings settings = key == null ? null : settings(option.command());
    String value = settings == null ? null : settings.get(null, key);
    if (value == null || !converts(option, value)) {
      return null;
    }
    return new Found(value, settings.origin(key));
  }

  private static boolean converts(OptionSpec option, String value) {
    try {
      for (ITypeConverter<?> c : option.converters()) {
        c.convert(value);
      }
      return true;
    } catch (Exception e) {
      // refused in words by Settings.load, which names the variable or the file
      return false;
    }
  }

  /**
   * The working folder's settings, read once per folder; null if they cannot be read (each command
   * reads them again first and says why).
   */
  private Settings settings(CommandSpec command) {
    if (!(command.root().userObject() instanceof HeraldCommand root)) {
      return null;
    }
    try {
      Path folder = root.workdir();
      if (!folder.equals(loadedFor)) {
        loaded = Settings.load(folder.resolve(Settings.FILE), root.invocation.env());
        loadedFor = folder;
      }
      return loaded;
    } catch (HeraldException e) {
      return null;
    }
  }

  /**
   * The option's help with a last line that says where its default comes from: "Default: VALUE
   * (where it was set)", or, when nothing is set, which variable and key would set it.
   */
  private Text[][] withDefault(OptionSpec option, Text[][] rows, Help.ColorScheme scheme) {
    String key = SETTINGS.get(option.longestName());
    if (key == null) {
      return rows;
    }
    Found found = find(option);
    List<String> lines = new ArrayList<>();
    if (found != null) {
      lines.add("Default: " + found.value() + " (" + found.origin() + ")");
    } else {
      if (option.defaultValue() != null) {
        lines.add("Default: " + option.defaultValue());
      }
      lines.add("Or set " + Settings.envName(key) + " or " + key);
    }
    Text[][] all = Arrays.copyOf(rows, rows.length + lines.size());
    Text empty = scheme.text("");
    for (int i = 0; i < lines.size(); i++) {
      all[rows.length + i] = new Text[] {empty, empty, empty, empty, scheme.text(lines.get(i))};
    }
    return all;
  }
}
