package dev.herald.cli;

import dev.herald.HeraldException;
import dev.herald.mailserver.Security;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for the options that are also settings. Each one calls the parser that checks
 * the setting in {@code herald.properties} or the environment, so that a bad value is refused in
 * the same words wherever it was written (exit 2), and the parsing lives in one place.
 */
final class SettingConverters {
  private SettingConverters() {}

  /**
   * Runs a parser that refuses a value with a {@link HeraldException}, for picocli, which reports a
   * {@link TypeConversionException} as a usage error ({@link Cli} prints its message as it is).
   */
  static <T> T checked(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (HeraldException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** A converter that runs a setting's parser on the value; refused values keep its words. */
  abstract static class Checked<T> implements ITypeConverter<T> {
    private final Function<String, T> parse;

    Checked(Function<String, T> parse) {
      this.parse = parse;
    }

    @Override
    public T convert(String value) {
      return checked(() -> parse.apply(value));
    }
  }

  /** {@code --smtp-port}: 1 to 65535. */
  static final class SmtpPort extends Checked<Integer> {
    SmtpPort() {
      super(v -> ServerOptions.port(v, "--smtp-port"));
    }
  }

  /** {@code --smtp-security}: starttls, ssl or none, in any case. */
  static final class SmtpSecurity extends Checked<Security> {
    SmtpSecurity() {
      super(v -> Security.parse(v, "--smtp-security"));
    }
  }

  /** {@code --smtp-auth}: password or xoauth2, in any case. */
  static final class SmtpAuth extends Checked<SignIn> {
    SmtpAuth() {
      super(v -> SignIn.parse(v, "--smtp-auth"));
    }
  }

  /** {@code --connections}: 1 to 64 connections in parallel. */
  static final class Connections extends Checked<Integer> {
    Connections() {
      super(v -> Settings.wholeNumber(v, "--connections", 1, 64));
    }
  }

  /**
   * {@code --rate}: N/min, N/s or N/h. Blank counts as not given, so that {@code --rate "$RATE"}
   * with an empty variable falls back to the setting, as an empty HERALD_SMTP_RATE does.
   */
  static final class RateConverter extends Checked<Rate> {
    RateConverter() {
      super(v -> v.isBlank() ? null : Rate.parse(v, "--rate"));
    }
  }

  /** {@code --imap-port}: 1 to 65535, worded as {@code --smtp-port}. */
  static final class ImapPort extends Checked<Integer> {
    ImapPort() {
      super(v -> ServerOptions.port(v, "--imap-port"));
    }
  }

  /** {@code --format}: table or json, in any case. */
  static final class FormatConverter extends Checked<FormatMixin.Format> {
    FormatConverter() {
      super(v -> FormatMixin.Format.valueOf(Formats.parse(v, "table", "json")));
    }
  }
}
