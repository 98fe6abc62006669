package dev.herald.cli;

import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import dev.herald.replies.ReplyLog;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald interviews}: the interview log, and the replies that fill it. */
@Command(
    mixinStandardHelpOptions = true,
    name = "interviews",
    description = {
      "Log interview requests and follow them up: fetch them from the reply mailbox, add those"
          + " that came by phone, accept those fetch left for a look, update their status, list"
          + " them. The log is "
          + InterviewLog.DEFAULT_PATH
          + "."
    },
    subcommands = {
      InterviewsAdd.class,
      InterviewsUpdate.class,
      InterviewsList.class,
      InterviewsFetch.class,
      InterviewsAccept.class
    })
public final class InterviewsCommand implements Runnable {
  @ParentCommand HeraldCommand root;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The working folder's interview log. */
  InterviewLog log() {
    return new InterviewLog(root.resolve(Path.of(InterviewLog.DEFAULT_PATH)));
  }

  /** The working folder's reply log, where fetch records every reply it acted on. */
  ReplyLog replyLog() {
    return new ReplyLog(root.resolve(Path.of(ReplyLog.DEFAULT_PATH)));
  }

  /** A request's journalist as the commands show them: "Name <address>", or the address alone. */
  static String who(Interview i) {
    return who(i.name(), i.email());
  }

  static String who(String name, String email) {
    return name == null || name.isBlank() ? email : name + " <" + email + ">";
  }
}
