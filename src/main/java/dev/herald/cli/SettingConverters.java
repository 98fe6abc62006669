package dev.herald.cli;

import dev.herald.HeraldException;
import dev.herald.mailserver.Security;
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

  /** {@code --smtp-port}: 1 to 65535. */
  static final class SmtpPort implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return checked(() -> ServerOptions.port(value, "--smtp-port"));
    }
  }

  /** {@code --smtp-security}: starttls, ssl or none, in any case. */
  static final class SmtpSecurity implements ITypeConverter<Security> {
    @Override
    public Security convert(String value) {
      return checked(() -> Security.parse(value, "--smtp-security"));
    }
  }

  /** {@code --smtp-auth}: password or xoauth2, in any case. */
  static final class SmtpAuth implements ITypeConverter<SignIn> {
    @Override
    public SignIn convert(String value) {
      return checked(() -> SignIn.parse(value, "--smtp-auth"));
    }
  }

  /** {@code --connections}: 1 to 64 connections in parallel. */
  static final class Connections implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return checked(() -> Settings.wholeNumber(value, "--connections", 1, 64));
    }
  }
}
