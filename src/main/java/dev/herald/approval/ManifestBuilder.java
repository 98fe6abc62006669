package dev.herald.approval;

import dev.herald.Display;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.campaign.Audience;
import dev.herald.campaign.Filter;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.campaign.Preview;
import dev.herald.campaign.PreviewListener;
import dev.herald.message.MessageBuilder;
import dev.herald.template.Attachments;
import dev.herald.template.Rendered;
import dev.herald.template.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects a preview's recipients into the {@link Manifest} it writes as {@code approval.json}. */
public final class ManifestBuilder implements PreviewListener {
  /** The file's name, beside {@code index.html}. */
  public static final String FILE = Preview.APPROVAL;

  private final Path workdir;
  private final LoadedCampaign v;
  private final Fingerprint digests = new Fingerprint();
  private final List<Manifest.Recipient> recipients = new ArrayList<>();
  private final List<Manifest.Skipped> skipped = new ArrayList<>();
  private final Map<String, Manifest.FileDigest> attachments = new TreeMap<>();

  public ManifestBuilder(Path workdir, LoadedCampaign v) {
    this.workdir = workdir;
    this.v = v;
  }

  /** A recipient's message as it will be sent; {@code suppressed}: on the opt-out list now. */
  @Override
  public void recipient(Rendered r, MessageBuilder.Built b, boolean suppressed) {
    for (Attachments.Attachment a : r.attachments()) {
      String file = relative(workdir, a.file());
      attachments.computeIfAbsent(
          file, f -> new Manifest.FileDigest(f, a.name(), a.size(), digests.file(a.file())));
    }
    recipients.add(
        new Manifest.Recipient(
            r.contact().email(),
            r.contact().line(),
            variant(r.template()),
            relative(workdir, r.template().file()),
            suppressed,
            Fingerprint.message(b),
            digests.parts(r, b.messageId())));
  }

  /** A row left out of the audience (repeated or invalid), with why. */
  @Override
  public void skipped(Audience.Entry e, String reason) {
    skipped.add(
        new Manifest.Skipped(
            e.contact() == null ? "" : e.contact().email(),
            e.contact() == null ? e.problem().line() : e.contact().line(),
            e.kind().name().toLowerCase(java.util.Locale.ROOT),
            reason));
  }

  /**
   * The manifest of what was collected. {@code complete} is false when {@code limit} stopped the
   * preview before the end of the list.
   */
  public Manifest build(
      String herald,
      Instant created,
      Path contacts,
      Filter filter,
      int limit,
      boolean complete,
      boolean skipInvalid,
      FolderKey key) {
    List<Manifest.FileDigest> templates = new ArrayList<>();
    for (Template t : v.templates().all()) {
      templates.add(
          new Manifest.FileDigest(
              relative(workdir, t.file()), variant(t), 0, digests.file(t.file())));
    }
    return new Manifest(
        Manifest.VERSION,
        herald,
        created.toString(),
        v.templates().campaign(),
        relative(workdir, contacts),
        Manifest.keyId(key),
        new Manifest.Selection(
            filter.only(),
            filter.where().stream().map(w -> w.column() + "=" + w.value()).toList(),
            limit,
            complete,
            skipInvalid),
        templates,
        List.copyOf(attachments.values()),
        recipients,
        skipped);
  }

  /** Writes {@code m} into {@code dir} as {@link #FILE}. */
  public static void write(Manifest m, Path dir, FolderKey key) {
    Path file = dir.resolve(FILE);
    try {
      Files.writeString(file, m.toJson(key), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw HeraldException.input(Display.path(file) + ": cannot write: " + e.getMessage());
    }
  }

  /** "default" for the default file, else the variant's language tag. */
  public static String variant(Template t) {
    return t.language().isEmpty() ? "default" : t.language();
  }

  /** {@code file} relative to {@code workdir}, with / between folders; absolute if outside it. */
  static String relative(Path workdir, Path file) {
    Path f = file.toAbsolutePath().normalize();
    Path base = workdir.toAbsolutePath().normalize();
    String path = f.startsWith(base) ? base.relativize(f).toString() : f.toString();
    return path.replace(f.getFileSystem().getSeparator(), "/");
  }
}
