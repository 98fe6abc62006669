package dev.herald.cli;

import dev.herald.Display;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import dev.herald.util.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code interviews list} shows the requests: a table for people, the log's own CSV (safe to
 * open in a spreadsheet), or JSON for scripts, an array of objects keyed by the CSV's column names.
 */
final class InterviewsListView {
  private InterviewsListView() {}

  /** The output formats; {@link InterviewsConverters.ListFormat} reads the option. */
  enum Format {
    TABLE,
    CSV,
    JSON
  }

  /**
   * Prints {@code rows}; {@code campaign} (or null) and {@code log} name what was listed when there
   * is nothing to list.
   */
  static void print(
      PrintWriter out, Format format, List<Interview> rows, String campaign, Path log) {
    switch (format) {
      case CSV -> out.print(InterviewLog.csv(rows));
      case JSON -> out.println(Json.write(json(rows)));
      case TABLE -> table(out, rows, campaign, log);
    }
    out.flush();
  }

  private static List<Map<String, Object>> json(List<Interview> rows) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Interview i : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      List<String> cells = InterviewLog.cells(i);
      for (int c = 0; c < InterviewLog.COLUMNS.size(); c++) {
        m.put(InterviewLog.COLUMNS.get(c), cells.get(c));
      }
      objects.add(m);
    }
    return objects;
  }

  private static void table(PrintWriter out, List<Interview> rows, String campaign, Path log) {
    if (rows.isEmpty()) {
      out.println(
          "No interview requests"
              + (campaign == null ? "" : " for campaign " + campaign)
              + " in "
              + Display.path(log)
              + ".");
      return;
    }
    List<List<String>> table = new ArrayList<>();
    table.add(List.of("ID", "STATUS", "WHEN", "CAMPAIGN", "CONTACT", "OUTLET", "SOURCE", "TOPIC"));
    for (Interview i : rows) {
      String who = InterviewsCommand.who(i);
      table.add(
          List.of(
              i.id(),
              i.status().csv(),
              i.when(),
              i.campaign(),
              i.forwardedBy().isEmpty() ? who : who + " (forwarded by " + i.forwardedBy() + ")",
              i.outlet(),
              i.source().csv(),
              i.topic()));
    }
    Tables.print(out, table, 60);
  }
}
