package dev.herald.cli;

import dev.herald.campaign.Audience;
import dev.herald.delivery.SendRun;
import dev.herald.delivery.SentFolder;
import dev.herald.mailserver.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.function.BiConsumer;

/** What {@code herald send} prints on standard output, for people or, as JSON, for machines. */
interface SendView {
  /** The view of {@code --format}, printing to {@code out}. */
  static SendView of(FormatMixin format, PrintWriter out) {
    return format.json() ? new SendJsonView(out) : new SendTextView(out);
  }

  /** Before Send-At: nothing was sent, and when it will be. */
  void notDue(String campaign, ZonedDateTime at, Duration wait);

  /**
   * A dry run's view of each contact as it is decided (a long list is never held at once); {@link
   * #dryRunDone} ends it.
   */
  BiConsumer<Audience.Entry, SendRun.Decision> dryRun(String campaign, SendRun run);

  /** After the last contact of a dry run: the counts. */
  void dryRunDone(String campaign, SendRun.Plan plan);

  /** Where the view prints: the command's standard output. */
  PrintWriter out();

  /**
   * The person asked said no: nothing was sent. Said in words in either format, as a person typed
   * the answer.
   */
  default void cancelled() {
    Output.summary(out(), true, "Cancelled: nothing was sent.");
    out().flush();
  }

  /** A finished run: what was sent, skipped, refused or left, and the exit code it ends with. */
  void summary(Outcome outcome);

  /**
   * A run's result as the summaries show it.
   *
   * @param server the SMTP server; null for an outbox run
   * @param sentCopies the copies kept by {@code --save-sent}; null without it
   */
  record Outcome(
      String campaign,
      ServerConfig server,
      SendRun.Summary summary,
      SentFolder sentCopies,
      Path journal,
      int exitCode) {}

  /** Who a dry-run row is about: the address, or where the row is when it has none. */
  static String who(Audience.Entry e) {
    return e.contact() == null ? "" : e.contact().email();
  }

  static String where(Audience.Entry e) {
    return e.contact() == null ? e.problem().location() : e.contact().where();
  }

  /** Why a contact is skipped, beyond the decision's label; empty if nothing more to say. */
  static String detail(Audience.Entry e, SendRun.Decision d, SendRun run) {
    return switch (d) {
      case SPACED, NOT_ELIGIBLE -> run.detail(e.contact(), d);
      case INVALID ->
          e.problem() != null ? e.problem().message() : "cannot be rendered (see above)";
      case DUPLICATE -> "repeats line " + e.firstLine();
      default -> "";
    };
  }
}
