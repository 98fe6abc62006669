package dev.herald.cli;

import dev.herald.Display;
import dev.herald.interviews.Interview;
import dev.herald.mailserver.ServerConfig;
import dev.herald.replies.ReplyFetch;
import dev.herald.replies.ReplyKind;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;

/**
 * What {@code interviews fetch} tells its user: how many messages it read, the replies it acted on
 * by kind and where it put them, those it left for a person to look at, and those it skipped.
 */
final class InterviewsFetchReport {
  private InterviewsFetchReport() {}

  static void print(
      PrintWriter out, ServerConfig server, ReplyFetch.Summary s, ReplyFetch.Files files) {
    String where = s.folder() + " at " + server.address() + " (" + server.user() + ")";
    if (s.found().isEmpty()) {
      Output.summary(
          out,
          true,
          "Read "
              + count(s.messages(), "message")
              + " in "
              + where
              + ": nothing new. "
              + s.alreadyFetched()
              + " fetched before, "
              + s.notAboutCampaign()
              + " not about a campaign"
              + (s.tooLarge().isEmpty() ? "" : ", " + s.tooLarge().size() + " too large")
              + ".");
      proofs(out, s);
    } else {
      Output.summary(
          out,
          true,
          "Read "
              + count(s.messages(), "message")
              + " in "
              + where
              + ": "
              + s.found().size()
              + " new "
              + (s.found().size() == 1 ? "reply" : "replies")
              + " about a campaign, "
              + s.alreadyFetched()
              + " fetched before, "
              + s.notAboutCampaign()
              + " not about a campaign.");
      found(out, s, files);
    }
    if (s.notAboutCampaign() > 0 && !Files.exists(files.journal())) {
      out.println(
          "There is no send journal at "
              + Display.path(files.journal())
              + ", so no reply can be tied to a campaign: fetch in the working folder that"
              + " sent the release, or name its journal with --journal.");
    }
    for (ReplyFetch.Skipped skipped : s.tooLarge()) {
      out.println(
          "Skipped, larger than limits.reply-bytes: "
              + Display.oneLine(skipped.from())
              + " \""
              + Display.oneLine(skipped.subject())
              + "\" ("
              + Display.bytes(skipped.size())
              + ")");
    }
    out.flush();
  }

  /** Replies to proofs: counted, never acted on, and said so, since a reviewer may wonder. */
  private static void proofs(PrintWriter out, ReplyFetch.Summary s) {
    if (s.proofReplies() > 0) {
      out.println(
          "Replies to proofs: "
              + s.proofReplies()
              + ", ignored (a proof's links and Message-ID tie it to no contact)");
    }
  }

  /** The replies about a campaign: a section per kind, then those that need a look. */
  private static void found(PrintWriter out, ReplyFetch.Summary s, ReplyFetch.Files files) {
    String optOut = Display.path(files.optOut().get(0));
    section(
        out,
        s,
        ReplyKind.INTERVIEW_REQUEST,
        "Interview requests",
        "logged in " + Display.path(files.interviewLog()));
    section(out, s, ReplyKind.UNSUBSCRIBE, "Unsubscribe requests", "added to " + optOut);
    section(
        out,
        s,
        ReplyKind.BOUNCE,
        "Bounces",
        "marked bounced in " + Display.path(files.journal()) + " and added to " + optOut);
    section(out, s, ReplyKind.AUTO_REPLY, "Auto-replies", "counted only");
    section(out, s, ReplyKind.OTHER, "Other replies", "counted only");
    needsLook(out, s);
    proofs(out, s);
    out.println("Not about a campaign: " + s.notAboutCampaign() + " (left alone)");
    out.println("Recorded in " + Display.path(files.replyLog()) + ".");
  }

  /**
   * Replies herald did not act on, because a From header can be forged: each with its id, what it
   * seems to be, and why, and the command that acts on it once a person has looked.
   */
  private static void needsLook(PrintWriter out, ReplyFetch.Summary s) {
    List<ReplyFetch.Found> found = s.needsLook();
    if (found.isEmpty()) {
      return;
    }
    out.println("Needs a look: " + found.size() + ", not acted on");
    for (ReplyFetch.Found f : found) {
      String seems =
          switch (f.kind()) {
            case INTERVIEW_REQUEST -> "interview request";
            case UNSUBSCRIBE -> "unsubscribe request";
            case BOUNCE -> "bounce";
            case AUTO_REPLY -> "auto-reply";
            case OTHER -> "reply";
          };
      String act =
          switch (f.kind()) {
            case INTERVIEW_REQUEST -> "herald interviews accept " + f.replyId();
            case UNSUBSCRIBE, BOUNCE -> "herald optout add " + f.email();
            default -> "";
          };
      out.println(
          Display.oneLine(
              "  "
                  + f.replyId()
                  + "  "
                  + seems
                  + " about "
                  + InterviewsCommand.who(f.name(), f.email())
                  + " ("
                  + f.campaign()
                  + "): "
                  + f.review()
                  + (act.isEmpty() ? "" : "; if it is genuine: " + act)));
    }
  }

  private static void section(
      PrintWriter out, ReplyFetch.Summary s, ReplyKind kind, String title, String action) {
    List<ReplyFetch.Found> found = s.of(kind);
    out.println(title + ": " + found.size() + (found.isEmpty() ? "" : ", " + action));
    for (ReplyFetch.Found f : found) {
      out.println(Display.oneLine(line(f, kind)));
    }
  }

  /** One reply acted on: who, their outlet, the campaign, how it came, and what it said. */
  private static String line(ReplyFetch.Found f, ReplyKind kind) {
    StringBuilder line = new StringBuilder("  ");
    Interview i = f.interview();
    if (i != null) {
      line.append(i.id()).append("  ").append(InterviewsCommand.who(i));
    } else {
      line.append(InterviewsCommand.who(f.name(), f.email()));
    }
    if (!f.outlet().isEmpty()) {
      line.append(", ").append(f.outlet());
    }
    if (i != null && !i.forwardedBy().isEmpty()) {
      line.append(", forwarded by ").append(i.forwardedBy());
    }
    line.append(" (").append(f.campaign());
    if (i != null) {
      line.append(
          i.source() == Interview.Source.LINK ? ", through the interview link" : ", by reply");
    }
    line.append(')');
    if (!f.detail().isEmpty()) {
      line.append(": ").append(f.detail());
    }
    if (!f.isNew()) {
      line.append(
          switch (kind) {
            case INTERVIEW_REQUEST -> " [already in the log]";
            case UNSUBSCRIBE, BOUNCE -> " [already on the suppression list]";
            default -> "";
          });
    }
    return line.toString();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
