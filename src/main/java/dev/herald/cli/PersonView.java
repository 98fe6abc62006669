package dev.herald.cli;

import dev.herald.Display;
import dev.herald.identity.EmailAddress;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import dev.herald.journal.JournalEntry;
import dev.herald.privacy.Holdings;
import dev.herald.privacy.Person;
import dev.herald.replies.ReplyLog;
import dev.herald.util.Json;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code export-person} shows what herald holds about an address: sections for people, or one
 * JSON object (its schema is in the README, "Access and erasure (GDPR)") for scripts.
 */
final class PersonView {
  private PersonView() {}

  static void text(PrintWriter out, Person person, Holdings h) {
    String who = Display.oneLine(person.address());
    if (h.nothing()) {
      out.println("herald holds nothing about " + who + ".");
      h.unread().forEach(u -> out.println("Not read: " + u));
      out.flush();
      return;
    }
    out.println("What herald holds about " + who + " (compared by its key, " + key(person) + "):");
    section(out, "Contact rows", h.contacts().size());
    for (Holdings.ContactRow r : h.contacts()) {
      List<String> cells = new ArrayList<>();
      r.values().forEach((k, v) -> cells.add(k + "=" + v));
      out.println("  " + r.where() + "  " + Display.oneLine(String.join(", ", cells)));
    }
    section(out, "Sends (journal)", h.sends().size());
    h.sends().forEach(s -> out.println("  " + labelled(send(s), 4)));
    section(out, "Replies", h.replies().size());
    h.replies().forEach(r -> out.println("  " + labelled(reply(r), 3)));
    section(out, "Interviews", h.interviews().size());
    for (Interview i : h.interviews()) {
      out.println("  " + Display.oneLine(String.join("  ", InterviewLog.cells(i))));
    }
    section(out, "Suppression", h.suppression().size());
    for (Holdings.Suppression s : h.suppression()) {
      out.println(
          "  "
              + Display.path(s.file())
              + ":"
              + s.line()
              + "  "
              + Display.oneLine(
                  s.entry()
                      + (s.pseudonym() ? " (the pseudonym herald forget left)" : "")
                      + (s.reason().isEmpty() ? "" : "  reason: " + s.reason())
                      + (s.date().isEmpty() ? "" : "  date: " + s.date())));
    }
    section(out, "Copies of messages (outbox, preview)", h.copies().size());
    h.copies().forEach(c -> out.println("  " + Display.path(c)));
    h.unread().forEach(u -> out.println("Not read: " + u));
    out.flush();
  }

  private static void section(PrintWriter out, String title, int n) {
    out.println(title + ": " + (n == 0 ? "none" : n));
  }

  /** The first {@code plain} values as they are, then each other non-empty one as "key: value". */
  private static String labelled(Map<String, Object> m, int plain) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Object> e : m.entrySet()) {
      String v = String.valueOf(e.getValue());
      if (i++ < plain) {
        parts.add(v);
      } else if (!v.isEmpty()) {
        parts.add(e.getKey() + ": " + v);
      }
    }
    return Display.oneLine(String.join("  ", parts));
  }

  private static String key(Person p) {
    return EmailAddress.key(p.address());
  }

  static void json(PrintWriter out, Person person, Holdings h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", person.address());
    m.put("key", key(person));
    m.put("found", !h.nothing());
    List<Map<String, Object>> contacts = new ArrayList<>();
    for (Holdings.ContactRow r : h.contacts()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("file", Display.path(r.file()));
      c.put("line", r.line());
      c.put("values", r.values());
      contacts.add(c);
    }
    m.put("contacts", contacts);
    m.put("sends", h.sends().stream().map(PersonView::send).toList());
    m.put("replies", h.replies().stream().map(PersonView::reply).toList());
    List<Map<String, Object>> interviews = new ArrayList<>();
    for (Interview i : h.interviews()) {
      Map<String, Object> row = new LinkedHashMap<>();
      List<String> cells = InterviewLog.cells(i);
      for (int c = 0; c < cells.size(); c++) {
        row.put(InterviewLog.COLUMNS.get(c), cells.get(c));
      }
      interviews.add(row);
    }
    m.put("interviews", interviews);
    List<Map<String, Object>> suppression = new ArrayList<>();
    for (Holdings.Suppression s : h.suppression()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("file", Display.path(s.file()));
      e.put("line", s.line());
      e.put("entry", s.entry());
      e.put("pseudonym", s.pseudonym());
      e.put("reason", s.reason());
      e.put("date", s.date());
      suppression.add(e);
    }
    m.put("suppression", suppression);
    m.put("copies", h.copies().stream().map(Display::path).toList());
    m.put("not_read", h.unread());
    out.println(Json.write(m));
    out.flush();
  }

  private static Map<String, Object> send(JournalEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", DateTimeFormatter.ISO_INSTANT.format(e.time()));
    m.put("campaign", e.campaign());
    m.put("recipient", e.recipient());
    m.put("outcome", e.outcome().csv());
    m.put("subject", e.subject());
    m.put("source", e.contactSource());
    m.put("legal_basis", e.legalBasis());
    m.put("message_id", e.messageId());
    return m;
  }

  private static Map<String, Object> reply(ReplyLog.Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("received", DateTimeFormatter.ISO_INSTANT.format(e.received()));
    m.put("campaign", e.campaign());
    m.put("kind", ReplyLog.kindName(e.kind()));
    m.put("email", e.email());
    m.put("from", e.from());
    m.put("subject", e.subject());
    m.put("message_id", e.messageId());
    m.put("needs_a_look", e.review());
    return m;
  }
}
