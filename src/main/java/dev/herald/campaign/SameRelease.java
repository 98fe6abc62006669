package dev.herald.campaign;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.journal.CampaignState;
import dev.herald.journal.TemplateRecord;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Whether a run sends the release its campaign was sent from. The default campaign id is the
 * template's file name, so {@code templates/2026-11/press-release.md} and {@code
 * templates/2026-12/press-release.md} are one campaign, and so are two releases when last month's
 * {@code Campaign:} header was copied: the second would reach nobody ("already sent") and share the
 * first one's Message-IDs. The journal records the template each line was sent from; a run whose
 * template differs is refused unless {@code --same-campaign} says the change is intended.
 */
public final class SameRelease {
  private SameRelease() {}

  /**
   * The record of {@code templates} for the journal: the default file's path relative to {@code
   * workdir} (with {@code /} between folders) and the release's {@link
   * dev.herald.template.TemplateSet#fingerprint}.
   */
  public static TemplateRecord of(LoadedCampaign v, Path workdir) {
    Path file = v.templates().base().file().toAbsolutePath().normalize();
    Path base = workdir.toAbsolutePath().normalize();
    String path = file.startsWith(base) ? base.relativize(file).toString() : file.toString();
    return new TemplateRecord(
        path.replace(file.getFileSystem().getSeparator(), "/"), v.templates().fingerprint());
  }

  /**
   * Refuses (exit 2, nothing sent) a run of {@code campaign} whose template {@code now} differs
   * from the one {@code state} says it was sent from, unless {@code sameCampaign}. A campaign whose
   * lines were all written before the journal recorded templates has nothing to compare with:
   * {@code notes} is told so, and the run goes on (its own lines then record the template).
   */
  public static void check(
      String campaign,
      TemplateRecord now,
      CampaignState state,
      String journal,
      boolean sameCampaign,
      Consumer<String> notes) {
    String name = shown(campaign);
    // The journal is input like any other: what it says is shown escaped and capped.
    TemplateRecord then =
        new TemplateRecord(shown(state.template().path()), shown(state.template().hash()));
    if (state.template().isEmpty()) {
      if (state.untemplated()) {
        notes.accept(
            "note: "
                + journal
                + " recorded campaign '"
                + name
                + "' before herald noted which template a campaign is sent from, so it cannot"
                + " tell whether "
                + shown(now.path())
                + " is that release; the lines it writes from now on record it, and later runs"
                + " compare with it");
      }
      return;
    }
    if (state.template().hash().equals(now.hash()) || sameCampaign) {
      return; // the same release (perhaps moved), or a change the user says is intended
    }
    String what =
        state.template().path().equals(now.path())
            ? shown(now.path())
                + " has changed since campaign '"
                + name
                + "' was sent from it: "
                + journal
                + " records another version of its header block or body (hash "
                + then.hash()
                + ", now "
                + now.hash()
                + ")"
            : "campaign '"
                + name
                + "' was sent from "
                + then.path()
                + " (as "
                + journal
                + " records), and "
                + shown(now.path())
                + " is another file with another header block or body (hash "
                + then.hash()
                + ", now "
                + now.hash()
                + ")";
    throw HeraldException.input(
        what
            + ". Nothing was sent. If this is a new release, give it a campaign id of its own with"
            + " a line such as 'Campaign: "
            + suggestion(name, shown(now.path()))
            + "' in its header block; if it is the same release corrected (a typo, say), add"
            + " --same-campaign, and only contacts not yet sent get it.");
  }

  private static String shown(String text) {
    String line = Display.oneLine(text);
    return line.length() <= 200 ? line : line.substring(0, 200) + "...";
  }

  /** An id for a new release: the campaign and the template's folder, else a number. */
  private static String suggestion(String campaign, String path) {
    String[] parts = path.split("/");
    String folder = parts.length >= 2 ? parts[parts.length - 2] : "";
    if (folder.isEmpty() || folder.equals("templates") || folder.equals("..")) {
      return campaign + "-2";
    }
    return campaign + "-" + folder;
  }
}
