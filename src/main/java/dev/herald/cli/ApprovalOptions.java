package dev.herald.cli;

import dev.herald.HeraldException;
import dev.herald.approval.ApprovalCheck;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.delivery.SendRun;
import dev.herald.message.MessageBuilder;
import jakarta.mail.Session;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/** {@code send --approved MANIFEST}, and {@code approval.require}, which makes it mandatory. */
public final class ApprovalOptions {
  @Option(
      names = "--approved",
      paramLabel = "MANIFEST",
      description =
          "Send only if every message is the one approved in this approval.json (written by"
              + " herald preview): a changed message, template or attachment, or an added or"
              + " removed contact row, refuses the send (exit 2) and sends nothing.")
  Path approved;

  /**
   * Checks {@code run} against the approval, if one was given, and keeps the check on the run so
   * that each message is checked again as it is built for sending. Without one, a {@code realSend}
   * (over SMTP, not a dry run, a proof or the outbox) is refused when {@code approval.require} is
   * set. Call under the journal's lock, before anything is sent.
   */
  void check(
      HeraldCommand root,
      Settings settings,
      LoadedCampaign v,
      SendRun run,
      Path contacts,
      boolean realSend,
      PrintWriter err) {
    if (approved == null) {
      if (!realSend && settings.approvalRequired()) {
        // a dry run, or an outbox run, of a folder whose real sends need an approval: say so now
        // rather than at the release hour
        err.println(
            "note: approval.require is true: a send over SMTP without --approved would refuse"
                + " (exit 2)");
        err.flush();
      }
      if (realSend && settings.approvalRequired()) {
        throw HeraldException.input(
            settings.approvalSource()
                + " is true: a send over SMTP needs --approved; nothing was sent. Run herald"
                + " preview, have the preview folder reviewed, then send with --approved"
                + " preview/approval.json.");
      }
      return;
    }
    MessageBuilder builder =
        new MessageBuilder(
            Session.getInstance(new Properties()), root.invocation.clock(), root.key());
    run.onlyApproved(
        ApprovalCheck.check(
            root.resolve(approved), v, run, root.workdir(), contacts, builder, root.key()));
  }
}
