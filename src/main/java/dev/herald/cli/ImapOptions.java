package dev.herald.cli;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.mailserver.Security;
import dev.herald.mailserver.ServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of a command that reads the reply mailbox over IMAP, and the one place they become a
 * {@link ServerConfig}. Each falls back to its {@code HERALD_IMAP_*} variable, then to {@code
 * imap.*} in herald.properties; the password never comes from an option.
 */
final class ImapOptions {
  @Option(
      names = "--imap-host",
      paramLabel = "HOST",
      description = "IMAP server (or HERALD_IMAP_HOST, imap.host).")
  String host;

  @Option(
      names = "--imap-port",
      paramLabel = "PORT",
      converter = SettingConverters.ImapPort.class,
      description = "Default: 993 for ssl, 143 for starttls and none.")
  Integer port;

  @Option(
      names = "--imap-security",
      paramLabel = "MODE",
      converter = SecurityConverter.class,
      description = "ssl (default), starttls or none.")
  Security security;

  @Option(
      names = "--imap-user",
      paramLabel = "USER",
      description = "Login; the password comes from HERALD_IMAP_PASSWORD or a prompt.")
  String user;

  @Option(
      names = "--imap-ca",
      paramLabel = "FILE",
      description = "Also trust the PEM certificate(s) in FILE (a private server).")
  Path ca;

  @Option(
      names = "--imap-auth",
      paramLabel = "MODE",
      converter = AuthConverter.class,
      description =
          "password (default) or xoauth2: an OAuth2 access token from HERALD_IMAP_TOKEN,"
              + " imap.token-command or the client-credentials grant (imap.token-url).")
  SignIn auth;

  @Option(
      names = "--folder",
      paramLabel = "FOLDER",
      description = "The folder replies arrive in (or imap.folder). Default: INBOX.")
  String folder;

  /**
   * The mailbox's server, user and password (or token source). Refuses a configuration without a
   * host or a user, since reading replies needs both.
   */
  ServerConfig server(HeraldCommand root, Settings settings) {
    ServerConfig server =
        ServerOptions.resolve(
            root,
            settings,
            "imap",
            host,
            port,
            security == null ? null : security.label(),
            user,
            ca,
            auth == null ? null : auth.label(),
            true);
    if (server == null) {
      throw HeraldException.input(
          "no IMAP server configured: set --imap-host, HERALD_IMAP_HOST or imap.host in "
              + Settings.FILE
              + " to the server that holds the replies");
    }
    if (server.user() == null) {
      throw HeraldException.input(
          "no IMAP user: set --imap-user, HERALD_IMAP_USER or imap.user in "
              + Settings.FILE
              + "; the password comes from HERALD_IMAP_PASSWORD or a prompt");
    }
    return server;
  }

  /** The folder to read: the option, else imap.folder, else INBOX. */
  String folder(Settings settings) {
    String name = settings.get(folder, "imap.folder");
    return name == null ? "INBOX" : name;
  }

  /**
   * {@code --imap-security} in any case, worded as a bad {@code imap.security} setting is. A blank
   * value counts as not given, so that the environment or the file still applies, as before.
   */
  static final class SecurityConverter implements ITypeConverter<Security> {
    @Override
    public Security convert(String value) {
      try {
        return value.isBlank() ? null : Security.parse(value, "--imap-security");
      } catch (HeraldException e) {
        // picocli prints the message as it is: escaped here, as herald's own errors are
        throw new TypeConversionException(Display.visible(e.getMessage()));
      }
    }
  }

  /** {@code --imap-auth} in any case, worded as {@code --smtp-auth}; blank counts as not given. */
  static final class AuthConverter extends SettingConverters.Checked<SignIn> {
    AuthConverter() {
      super(v -> v.isBlank() ? null : SignIn.parse(v, "--imap-auth"));
    }
  }
}
