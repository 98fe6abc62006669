package dev.herald.cli;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.delivery.SendRun;
import dev.herald.mailserver.ServerConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The question before an email run: how many messages, of which campaign, through which server, as
 * whom and from which addresses. {@code --yes} answers it for a scheduled job; without a terminal
 * and without {@code --yes}, nothing is sent.
 */
final class Confirmation {
  private final Invocation.Terminal terminal;
  private final boolean yes;
  private final PrintWriter out;

  Confirmation(Invocation.Terminal terminal, boolean yes, PrintWriter out) {
    this.terminal = terminal;
    this.yes = yes;
    this.out = out;
  }

  /** Whether a run ever asks (it needs the count of messages first). */
  boolean asks() {
    return !yes;
  }

  /** Whether to send {@code plan} through {@code server}: yes, or the person typed yes. */
  boolean confirmed(ServerConfig server, LoadedCampaign v, SendRun.Plan plan) {
    String what =
        plan.due()
            + (plan.due() == 1 ? " message" : " messages")
            + " of campaign "
            + v.templates().campaign()
            + " via "
            + server.address()
            + " ("
            + server.security().label()
            + (server.user() == null ? "" : ", as " + server.user())
            + "), From: "
            + fromAddresses(v);
    if (yes) {
      return true;
    }
    if (!terminal.interactive()) {
      throw HeraldException.input(
          "refusing to send "
              + what
              + " without confirmation: there is no terminal to ask on. Add --yes to send"
              + " (as a scheduled job would), or --dry-run to see what would be sent.");
    }
    out.println("About to email " + what + ".");
    out.flush();
    return accepts(terminal.readLine("Send now? Type yes (or y) to send: "));
  }

  /**
   * Whether {@code answer} is a yes: {@code y} or {@code yes} in any case, blanks around it
   * ignored. Anything else, an empty line or the end of input included, is a no: sending is the one
   * answer that cannot be taken back.
   */
  static boolean accepts(String answer) {
    if (answer == null) {
      return false;
    }
    String a = answer.strip().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes");
  }

  /**
   * Every From that this run's recipients will see: each variant that has recipients may have a
   * From of its own, and the person confirming must see them all, not only the default's.
   */
  static String fromAddresses(LoadedCampaign v) {
    Map<String, List<String>> froms = new LinkedHashMap<>();
    for (var e : v.perVariant().entrySet()) {
      if (e.getValue() > 0 || e.getKey() == v.templates().base()) {
        froms
            .computeIfAbsent(e.getKey().header("from").text(), k -> new ArrayList<>())
            .add(Display.path(e.getKey().file()));
      }
    }
    if (froms.size() <= 1) {
      return froms.isEmpty()
          ? v.templates().base().header("from").text()
          : froms.keySet().iterator().next();
    }
    List<String> parts = new ArrayList<>();
    froms.forEach((from, files) -> parts.add(from + " (" + String.join(", ", files) + ")"));
    return String.join("; ", parts);
  }
}
