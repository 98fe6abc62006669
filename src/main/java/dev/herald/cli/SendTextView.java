package dev.herald.cli;

import dev.herald.Display;
import dev.herald.campaign.Audience;
import dev.herald.delivery.SendRun;
import dev.herald.delivery.SendRun.Decision;
import dev.herald.delivery.SentFolder;
import dev.herald.delivery.Tally;
import dev.herald.util.Durations;
import dev.herald.util.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/** {@code herald send} for people: lines to read in a terminal or a CI log. */
final class SendTextView implements SendView {
  private final PrintWriter out;

  SendTextView(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void notDue(String campaign, ZonedDateTime at, Duration wait) {
    Output.summary(
        out,
        true,
        "Not yet due: campaign "
            + campaign
            + " sends at "
            + at
            + " (in "
            + Durations.describe(wait)
            + "). Nothing was sent.");
    out.flush();
  }

  @Override
  public BiConsumer<Audience.Entry, Decision> dryRun(String campaign, SendRun run) {
    return (e, d) -> {
      String who = SendView.who(e);
      String detail = SendView.detail(e, d, run);
      out.printf(
          "%-14s %-40s %s%s%n",
          d == Decision.SEND || d == Decision.RESEND ? "would send" : "skip",
          who.isEmpty() ? SendView.where(e) : who,
          d == Decision.SEND ? "" : d.label(),
          detail.isEmpty() ? "" : ": " + detail);
    };
  }

  @Override
  public void dryRunDone(String campaign, SendRun.Plan plan) {
    Output.summary(
        out,
        true,
        String.format(
            "Dry run: would send %d of campaign %s; %d already sent, %d suppressed, %d repeated,"
                + " %d invalid, %d failed before%s. Nothing was sent or written.",
            plan.due(),
            campaign,
            plan.count(Decision.ALREADY_SENT),
            plan.count(Decision.SUPPRESSED),
            plan.count(Decision.DUPLICATE),
            plan.count(Decision.INVALID),
            plan.count(Decision.FAILED_BEFORE),
            AcrossView.counts(plan)));
    out.flush();
  }

  @Override
  public PrintWriter out() {
    return out;
  }

  @Override
  public void summary(Outcome o) {
    SendRun.Summary s = o.summary();
    Tally t = s.tally();
    if (o.server() == null) {
      Output.summary(
          out,
          o.exitCode() == 0,
          String.format(
              "Wrote %d %s of campaign %s to %s. Nothing was emailed: no SMTP server is configured"
                  + " (set --smtp-host, HERALD_SMTP_HOST or smtp.host in herald.properties to send).",
              t.sentCount(),
              t.sentCount() == 1 ? "message" : "messages",
              o.campaign(),
              s.outbox() == null ? "the outbox" : Display.path(s.outbox())));
    } else {
      double secs = s.elapsed().toMillis() / 1000.0;
      Output.summary(
          out,
          o.exitCode() == 0,
          String.format(
              Locale.ROOT,
              "Campaign %s via %s: %d sent, %d failed, %d deferred%s%s in %s (%s).",
              o.campaign(),
              o.server().address(),
              t.sentCount(),
              t.failed().size(),
              t.deferred().size(),
              t.unknown().isEmpty() ? "" : ", " + t.unknown().size() + " unknown",
              s.notAttempted() > 0 ? ", " + s.notAttempted() + " not attempted" : "",
              secs < 60 ? String.format(Locale.ROOT, "%.1fs", secs) : Progress.human(s.elapsed()),
              Progress.rate(t.done(), s.elapsed())));
    }
    skipped(s.plan());
    AcrossView.noted(out, s.plan());
    outcomes(t);
    if (s.fatal() != null) {
      out.println(
          "Stopped early: "
              + SendRunMessages.fatal(o.server(), s.fatal())
              + " "
              + s.notAttempted()
              + " not attempted; a re-run continues.");
    }
    if (s.unanswered() > 0) {
      out.println(
          s.unanswered()
              + (s.unanswered() == 1 ? " message was" : " messages were")
              + " handed to the server, which had not replied when herald stopped waiting: the"
              + " journal records them as attempts, and a re-run sends them again (at most one"
              + " per connection may arrive twice).");
    }
    if (o.sentCopies() != null) {
      sentCopies(o.sentCopies());
    }
    out.println("Journal: " + Display.path(o.journal()));
    out.flush();
  }

  private void skipped(SendRun.Plan p) {
    out.printf(
        "Skipped: %d already sent, %d suppressed (opt-out), %d repeated, %d invalid, %d failed"
            + " before, %d bounced before%s.%n",
        p.count(Decision.ALREADY_SENT),
        p.count(Decision.SUPPRESSED),
        p.count(Decision.DUPLICATE),
        p.count(Decision.INVALID),
        p.count(Decision.FAILED_BEFORE),
        p.count(Decision.BOUNCED),
        (p.count(Decision.UNKNOWN_BEFORE) > 0
                ? ", " + p.count(Decision.UNKNOWN_BEFORE) + " unknown before (--retry-unknown)"
                : "")
            + (p.count(Decision.OVER_LIMIT) > 0
                ? ", " + p.count(Decision.OVER_LIMIT) + " left for a later run (--limit)"
                : ""));
  }

  /** The recipients who need a word: sent again, refused, deferred, unrecorded, unknown. */
  private void outcomes(Tally t) {
    names(
        "Sent again, because they were being sent when an earlier run stopped (one of them may"
            + " receive it twice):",
        t.resent());
    replies("Failed (the server refused them; --retry-failed tries again):", t.failed());
    replies("Deferred (temporary failures; a re-run tries again):", t.deferred());
    if (!t.refusedCopies().isEmpty()) {
      // A copy is the sender's own business (an archive, a colleague): the contacts got their
      // message, so the exit code stays as it is, and this says which copy addresses to fix.
      out.println(
          "Warning: the server refused "
              + (t.refusedCopies().size() == 1 ? "a copy address" : "copy addresses")
              + " (the template's Cc or Bcc); each contact's message went out without it:");
      for (Tally.RefusedCopy c : t.refusedCopies()) {
        String messages = c.messages() + (c.messages() == 1 ? " message" : " messages");
        out.println("  " + c.address() + ": " + c.reply() + " (" + messages + ")");
      }
    }
    names(
        "Accepted by the server but not recorded in the journal, which could not be written (a"
            + " re-run sends them again, so they may receive it twice):",
        t.unjournalled());
    replies(
        "Unknown (sent whole, no reply came: they may have received it; not sent again unless"
            + " --retry-unknown):",
        t.unknown());
  }

  /** {@code heading} and one recipient a line, unless there are none. */
  private void names(String heading, List<String> recipients) {
    if (!recipients.isEmpty()) {
      out.println(heading);
      recipients.forEach(r -> out.println("  " + r));
    }
  }

  /** {@code heading} and each recipient with the server's reply, unless there are none. */
  private void replies(String heading, List<Tally.Outcome> outcomes) {
    if (!outcomes.isEmpty()) {
      out.println(heading);
      outcomes.forEach(f -> out.println("  " + f.recipient() + ": " + f.reply()));
    }
  }

  private void sentCopies(SentFolder copies) {
    List<SentFolder.Failed> failed = copies.failed();
    String folder = copies.folderName();
    out.printf(
        "Sent folder%s: %d %s kept%s.%n",
        folder == null ? "" : " " + folder,
        copies.saved(),
        copies.saved() == 1 ? "copy" : "copies",
        failed.isEmpty() ? "" : ", " + failed.size() + " could not be saved");
    if (!failed.isEmpty()) {
      out.println(
          "Not saved in the Sent folder (they were sent; a re-run does not send or save them"
              + " again):");
      failed.forEach(f -> out.println("  " + f.recipient() + ": " + f.reason()));
    }
  }
}
