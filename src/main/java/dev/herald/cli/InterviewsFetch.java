package dev.herald.cli;

import dev.herald.ExitCodes;
import dev.herald.mailserver.ServerConfig;
import dev.herald.replies.ReplyFetch;
import dev.herald.replies.ReplyMailbox;
import dev.herald.util.Progress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald interviews fetch}: reads the reply mailbox and acts on the replies. */
@Command(
    mixinStandardHelpOptions = true,
    name = "fetch",
    description = {
      "Read the reply mailbox over IMAP and sort the replies to each campaign: interview"
          + " requests are logged, unsubscribe requests and bounces added to the suppression"
          + " list, auto-replies and other replies counted. Mail that answers no campaign is"
          + " left alone. Never deletes, moves or flags a message; running it again adds"
          + " nothing twice.",
      "Unsubscribes and bounces go to contacts/optout.csv (or optout.file), wherever --contacts"
          + " points. The password comes from HERALD_IMAP_PASSWORD or a prompt."
    })
final class InterviewsFetch implements Callable<Integer> {
  @ParentCommand InterviewsCommand parent;
  @Spec CommandSpec spec;
  @Mixin Common common;
  @Mixin ImapOptions imap;
  @Mixin InterviewsContactsOption contacts;
  @Mixin InterviewsJournalOption journal;

  @Override
  public Integer call() {
    HeraldCommand root = parent.root;
    Settings settings = Settings.load(root);
    ServerConfig server = imap.server(root, settings);
    String folder = imap.folder(settings);
    ReplyFetch.Files files = files(settings);
    ReplyFetch.Summary summary;
    try (ReplyMailbox mailbox = ReplyMailbox.open(server, folder);
        Progress progress =
            InterviewsFetchProgress.of(
                spec.commandLine().getErr(),
                mailbox.count(),
                root.invocation.terminal().interactive())) {
      summary =
          new ReplyFetch(files, settings.limits(), root.invocation.clock(), root.key())
              .run(mailbox, progress);
    }
    InterviewsFetchReport.print(spec.commandLine().getOut(), server, summary, files);
    return ExitCodes.OK;
  }

  /** What fetch reads and writes in the working folder. */
  private ReplyFetch.Files files(Settings settings) {
    HeraldCommand root = parent.root;
    Path contactFile = contacts.checked(root);
    return new ReplyFetch.Files(
        journal.resolve(root),
        contactFile,
        parent.log().file(),
        parent.replyLog().file(),
        settings.optOutFiles(root.workdir(), contactFile));
  }
}
