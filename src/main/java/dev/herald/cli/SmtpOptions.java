package dev.herald.cli;

import dev.herald.mailserver.Security;
import dev.herald.mailserver.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The SMTP server options. Each one defaults to its setting ({@code HERALD_SMTP_PORT}, else {@code
 * smtp.port} in {@code herald.properties}; see {@link SettingsDefaults}), so the fields hold the
 * value in force and {@code --help} shows where it came from.
 */
public final class SmtpOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--smtp-host",
      paramLabel = "HOST",
      description = "SMTP server. None: write to the outbox.")
  String host;

  @Option(
      names = "--smtp-port",
      paramLabel = "PORT",
      converter = SettingConverters.SmtpPort.class,
      description = "Unless set: 587 for starttls, 465 for ssl, 25 for none.")
  Integer port;

  @Option(
      names = "--smtp-security",
      paramLabel = "MODE",
      converter = SettingConverters.SmtpSecurity.class,
      description = "starttls (unless set), ssl or none.")
  Security security;

  @Option(
      names = "--smtp-user",
      paramLabel = "USER",
      description = "Login; the password comes from HERALD_SMTP_PASSWORD or a prompt.")
  String user;

  @Option(
      names = "--smtp-auth",
      paramLabel = "MODE",
      converter = SettingConverters.SmtpAuth.class,
      description =
          "password (unless set) or xoauth2: an OAuth2 access token from HERALD_SMTP_TOKEN,"
              + " smtp.token-command or the client-credentials grant (smtp.token-url).")
  SignIn auth;

  @Option(
      names = "--smtp-ca",
      paramLabel = "FILE",
      description = "Also trust the PEM certificate(s) in FILE (a private relay).")
  Path ca;

  /** Whether an SMTP host is configured (option, environment or settings); none: the outbox. */
  boolean hasHost(Settings settings) {
    // a blank --smtp-host "" leaves the setting in force, as a blank setting does
    return settings.get(host, "smtp.host") != null;
  }

  /**
   * The SMTP server, with its password when {@code needPassword}; null: the outbox. The settings'
   * own values are read (and named in messages) by {@link ServerOptions}; only what was typed on
   * the command line is passed as an option, so a message names the place a value came from.
   */
  ServerConfig server(HeraldCommand root, Settings settings, boolean needPassword) {
    return ServerOptions.resolve(
        root,
        settings,
        "smtp",
        typed("--smtp-host") ? host : null,
        typed("--smtp-port") ? port : null,
        typed("--smtp-security") ? security.label() : null,
        typed("--smtp-user") ? user : null,
        typed("--smtp-ca") ? ca : null,
        typed("--smtp-auth") ? auth.label() : null,
        needPassword);
  }

  /**
   * The server settings in force although no host is: the options typed and the settings set, by
   * the name a user would look for.
   */
  List<String> withoutHost(Settings settings) {
    List<String> given = new ArrayList<>();
    for (String key : List.of("smtp.port", "smtp.security", "smtp.user", "smtp.ca")) {
      String option = "--" + key.replace('.', '-');
      if (typed(option)) {
        given.add(option);
      }
    }
    for (String key : List.of("smtp.port", "smtp.security", "smtp.user", "smtp.ca")) {
      if (!typed("--" + key.replace('.', '-')) && settings.get(null, key) != null) {
        given.add(settings.source(null, key));
      }
    }
    return given;
  }

  /** Whether {@code option} was typed on the command line (not a default from the settings). */
  private boolean typed(String option) {
    return command.commandLine().getParseResult().hasMatchedOption(option);
  }
}
