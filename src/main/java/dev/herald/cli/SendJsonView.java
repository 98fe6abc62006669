package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.campaign.Audience;
import dev.herald.delivery.SendRun;
import dev.herald.delivery.SendRun.Decision;
import dev.herald.delivery.SentFolder;
import dev.herald.delivery.Tally;
import dev.herald.mailserver.ServerConfig;
import dev.herald.util.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/** {@code herald send --format json}: one JSON object on standard output, for a CI job. */
final class SendJsonView implements SendView {
  private final PrintWriter out;
  private Json.Streamed rows;

  SendJsonView(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void notDue(String campaign, ZonedDateTime at, Duration wait) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("campaign", campaign);
    m.put("status", "not-due");
    m.put("send_at", at.toString());
    m.put("sent", 0);
    m.put("exit_code", ExitCodes.OK);
    out.println(Json.write(m));
    out.flush();
  }

  @Override
  public BiConsumer<Audience.Entry, Decision> dryRun(String campaign, SendRun run) {
    rows =
        new Json.Streamed(out)
            .member("campaign", campaign)
            .member("status", "dry-run")
            .beginArray("recipients");
    return (e, d) -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("recipient", SendView.who(e));
      row.put("where", SendView.where(e));
      row.put("decision", d.name().toLowerCase(Locale.ROOT));
      String detail = SendView.detail(e, d, run);
      if (!detail.isEmpty()) {
        row.put("detail", detail);
      }
      rows.element(row);
    };
  }

  @Override
  public void dryRunDone(String campaign, SendRun.Plan plan) {
    rows.endArray()
        .member("would_send", plan.due())
        .member("skipped", skipped(plan))
        .member("exit_code", ExitCodes.OK)
        .end();
    out.flush();
  }

  @Override
  public void summary(Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    ServerConfig server = o.server();
    SendRun.Summary s = o.summary();
    Tally t = s.tally();
    m.put("campaign", o.campaign());
    m.put("status", status(server, o.exitCode()));
    m.put("server", server == null ? null : server.address());
    m.put("outbox", s.outbox() == null ? null : Display.path(s.outbox()));
    // an outbox run wrote files and emailed nothing: it never says "sent"
    m.put(server == null ? "written" : "sent", t.sentCount());
    m.put("failed", replies(t.failed()));
    m.put("deferred", replies(t.deferred()));
    m.put("unknown", replies(t.unknown()));
    m.put(
        "refused_copies",
        t.refusedCopies().stream()
            .map(
                c -> {
                  Map<String, Object> copy = new LinkedHashMap<>();
                  copy.put("address", c.address());
                  copy.put("reply", c.reply());
                  copy.put("messages", c.messages());
                  return copy;
                })
            .toList());
    m.put("resent_in_flight", t.resent());
    m.put("unjournalled", t.unjournalled());
    m.put("not_attempted", s.notAttempted());
    m.put("unanswered", s.unanswered());
    m.put("skipped", skipped(s.plan()));
    m.put("skipped_across_campaigns", AcrossView.json(s.plan()));
    SentFolder copies = o.sentCopies();
    if (copies != null) {
      m.put("saved_sent", copies.saved());
      m.put("sent_folder", copies.folderName());
      m.put(
          "save_sent_failed",
          copies.failed().stream()
              .map(f -> Map.of("recipient", f.recipient(), "reason", f.reason()))
              .toList());
    }
    m.put("stopped", s.fatal() == null ? null : SendRunMessages.fatal(server, s.fatal()));
    m.put("elapsed_seconds", s.elapsed().toMillis() / 1000.0);
    m.put("journal", Display.path(o.journal()));
    m.put("exit_code", o.exitCode());
    out.println(Json.write(m));
    out.flush();
  }

  /** The JSON status, matching the exit code. */
  static String status(ServerConfig server, int code) {
    return switch (code) {
      case ExitCodes.OK -> server == null ? "outbox" : "done";
      case ExitCodes.PARTIAL -> "partly-delivered";
      case ExitCodes.STOPPED -> "stopped";
      default -> "error";
    };
  }

  private static List<Map<String, String>> replies(List<Tally.Outcome> failures) {
    return failures.stream()
        .map(f -> Map.of("recipient", f.recipient(), "reply", f.reply()))
        .toList();
  }

  private static Map<String, Object> skipped(SendRun.Plan p) {
    Map<String, Object> skipped = new LinkedHashMap<>();
    skipped.put("already_sent", p.count(Decision.ALREADY_SENT));
    skipped.put("suppressed", p.count(Decision.SUPPRESSED));
    skipped.put("repeated", p.count(Decision.DUPLICATE));
    skipped.put("invalid", p.count(Decision.INVALID));
    skipped.put("failed_before", p.count(Decision.FAILED_BEFORE));
    skipped.put("bounced_before", p.count(Decision.BOUNCED));
    skipped.put("unknown_before", p.count(Decision.UNKNOWN_BEFORE));
    skipped.put("over_limit", p.count(Decision.OVER_LIMIT));
    skipped.put("min_gap", p.count(Decision.SPACED));
    skipped.put("not_eligible", p.count(Decision.NOT_ELIGIBLE));
    return skipped;
  }

  @Override
  public PrintWriter out() {
    return out;
  }
}
