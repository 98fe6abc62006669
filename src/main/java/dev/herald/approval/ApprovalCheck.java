package dev.herald.approval;

import dev.herald.Display;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.campaign.Audience;
import dev.herald.campaign.LoadedCampaign;
import dev.herald.contacts.Contact;
import dev.herald.delivery.SendRun;
import dev.herald.message.MessageBuilder;
import dev.herald.template.Attachments;
import dev.herald.template.Rendered;
import dev.herald.template.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * {@code send --approved}: renders every message the send's contacts would get and compares it with
 * the manifest {@code preview} wrote. Any difference (a message's body, subject, headers or
 * attachments, a template or attachment file, a contact row added or removed) refuses the whole
 * send, exit 2, naming the first few. A recipient already sent, or newly on the opt-out list, is
 * not a difference; a send may cover a subset of what was approved, never more.
 */
public final class ApprovalCheck {
  /** How many differences a refusal names. */
  static final int SHOWN = 5;

  private final String name;
  private final Manifest m;
  private final Path workdir;
  private final Fingerprint digests = new Fingerprint();
  private final Approved approved;
  private final List<String> differences = new ArrayList<>();
  private int count;

  private ApprovalCheck(String name, ManifestReader.Approval a, Path workdir) {
    this.name = name;
    this.m = a.manifest();
    this.approved = a.recipients();
    this.workdir = workdir;
  }

  /**
   * Checks {@code run}'s contacts against the manifest in {@code file}; returns the check each
   * message must pass again as it is built for sending, so that what is sent is exactly what was
   * checked, whatever changes on disk meanwhile.
   */
  public static BiConsumer<Contact, MessageBuilder.Built> check(
      Path file,
      LoadedCampaign v,
      SendRun run,
      Path workdir,
      Path contacts,
      MessageBuilder builder,
      FolderKey key) {
    String name = Display.path(file);
    ManifestReader.Approval a = ManifestReader.read(file, key);
    Manifest m = a.manifest();
    String campaign = v.templates().campaign();
    if (!m.campaign().equals(campaign)) {
      throw refusal(
          name
              + " approves campaign '"
              + Display.oneLine(m.campaign())
              + "', and this send is campaign '"
              + Display.oneLine(campaign)
              + "'");
    }
    String file2 = ManifestBuilder.relative(workdir, contacts);
    if (!m.contacts().equals(file2)) {
      throw refusal(
          name
              + " approves the contacts in "
              + Display.oneLine(m.contacts())
              + ", and this send reads "
              + file2);
    }
    ApprovalCheck c = new ApprovalCheck(name, a, workdir);
    c.templates(v);
    c.attachmentFiles();
    BitSet present = new BitSet(c.approved.size()); // by recipient number: flat at any length
    v.audience()
        .forEach(
            e -> {
              if (e.contact() != null) {
                int i = c.approved.find(e.contact().email());
                if (i >= 0) {
                  present.set(i);
                }
              }
            });
    Map<String, Manifest.FileDigest> used = new TreeMap<>();
    run.plan((e, d) -> c.entry(e, d, v, builder, used));
    for (int i = present.nextClearBit(0); i < c.approved.size(); i = present.nextClearBit(i + 1)) {
      c.differ(
          Display.oneLine(c.approved.email(i))
              + ": approved (line "
              + c.approved.line(i)
              + "), but no longer a valid row of "
              + file2
              + " (a contact row removed)");
    }
    c.attachments(used);
    if (c.count > 0) {
      StringBuilder s = new StringBuilder();
      s.append(name)
          .append(" does not match what this send would send (")
          .append(c.count)
          .append(c.count == 1 ? " difference" : " differences")
          .append("); nothing was sent:");
      c.differences.forEach(d -> s.append("\n  ").append(d));
      if (c.count > c.differences.size()) {
        s.append("\n  … and ").append(c.count - c.differences.size()).append(" more");
      }
      s.append(
          "\nIf the change is intended, preview again (herald preview), have the new preview"
              + " reviewed, and send with the approval.json it writes.");
      throw HeraldException.input(s.toString());
    }
    Approved sums = c.approved;
    return (contact, built) -> {
      int i = sums.find(contact.email());
      if (i < 0 || !sums.message(i, Fingerprint.message(built))) {
        throw HeraldException.input(
            Display.oneLine(contact.email())
                + ": the message differs from the one checked against "
                + name
                + " (a file changed while the run went on?); it was not sent, and the run stopped."
                + " Run again to check the folder as it is now.");
      }
    };
  }

