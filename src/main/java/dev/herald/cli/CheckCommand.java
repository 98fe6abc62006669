package dev.herald.cli;

import dev.herald.ExitCodes;
import dev.herald.FolderKey;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.delivery.ServerCheck;
import dev.herald.mailserver.ServerConfig;
import dev.herald.template.UnsubscribeLinks;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald check}: validates everything, sends nothing. */
@Command(
    mixinStandardHelpOptions = true,
    name = "check",
    description = {
      "Validate the release and the contacts: every row, every language variant, every"
          + " placeholder and attachment. Sends nothing, writes nothing.",
      "Exit 0 when everything is ready, 2 with every problem listed otherwise."
    })
public final class CheckCommand implements Callable<Integer> {
  @ParentCommand HeraldCommand root;
  @Spec CommandSpec spec;
  @Mixin MergeOptions merge;
  @Mixin Common common;
  @Mixin CheckFollowUp followUp;

  @Option(
      names = "--server",
      description =
          "Also connect to the SMTP server (and the IMAP server, if one is configured), check"
              + " TLS and sign in, sending nothing: the settings are proven before the due time."
              + " Exit 4 if a send would fail there.")
  boolean server;

  @Option(
      names = "--strict",
      description =
          "Make the warnings about empty placeholders problems: exit 2 when a contact's"
              + " placeholder is empty (also check.strict, which makes a real send refuse too).")
  boolean strict;

  @Option(
      names = "--strict-consent",
      description =
          "Refuse contacts without a legal_basis (exit 2, naming their lines): also"
              + " check.strict-consent, which makes a real send refuse too.")
  boolean strictConsent;

  @Override
  public Integer call() {
    Settings settings = Settings.load(root);
    FolderKey key = FolderKey.existing(root.invocation.env(), root.workdir());
    LoadedCampaign v = merge.run(root, settings, key);
    if (strict || settings.checkStrict()) {
      v.strict();
    }
    v.missingConsent(strictConsent || settings.checkStrictConsent());
    PrintWriter out = spec.commandLine().getOut();
    // Which secret keys the references, never the secret itself.
    out.println("Key:      " + key.source());
    if (server) {
      // the servers first: "ready to send" comes last, and only when they are ready too
      checkServers(settings, out);
      SenderDnsReport.print(out, v, settings);
    }
    if (v.templates() != null) {
      SendGuards.lateness(settings, null)
          .refusal(v.templates().base(), root.invocation.clock().instant())
          .ifPresent(
              w -> out.println("Warning: a send now would refuse while anyone is due: " + w));
    }
    if (v.templates() != null) {
      UnsubscribeLinks.missingWarning(v.templates())
          .ifPresent(w -> Output.warning(out, "Warning: " + w));
    }
    followUp.report(root, settings, v, out);
    CheckView.report(out, v, merge.skipInvalid);
    out.flush();
    if (v.ok(merge.skipInvalid)) {
      return ExitCodes.OK;
    }
    // The report is on standard output; a CI log that shows only standard error still says why
    // the step failed.
    int n = v.problemCount();
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "herald: check found " + n + (n == 1 ? " problem" : " problems") + " (listed above)");
    err.flush();
    return ExitCodes.INPUT;
  }

  /** Signs in to the configured servers without sending; exit 4 (thrown) on the first failure. */
  private void checkServers(Settings settings, PrintWriter out) {
    Instant now = root.invocation.clock().instant();
    ServerConfig smtp = ServerOptions.resolve(root, settings, "smtp", true);
    if (smtp == null) {
      out.println(
          "SMTP: no host configured (smtp.host or HERALD_SMTP_HOST): send writes to the outbox;"
              + " no server to check.");
    } else {
      CheckView.serverCheck(out, ServerCheck.smtp(smtp), now);
    }
    // Only an IMAP server that can be signed in to is checked: a host with no user is not set up
    // for interviews fetch yet.
    if (settings.get(null, "imap.host") != null && settings.get(null, "imap.user") != null) {
      ServerConfig imap = ServerOptions.resolve(root, settings, "imap", true);
      CheckView.serverCheck(out, ServerCheck.imap(imap), now);
    }
  }
}
