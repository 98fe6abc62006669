package dev.herald.cli;

import dev.herald.Display;
import dev.herald.privacy.Erasure;
import dev.herald.privacy.Holdings;
import dev.herald.privacy.Person;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What {@code herald forget} shows: the changes it is about to make, then what it did. */
final class ForgetView {
  private ForgetView() {}

  /** The changes, before the question. */
  static void plan(PrintWriter out, Person person, Holdings h, Erasure e) {
    String who = Display.oneLine(person.address());
    if (h.nothing()) {
      out.println("herald holds nothing about " + who + ".");
    } else if (h.onlyPseudonym()) {
      out.println("herald holds nothing more about " + who + " than its pseudonym.");
    }
    out.println("herald forget " + who + " will:");
    out.println(
        e.addsPseudonym()
            ? "  add its pseudonym "
                + e.token()
                + " to the opt-out list, so that it is never mailed again"
            : "  keep its pseudonym " + e.token() + " on the opt-out list");
    long entries = h.suppression().stream().filter(s -> !s.pseudonym()).count();
    line(out, entries, "remove", "entry", "entries", "of the address from the opt-out list");
    line(out, h.sends().size(), "pseudonymise", "line", "lines", "of the journal");
    line(out, h.replies().size(), "pseudonymise", "reply", "replies", "in the reply log");
    line(out, h.interviews().size(), "pseudonymise", "interview", "interviews", "in the log");
    for (Map.Entry<Path, Set<Long>> r : e.contactRows().entrySet()) {
      line(out, r.getValue().size(), "remove", "row", "rows", "from " + Display.path(r.getKey()));
    }
    line(out, h.copies().size(), "delete", "copy", "copies", "of messages (outbox, preview)");
    for (String where : e.spreadsheetRows()) {
      out.println("  leave for you to edit: " + where + " (herald does not rewrite spreadsheets)");
    }
    h.unread().forEach(u -> out.println("  not read (check it yourself): " + u));
    out.flush();
  }

  private static void line(
      PrintWriter out, long n, String verb, String one, String many, String where) {
    if (n > 0) {
      out.println("  " + verb + " " + n + " " + (n == 1 ? one : many) + " " + where);
    }
  }

  /** What was done, and what is left to the user. */
  static void done(
      PrintWriter out, Person person, Erasure e, List<Path> still, Path backup, Path workdir) {
    if (!still.isEmpty()) {
      out.println("Still holding the address or the name (edit or delete these yourself):");
      still.forEach(f -> out.println("  " + Display.path(f)));
    }
    if (backup != null) {
      out.println(
          "Backup of every file changed: "
              + Display.path(backup)
              + " (it holds the address: delete it once you no longer need it)");
    }
    if (Files.isDirectory(workdir.resolve(".git"))) {
      out.println("note: this folder is a git repository: earlier commits still hold the address");
    }
    Output.summary(
        out,
        still.isEmpty(),
        Display.oneLine(
            "Forgotten: "
                + person.address()
                + " is "
                + e.token()
                + " in herald's files from now on, and stays on the opt-out list."));
    out.flush();
  }
}
