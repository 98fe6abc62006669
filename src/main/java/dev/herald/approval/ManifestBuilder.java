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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a preview's {@code approval.json} as the preview goes: each recipient and each row left
 * out is appended to a part file beside it, and {@link #finish} writes the file itself from the
 * members known only at the end (whether the preview was complete, the attachments) and the parts,
 * copying them in order and sealing the text as it is written; then renames it into place, so a
 * failed preview leaves no approval behind (and {@link #close} removes the parts).
 */
public final class ManifestBuilder implements PreviewListener, AutoCloseable {
  /** The file's name, beside {@code index.html}. */
  public static final String FILE = Preview.APPROVAL;

  private final Path workdir;
  private final Path dir;
  private final LoadedCampaign v;
  private final Fingerprint digests = new Fingerprint();
  private final RecordFile recipients;
  private final RecordFile skipped;
  private final Map<String, Manifest.FileDigest> attachments = new TreeMap<>();
  private boolean assembling;

  /**
   * Writes into {@code dir}, which the preview makes (and clears of old parts) before it starts.
   */
  public ManifestBuilder(Path workdir, LoadedCampaign v, Path dir) {
    this.workdir = workdir;
    this.dir = dir;
    this.v = v;
    this.recipients = new RecordFile(dir.resolve(Preview.APPROVAL_RECIPIENTS));
    this.skipped = new RecordFile(dir.resolve(Preview.APPROVAL_SKIPPED));
  }

  /** A recipient's message as it will be sent; {@code suppressed}: on the opt-out list now. */
  @Override
  public void recipient(Rendered r, MessageBuilder.Built b, boolean suppressed) {
    for (Attachments.Attachment a : r.attachments()) {
      String file = relative(workdir, a.file());
      attachments.computeIfAbsent(
          file, f -> new Manifest.FileDigest(f, a.name(), a.size(), digests.file(a.file())));
    }
    Fingerprint.Parts p = digests.parts(r, b.messageId());
    recipients.add(
        r.contact().email(),
        r.contact().line(),
        variant(r.template()),
        relative(workdir, r.template().file()),
        suppressed,
        Fingerprint.message(b),
        p.headers(),
        p.subject(),
        p.body(),
        p.attachments());
  }

  /** A row left out of the audience (repeated or invalid), with why. */
  @Override
  public void skipped(Audience.Entry e, String reason) {
    skipped.add(
        e.contact() == null ? "" : e.contact().email(),
        e.contact() == null ? e.problem().line() : e.contact().line(),
        e.kind().name().toLowerCase(java.util.Locale.ROOT),
        reason);
  }

  /**
   * Writes {@link #FILE} into the folder: what was collected, under what was selected. {@code
   * complete} is false when {@code limit} stopped the preview before the end of the list.
   */
  public void finish(
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
    Manifest m =
        new Manifest(
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
            List.copyOf(attachments.values()));
    Path part = dir.resolve(Preview.APPROVAL_PART);
    assembling = true;
    try (ManifestFile out = new ManifestFile(part, key)) {
      m.head().forEach(out::member);
      out.beginArray("recipients");
      recipients.read(
          f ->
              out.element(
                  Manifest.json(
                      new Manifest.Recipient(
                          f.text(),
                          f.number(),
                          f.text(),
                          f.text(),
                          f.bool(),
                          f.text(),
                          new Fingerprint.Parts(f.text(), f.text(), f.text(), f.text())))));
      out.endArray();
      out.beginArray("skipped");
      skipped.read(
          f ->
              out.element(
                  Manifest.json(new Manifest.Skipped(f.text(), f.number(), f.text(), f.text()))));
      out.endArray();
      out.seal();
      Files.move(
          part,
          dir.resolve(FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw HeraldException.input(
          Display.path(dir.resolve(FILE)) + ": cannot write: " + e.getMessage());
    } finally {
      close();
    }
  }

  /** Removes the parts, and an approval not finished: after a failed preview nothing is left. */
  @Override
  public void close() {
    recipients.close();
    skipped.close();
    try {
      if (assembling) {
        Files.deleteIfExists(dir.resolve(Preview.APPROVAL_PART));
      }
    } catch (IOException e) {
      throw HeraldException.input(
          Display.path(dir.resolve(Preview.APPROVAL_PART)) + ": cannot remove: " + e.getMessage());
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
