package dev.herald.cli;

import dev.herald.Display;
import dev.herald.FolderKey;
import dev.herald.Problem;
import dev.herald.campaign.Filter;
import dev.herald.campaign.LoadedCampaign;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What to merge: the template, the contact file, and which contacts. */
public final class MergeOptions {
  @Parameters(
      index = "0",
      paramLabel = "TEMPLATE",
      description =
          "The release, e.g. templates/NAME.md; NAME.LANG.md variants are found beside it.")
  Path template;

  @Option(
      names = "--contacts",
      paramLabel = "FILE",
      defaultValue = "contacts/media.csv",
      description =
          "The media contacts: a CSV file (comma, semicolon or tab) or an .xlsx workbook, with an"
              + " email column. Default: ${DEFAULT-VALUE}.")
  Path contacts;

  @Mixin ContactFormatOptions format;

  @Option(
      names = "--only",
      paramLabel = "EMAIL",
      description = "Only this contact (by address, case-insensitive).")
  String only;

  @Option(
      names = "--where",
      paramLabel = "COLUMN=VALUE",
      description =
          "Only contacts whose COLUMN equals VALUE (case-insensitive; for tags: has the tag)."
              + " Repeatable: all must hold.")
  List<String> where = new ArrayList<>();

  @Option(
      names = "--skip-invalid",
      description = "Skip malformed rows (and report them) instead of stopping with exit 2.")
  boolean skipInvalid;

  /**
   * Runs the validation pass; stops with exit 2 listing every problem unless the run may go on, and
   * prints warnings and skipped rows to {@code notes}.
   */
  LoadedCampaign validate(HeraldCommand root, Settings settings, PrintWriter notes) {
    LoadedCampaign v = run(root, settings, root.key());
    v.requireOk(skipInvalid);
    v.templates()
        .namedVariant()
        .ifPresent(
            p ->
                notes.println(
                    "note: "
                        + Display.path(p)
                        + " is a language variant: using the whole release, "
                        + Display.path(v.templates().base().file())
                        + ", and every variant beside it"));
    for (String w : v.warnings()) {
      notes.println("warning: " + w);
    }
    for (Problem p : v.invalidRows()) {
      notes.println("skipped: " + p);
    }
    if (v.invalidCount() > v.invalidRows().size()) {
      notes.println(
          "skipped: … and " + (v.invalidCount() - v.invalidRows().size()) + " more invalid rows");
    }
    return v;
  }

  /**
   * The validation pass, with the working folder's opt-out list and any legacy one beside the
   * contact file.
   */
  LoadedCampaign run(HeraldCommand root, Settings settings, FolderKey key) {
    Path file = root.resolve(contacts);
    return LoadedCampaign.run(
        root.workdir(),
        root.resolve(template),
        file,
        settings.optOutFiles(root.workdir(), file),
        filter(),
        format.limits(settings),
        key,
        root.invocation.clock().instant());
  }

  Filter filter() {
    return new Filter(only, where.stream().map(Filter.Where::parse).toList());
  }
}
