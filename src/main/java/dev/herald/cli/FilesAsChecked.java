package dev.herald.cli;

import dev.herald.HeraldException;
import dev.herald.campaign.LoadedCampaign;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The contact file's and templates' modification times and sizes when herald checked them. What is
 * sent must be what was checked and confirmed: a row a colleague saves into the contact file while
 * the question waits (or while a long list is being checked) would otherwise be mailed without
 * having been counted, confirmed or checked with the rest.
 */
final class FilesAsChecked {
  private final Path contacts;
  private String stamp;

  /** Taken before the contacts are read, so that a change while they are checked counts too. */
  FilesAsChecked(Path contacts) {
    this.contacts = contacts;
    this.stamp = stamp(List.of(contacts));
  }

  /** Adds the templates, known once the campaign is loaded. */
  void checked(LoadedCampaign v) {
    stamp += stamp(templates(v));
  }

  /** Exit 2, nothing sent, if a file changed since it was checked (and, unless --yes, asked). */
  void requireUnchanged(LoadedCampaign v, boolean asked) {
    if (!stamp.equals(stamp(List.of(contacts)) + stamp(templates(v)))) {
      throw HeraldException.input(
          "the contact file or a template changed after herald checked it"
              + (asked ? " and asked" : "")
              + "; nothing was sent. Run again to check and confirm the list as it is now.");
    }
  }

  private static List<Path> templates(LoadedCampaign v) {
    List<Path> files = new ArrayList<>();
    if (v.templates() != null) {
      v.templates().all().forEach(t -> files.add(t.file()));
    }
    return files;
  }

  private static String stamp(List<Path> files) {
    StringBuilder b = new StringBuilder();
    for (Path f : files) {
      try {
        b.append(f)
            .append(' ')
            .append(Files.getLastModifiedTime(f))
            .append(' ')
            .append(Files.size(f))
            .append('\n');
      } catch (IOException e) {
        b.append(f).append(" unreadable\n");
      }
    }
    return b.toString();
  }
}
