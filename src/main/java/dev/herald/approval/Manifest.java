package dev.herald.approval;

import dev.herald.Display;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reviewer approved: the {@code approval.json} that {@code preview} writes beside {@code
 * index.html} and {@code send --approved} compares with. For every recipient of the previewed
 * audience (before journal and opt-out skips) it holds the address, the variant and the digests of
 * the message and of its parts; and the digests of the template files and attachments, the contacts
 * left out, and what was selected. See the README ("herald preview") for the format. This record is
 * the part before the recipients; they are written ({@link ManifestBuilder}) and read ({@link
 * ManifestReader}, into {@link Approved}) one at a time, so a list of any length fits in memory.
 *
 * <p>The file is sealed with a keyed digest ({@link FolderKey}) over its content, so that a hand
 * edit, a truncation or a file from another working folder is recognised rather than trusted.
 */
public record Manifest(
    int version,
    String herald,
    String created,
    String campaign,
    String contacts,
    String key,
    Selection selection,
    List<FileDigest> templates,
    List<FileDigest> attachments) {

  /** The value of the {@code format} member: what makes a JSON file an approval manifest. */
  public static final String FORMAT = "herald-approval";

  /** The format version this herald writes and reads. */
  public static final int VERSION = 1;

  public Manifest {
    templates = List.copyOf(templates);
    attachments = List.copyOf(attachments);
  }

  /**
   * Which contacts the preview covered: its {@code --only} (null: none) and {@code --where}, and
   * its {@code --limit} (0: none). {@code complete} is false when the limit stopped the preview
   * before the end of the list: the manifest then covers only the recipients the reviewer saw.
   */
  public record Selection(
      String only, List<String> where, int limit, boolean complete, boolean skipInvalid) {
    public Selection {
      where = List.copyOf(where);
    }

    /** The selection as options, for messages: "--only a@b --where language=pl --limit 5". */
    public String options() {
      List<String> o = new ArrayList<>();
      if (only != null) {
        o.add("--only " + only);
      }
      where.forEach(w -> o.add("--where " + w));
      if (limit > 0) {
        o.add("--limit " + limit);
      }
      return String.join(" ", o);
    }
  }

  /** A template file or an attachment: its path (relative to the working folder) and digest. */
  public record FileDigest(String file, String name, long bytes, String sha256) {}

  /**
   * One recipient: {@code variant} is the language of the template used ("default" for the default
   * file), {@code suppressed} whether the opt-out list held the address when the preview ran.
   */
  public record Recipient(
      String email,
      long line,
      String variant,
      String template,
      boolean suppressed,
      String sha256,
      Fingerprint.Parts parts) {}

  /** A row left out of the audience: a repeated address or an invalid row, and why. */
  public record Skipped(String email, long line, String kind, String reason) {}

  /** The key's public name: a digest keyed with it, which tells keys apart and reveals nothing. */
  public static String keyId(FolderKey key) {
    return Fingerprint.hex(key.mac("herald approval key id")).substring(0, 16);
  }

  /** The members before the recipients, in the file's order. */
  Map<String, Object> head() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("version", version);
    m.put("herald", herald);
    m.put("created", created);
    m.put("campaign", campaign);
    m.put("contacts", contacts);
    m.put("key", this.key);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("only", selection.only());
    s.put("where", selection.where());
    s.put("limit", selection.limit());
    s.put("complete", selection.complete());
    s.put("skip_invalid", selection.skipInvalid());
    m.put("selection", s);
    m.put("templates", templates.stream().map(f -> file(f, "language")).toList());
    m.put("attachments", attachments.stream().map(f -> file(f, "name")).toList());
    return m;
  }

  /** One element of {@code recipients}. */
  static Map<String, Object> json(Recipient r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("email", r.email());
    o.put("line", r.line());
    o.put("variant", r.variant());
    o.put("template", r.template());
    o.put("suppressed", r.suppressed());
    o.put("sha256", r.sha256());
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("headers", r.parts().headers());
    p.put("subject", r.parts().subject());
    p.put("body", r.parts().body());
    p.put("attachments", r.parts().attachments());
    o.put("parts", p);
    return o;
  }

  /** One element of {@code skipped}. */
  static Map<String, Object> json(Skipped k) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("email", k.email());
    o.put("line", k.line());
    o.put("kind", k.kind());
    o.put("reason", k.reason());
    return o;
  }

  private static Map<String, Object> file(FileDigest f, String nameKey) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("file", f.file());
    if (nameKey.equals("language")) {
      o.put("language", f.name());
    } else {
      o.put("name", f.name());
      o.put("bytes", f.bytes());
    }
    o.put("sha256", f.sha256());
    return o;
  }

  /** What the preview was made with, for messages. */
  String shown() {
    String options = selection.options();
    return options.isEmpty() ? "" : " (preview " + Display.oneLine(options) + ")";
  }

  static HeraldException malformed(String file, String why) {
    return HeraldException.input(
        file
            + " is not an approval herald can use: "
            + why
            + ". Nothing was sent. Run herald preview again and send with the approval.json it"
            + " writes.");
  }
}
