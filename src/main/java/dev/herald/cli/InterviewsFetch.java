package dev.herald.cli;

import dev.herald.ExitCodes;
import dev.herald.mailserver.ServerConfig;
import dev.herald.replies.ReplyFetch;
import dev.herald.replies.ReplyMailbox;
import dev.herald.util.Progress;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code herald interviews fetch}: reads the reply mailbox and acts on the replies. */
@Command(
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
final class InterviewsFetch extends InterviewsSubcommand {
  @Mixin ImapOptions imap;
  @Mixin InterviewsContactsOption contacts;
  @Mixin JournalOption journal;

  @Override
  public Integer call() {
    Settings settings = Settings.load(root());
    ServerConfig server = imap.server(root(), settings);
    ReplyFetch.Files files = files(settings);
    ReplyFetch.Summary summary = fetch(server, imap.folder(settings), files, settings);
    InterviewsFetchReport.print(out(), server, summary, files);
    return ExitCodes.OK;
  }

  /** Reads {@code folder} and acts on the replies, showing progress on standard error. */
  private ReplyFetch.Summary fetch(
      ServerConfig server, String folder, ReplyFetch.Files files, Settings settings) {
    HeraldCommand root = root();
    try (ReplyMailbox mailbox = ReplyMailbox.open(server, folder);
        Progress progress =
            InterviewsFetchProgress.of(
                spec.commandLine().getErr(),
                mailbox.count(),
                root.invocation.terminal().interactive())) {
      return new ReplyFetch(files, contacts.limits(settings), root.invocation.clock(), root.key())
          .run(mailbox, progress);
    }
  }

  /** What fetch reads and writes in the working folder. */
  private ReplyFetch.Files files(Settings settings) {
    HeraldCommand root = root();
    Path contactFile = contacts.checked(root);
    return new ReplyFetch.Files(
        journal.in(root),
        contactFile,
        parent.log().file(),
        parent.replyLog().file(),
        settings.optOutFiles(root.workdir(), contactFile));
  }
}
