package dev.herald.cli;

import dev.herald.Display;
import dev.herald.Problem;
import dev.herald.campaign.LanguageUse;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.contacts.OptOutList;
import dev.herald.delivery.ServerCheck;
import dev.herald.template.Attachments;
import dev.herald.template.Template;
import dev.herald.template.TemplateSet;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@code herald check} prints: the campaign, its contacts, languages, files and problems. */
final class CheckView {
  private CheckView() {}

  /** Prints a server check's report, and its warnings. */
  static void serverCheck(PrintWriter out, ServerCheck.Report r, Instant now) {
    r.lines(now).forEach(out::println);
    for (String w : r.warnings(now)) {
      out.println("Warning: " + w);
    }
    out.flush();
  }

  /** The check's report; problems last, with what to do about them. */
  static void report(PrintWriter out, LoadedCampaign v, boolean skipInvalid) {
    if (v.templates() != null) {
      out.println("Campaign: " + v.templates().campaign());
      var schedule = v.templates().base().schedule();
      schedule.sendAt().ifPresent(t -> out.println("Send-At:  " + t));
      schedule.sendUntil().ifPresent(t -> out.println("Send-Until: " + t));
      schedule.embargo().ifPresent(t -> out.println("Embargo:  " + t));
      if (schedule.embargoInSubject()) {
        out.println("Embargo-Subject: true (the subject says EMBARGOED UNTIL while it holds)");
      }
    }
    // Rows are only read once the templates load; before that there is nothing to count.
    if (v.audience() != null && v.renderer() != null) {
      out.printf(
          "Contacts: %s: %s, %d %s: %d to send, %d suppressed (opt-out), %d repeated, %d"
              + " invalid%s%n",
          Display.path(v.audience().file()),
          v.audience().format(),
          v.total(),
          v.total() == 1 ? "row" : "rows",
          v.selected(),
          v.suppressed(),
          v.duplicates(),
          v.invalidCount(),
          v.filtered() > 0 ? ", " + v.filtered() + " not selected" : "");
    }
    if (v.audience() != null) {
      // Every suppression list applied, so that nobody wonders which one was read.
      String label = "Opt-out:  ";
      for (OptOutList.Source s : v.audience().optOut().sources()) {
        out.println(
            label
                + Display.path(s.file())
                + ": "
                + (s.exists()
                    ? s.entries() + (s.entries() == 1 ? " address" : " addresses")
                    : "no file yet, no entries")
                + (s.file().equals(v.audience().optOut().file())
                    ? ""
                    : " (beside the contact file; applied as well)"));
        label = "          ";
      }
    }
    if (!v.perVariant().isEmpty()) {
      out.println("Recipients per template:");
      int width =
          v.perVariant().keySet().stream()
              .mapToInt(t -> Display.path(t.file()).length())
              .max()
              .orElse(10);
      for (Map.Entry<Template, Integer> e : v.perVariant().entrySet()) {
        Template t = e.getKey();
        out.printf(
            "  %-" + width + "s  %-8s %5d%n",
            Display.path(t.file()),
            t.language().isEmpty() ? "default" : t.language(),
            e.getValue());
      }
    }
    if (!v.languages().isEmpty()) {
      out.println("Languages (the contacts' language column, and the template each gets):");
      for (Map.Entry<String, LanguageUse> e : v.languages().entrySet()) {
        LanguageUse use = e.getValue();
        TemplateSet.Choice c = use.choice();
        String why =
            !c.fellBack()
                ? ""
                : c.tag().isEmpty()
                    ? "  (not a language herald knows: gets the default)"
                    : "  (no " + c.tag() + " variant: gets the default)";
        out.printf(
            "  %-12s -> %s  %d%s%n",
            "'" + Display.oneLine(e.getKey()) + "'",
            Display.path(c.template().file()),
            use.count(),
            why);
        for (String who : use.named()) {
          out.println("      " + Display.oneLine(who));
        }
        if (use.named().size() < use.count() && c.fellBack()) {
          out.println("      … and " + (use.count() - use.named().size()) + " more");
        }
      }
      if (v.otherLanguages() > 0) {
        out.println("  … and " + v.otherLanguages() + " contacts with other language values");
      }
    }
    List<Attachments.Attachment> files = v.attachments();
    if (!files.isEmpty()) {
      out.println("Attachments:");
      for (Attachments.Attachment a : files) {
        out.printf("  %s  %s%n", Display.path(a.file()), Display.bytes(a.size()));
      }
      // each recipient gets their own variant's attachments only
      var sizes = v.attachmentBytes();
      if (sizes.values().stream().distinct().count() <= 1) {
        long each = sizes.values().stream().findFirst().orElse(0L);
        out.printf("  (%s per message)%n", Display.bytes(each));
      } else {
        for (Map.Entry<Template, Long> e : sizes.entrySet()) {
          out.printf(
              "  (%s per message of %s)%n",
              Display.bytes(e.getValue()), Display.path(e.getKey().file()));
        }
      }
    }
    if (!v.warnings().isEmpty()) {
      out.println("Warnings:");
      for (String w : v.warnings()) {
        Output.warning(out, "  " + w);
      }
    }
    List<Problem> problems = new ArrayList<>(v.fatal());
    problems.addAll(v.invalidRows());
    if (problems.isEmpty()) {
      Output.summary(out, true, "No problems found: ready to preview and send.");
      return;
    }
    int count = v.problemCount();
    Output.summary(out, v.ok(skipInvalid), count == 1 ? "1 problem:" : count + " problems:");
    for (Problem p : problems) {
      Output.error(out, "  " + p);
    }
    if (count > problems.size()) {
      out.println(
          "  … and "
              + (count - problems.size())
              + " more invalid rows (the first "
              + problems.size()
              + " are listed)");
    }
    if (v.ok(skipInvalid)) {
      out.println("The invalid rows above will be skipped (--skip-invalid).");
    } else if (v.fatal().isEmpty()) {
      out.println(v.fixAdvice("Fix these rows, or use --skip-invalid to leave them out."));
    }
  }
}
