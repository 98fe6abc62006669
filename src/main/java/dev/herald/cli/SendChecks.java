package dev.herald.cli;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.delivery.ServerCheck;
import dev.herald.mailserver.ServerConfig;
import java.io.PrintWriter;
import java.util.List;

/** What {@code herald send} refuses or warns about before it sends anything. */
final class SendChecks {
  private SendChecks() {}

  /**
   * Naming a variant ({@code release.pl.md}) would send the whole release, every language, to
   * everyone: what the file name says and what is sent would differ. So it is refused, naming the
   * file that stands for the release.
   */
  static void refuseNamedVariant(LoadedCampaign v) {
    var named = v.templates().namedVariant();
    if (named.isPresent()) {
      throw HeraldException.input(
          Display.path(named.get())
              + " is a language variant of "
              + Display.path(v.templates().base().file())
              + "; send "
              + Display.path(v.templates().base().file())
              + ", which sends each contact the variant of their language column (see herald"
              + " check for who gets which)");
    }
  }

  /**
   * The IMAP server that keeps copies for {@code --save-sent} (that of {@code interviews fetch});
   * null without the flag. Refused (exit 2, nothing sent) when no IMAP server or user is set, so
   * that a run asked to keep copies never sends without being able to.
   */
  static ServerConfig sentFolderServer(
      HeraldCommand root, Settings settings, String saveSent, boolean needPassword) {
    if (saveSent == null) {
      return null;
    }
    ServerConfig imap = ServerOptions.resolve(root, settings, "imap", needPassword);
    if (imap == null || imap.user() == null) {
      throw HeraldException.input(
          "--save-sent needs the IMAP mailbox: set imap.host and imap.user in "
              + Settings.FILE
              + " (or HERALD_IMAP_HOST and HERALD_IMAP_USER); the password comes from"
              + " HERALD_IMAP_PASSWORD. Nothing was sent.");
    }
    return imap;
  }

  /**
   * Server settings given without a host mean the user expected an email run; say plainly that they
   * are ignored and the messages go to the outbox (in a dry run too: a real run of these options
   * would write to the outbox).
   */
  static void warnWithoutHost(SmtpOptions smtp, Settings settings, PrintWriter err) {
    if (smtp.hasHost(settings)) {
      return;
    }
    List<String> given = smtp.withoutHost(settings);
    if (!given.isEmpty()) {
      err.println(
          "warning: "
              + String.join(", ", given)
              + (given.size() == 1 ? " is" : " are")
              + " ignored: no SMTP host is configured (--smtp-host, HERALD_SMTP_HOST or smtp.host),"
              + " so the messages are written to the outbox and nothing is emailed");
      err.flush();
    }
  }

  /** An outbox run has no server to keep copies on: says so rather than ignoring the flag. */
  static void warnSaveSentIgnored(ServerConfig server, String saveSent, PrintWriter err) {
    if (server == null && saveSent != null) {
      err.println("warning: --save-sent is ignored: an outbox run emails nothing");
    }
  }

  /**
   * Connects to the SMTP server, signs in and stops before MAIL FROM, printing what it found to
   * {@code to}; exit 4 (thrown) if a send would fail there.
   */
  static void checkServer(HeraldCommand root, ServerConfig server, PrintWriter to) {
    if (server == null) {
      to.println(
          "SMTP: no host configured (--smtp-host, smtp.host or HERALD_SMTP_HOST): send"
              + " writes to the outbox; no server to check.");
    } else {
      CheckView.serverCheck(to, ServerCheck.smtp(server), root.invocation.clock().instant());
    }
  }
}