  private static HeraldException refusal(String why) {
    return HeraldException.input(
        why
            + "; nothing was sent. Send with the approval.json of this campaign's preview, or"
            + " preview again and have it reviewed.");
  }

  private void differ(String what) {
    count++;
    if (differences.size() < SHOWN) {
      differences.add(what);
    }
  }

  private void templates(LoadedCampaign v) {
    Map<String, Manifest.FileDigest> then = new LinkedHashMap<>();
    m.templates().forEach(f -> then.put(f.file(), f));
    for (Template t : v.templates().all()) {
      String file = ManifestBuilder.relative(workdir, t.file());
      Manifest.FileDigest was = then.remove(file);
      if (was == null) {
        differ(file + ": a template variant added since the preview");
      } else if (!was.sha256().equals(digests.file(t.file()))) {
        differ(file + ": the template changed since the preview");
      }
    }
    then.keySet().forEach(f -> differ(Display.oneLine(f) + ": a template variant removed"));
  }

  private void entry(
      Audience.Entry e,
      SendRun.Decision d,
      LoadedCampaign v,
      MessageBuilder builder,
      Map<String, Manifest.FileDigest> used) {
    if (e.contact() == null || d == SendRun.Decision.DUPLICATE || d == SendRun.Decision.INVALID) {
      return;
    }
    Contact c = e.contact();
    int r = approved.find(c.email());
    if (r < 0) {
      if (m.selection().complete()) {
        differ(
            c.where()
                + ": "
                + Display.oneLine(c.email())
                + ": not in "
                + name
                + m.shown()
                + " (a contact row added since the preview, or left out of it)");
      } else if (d.due()) {
        differ(
            c.where()
                + ": "
                + Display.oneLine(c.email())
                + ": beyond the "
                + approved.size()
                + " recipients approved"
                + m.shown()
                + "; narrow this send with --only, --where or --limit, or preview them all");
      }
      return;
    }
    if (d == SendRun.Decision.SUPPRESSED) {
      return; // a new opt-out is not a difference: nothing goes to them
    }
    if (approved.suppressed(r) && d.due()) {
      // The reviewer saw this contact among those left out: mailing them is not what was approved.
      differ(
          c.where()
              + ": "
              + Display.oneLine(c.email())
              + ": on the opt-out list when the preview was approved (listed as left out), and"
              + " would be sent now (taken off the opt-out list since?)");
      return;
    }
    Rendered rendered = v.renderer().render(c);
    MessageBuilder.Built built = builder.build(rendered);
    for (Attachments.Attachment a : rendered.attachments()) {
      String file = ManifestBuilder.relative(workdir, a.file());
      used.computeIfAbsent(
          file, f -> new Manifest.FileDigest(f, a.name(), a.size(), digests.file(a.file())));
    }
    if (approved.message(r, Fingerprint.message(built))) {
      return;
    }
    Fingerprint.Parts now = digests.parts(rendered, built.messageId());
    List<String> what = new ArrayList<>();
    String variant = ManifestBuilder.variant(rendered.template());
    if (!variant.equals(approved.variant(r))) {
      what.add("variant (" + Display.oneLine(approved.variant(r)) + " then, " + variant + " now)");
    }
    if (!approved.part(r, 1, now.subject())) {
      what.add("subject");
    }
    if (!approved.part(r, 2, now.body())) {
      what.add("body");
    }
    if (!approved.part(r, 3, now.attachments())) {
      what.add("attachments");
    }
    if (!approved.part(r, 0, now.headers())) {
      what.add("headers (From, To, Cc, Bcc, Reply-To, List-Unsubscribe or Message-ID)");
    }
    if (what.isEmpty()) {
      what.add("the message as built");
    }
    differ(
        c.where()
            + ": "
            + Display.oneLine(c.email())
            + ": "
            + String.join(", ", what)
            + (what.size() == 1 ? " differs" : " differ"));
  }

  /** The approved attachments as they are now: named before the messages they change. */
  private void attachmentFiles() {
    for (Manifest.FileDigest was : m.attachments()) {
      Path file = workdir.resolve(was.file());
      if (java.nio.file.Files.isRegularFile(file) && !digests.file(file).equals(was.sha256())) {
        differ(Display.oneLine(was.file()) + ": the attachment changed since the preview");
      }
    }
  }

  private void attachments(Map<String, Manifest.FileDigest> used) {
    for (String file : used.keySet()) {
      if (m.attachments().stream().noneMatch(a -> a.file().equals(file))) {
        differ(file + ": attached now, and not in the approved messages");
      }
    }
  }
}
