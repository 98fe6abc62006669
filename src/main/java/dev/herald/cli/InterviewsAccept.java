package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.contacts.ContactLookup;
import dev.herald.identity.EmailAddress;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import dev.herald.replies.ReplyKind;
import dev.herald.replies.ReplyLog;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code herald interviews accept}: logs a request that fetch left for a person to look at. */
@Command(
    name = "accept",
    description = {
      "Log an interview request that fetch listed under \"Needs a look\" (a reply that did not"
          + " come from the journalist's own address), once you have checked it is genuine."
          + " REPLY-ID is the id fetch printed, the reply's Message-ID."
    })
final class InterviewsAccept extends InterviewsSubcommand {
  @Mixin InterviewsContactsOption contacts;

  @Parameters(index = "0", paramLabel = "REPLY-ID", description = "The reply, as fetch named it.")
  String replyId;

  @Override
  public Integer call() {
    ReplyLog.Entry reply = interviewRequest();
    InterviewLog log = parent.log();
    InterviewLog.Added added = log.addRequests(List.of(request(reply)), now()).get(0);
    summary(out(), added, log);
    return ExitCodes.OK;
  }

  /** The reply fetch recorded under {@link #replyId}, if it is an interview request. */
  private ReplyLog.Entry interviewRequest() {
    ReplyLog replies = parent.replyLog();
    ReplyLog.Entry entry =
        replies
            .find(replyId)
            .orElseThrow(
                () ->
                    HeraldException.input(
                        "no reply "
                            + replyId
                            + " in "
                            + Display.path(replies.file())
                            + ": give the id that herald interviews fetch printed under"
                            + " \"Needs a look\""));
    if (entry.kind() != ReplyKind.INTERVIEW_REQUEST) {
      throw HeraldException.input(
          "reply "
              + replyId
              + " is not an interview request but "
              + ReplyLog.kindName(entry.kind())
              + (entry.kind() == ReplyKind.UNSUBSCRIBE || entry.kind() == ReplyKind.BOUNCE
                  ? ": to suppress the address, run herald optout add " + entry.email()
                  : ": log a request with herald interviews add"));
    }
    return entry;
  }

  /**
   * The request, logged under whoever sent it, as fetch logs a forwarded request: accepting a reply
   * vouches for its sender, not for the recipient of the release.
   */
  private InterviewLog.Draft request(ReplyLog.Entry entry) {
    String from = entry.from();
    boolean forwarded =
        !from.isEmpty()
            && EmailAddress.problem(from).isEmpty()
            && !EmailAddress.key(from).equals(EmailAddress.key(entry.email()));
    String requester = forwarded ? from : entry.email();
    ContactLookup lookup =
        ContactLookup.of(
            contacts.checked(root()), List.of(requester), contacts.limits(Settings.load(root())));
    return new InterviewLog.Draft(
        entry.campaign(),
        requester,
        lookup.name(requester),
        lookup.outlet(requester),
        entry.subject(),
        Interview.Status.REQUESTED,
        "",
        Interview.Source.REPLY,
        entry.messageId(),
        "",
        from,
        forwarded ? entry.email() : "");
  }

  private static void summary(PrintWriter out, InterviewLog.Added added, InterviewLog log) {
    Interview i = added.interview();
    Output.summary(
        out,
        true,
        Display.oneLine(
            (added.isNew() ? "Logged " : "Already in the log: ")
                + i.id()
                + ": "
                + InterviewsCommand.who(i)
                + ", campaign "
                + i.campaign()
                + (i.forwardedBy().isEmpty() ? "" : ", forwarded by " + i.forwardedBy())
                + " ("
                + i.status().csv()
                + ") in "
                + Display.path(log.file())
                + "."));
    out.flush();
  }
}
