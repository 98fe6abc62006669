package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.approval.ManifestBuilder;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.campaign.Preview;
import dev.herald.journal.CampaignState;
import dev.herald.message.MessageBuilder;
import jakarta.mail.Session;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald preview}: writes every message as it will arrive, sends nothing. */
@Command(
    mixinStandardHelpOptions = true,
    name = "preview",
    description = {
      "Write every personalised message, exactly as it will arrive, into DIR: one .eml (open it"
          + " in a mail client) and one .html per recipient, an index.html listing them and those left out,"
          + " and approval.json, which send --approved compares with. Sends nothing."
    })
public final class PreviewCommand implements Callable<Integer> {
  @ParentCommand HeraldCommand root;
  @Spec CommandSpec spec;
  @Mixin MergeOptions merge;
  @Mixin JournalOption journal;
  @Mixin Common common;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "preview",
      description = "Where to write the previews. Default: ${DEFAULT-VALUE}/.")
  Path out;

  @Option(names = "--limit", paramLabel = "N", description = "Preview only the first N recipients.")
  Integer limit;

  @Option(
      names = "--force",
      description =
          "Write into an --out folder that holds other files (only herald's previews are"
              + " replaced).")
  boolean force;

  @Override
  public Integer call() {
    if (limit != null && limit < 1) {
      throw HeraldException.input("--limit must be at least 1");
    }
    Settings settings = Settings.load(root);
    PrintWriter o = spec.commandLine().getOut();
    LoadedCampaign v = merge.validate(root, settings, o);
    AcrossOptions.preview(root, settings, v, journal.in(root));
    MessageBuilder builder =
        new MessageBuilder(
            Session.getInstance(new Properties()), root.invocation.clock(), root.key());
    Path dir = root.resolve(out);
    Preview.Result r;
    // streamed into the folder as the preview goes; closing removes whatever a failure left
    try (ManifestBuilder approval = new ManifestBuilder(root.workdir(), v, dir)) {
      r =
          Preview.write(
              v,
              dir,
              limit == null ? 0 : limit,
              merge.skipInvalid,
              builder,
              force,
              root.workdir(),
              CampaignState.load(journal.in(root), v.templates().campaign()),
              Display.path(journal.in(root)),
              approval);
      approval.finish(
          new HeraldCommand.Version().getVersion()[0],
          root.invocation.clock().instant(),
          root.resolve(merge.contacts),
          merge.filter(),
          limit == null ? 0 : limit,
          r.complete(),
          merge.skipInvalid,
          root.key());
    }
    PreviewView.print(o, r);
    return ExitCodes.OK;
  }
}
