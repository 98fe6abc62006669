package dev.herald.cli;

import dev.herald.mailserver.Failure;
import dev.herald.mailserver.ServerConfig;

/** How a run that stopped early explains itself. */
final class SendRunMessages {
  private SendRunMessages() {}

  static String fatal(ServerConfig server, Failure f) {
    String where = server == null ? "the server" : server.address();
    return switch (f.kind()) {
      case AUTHENTICATION -> where + " refused the login: " + f.reply() + ".";
      case TLS -> "TLS with " + where + " failed: " + f.reply() + ".";
      case UNREACHABLE -> where + " became unreachable: " + f.reply() + ".";
      case LOCAL -> f.reply() + ".";
      default -> where + ": " + f.reply() + ".";
    };
  }
}
