package dev.herald.campaign;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.journal.CampaignState;
import dev.herald.message.MessageBuilder;
import dev.herald.message.MessageFiles;
import dev.herald.template.RenderException;
import dev.herald.template.Rendered;
import dev.herald.template.Renderer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes every selected contact's message as it will arrive: an {@code .eml} file (opens in
 * Thunderbird, Outlook, Apple Mail) and its HTML part as an {@code .html} file, plus an {@code
 * index.html} listing them all for a reviewer.
 */
public final class Preview {
  private static final Pattern OURS = Pattern.compile("\\d{5}-[a-z0-9._-]+\\.(eml|html)");

  /**
   * What was written: how many messages, the first of them ({@code first}, null when none), the
   * rows left out (in file order; {@code moreLeftOut} beyond those listed), whether the preview
   * covers every selected contact ({@code complete}: no {@code --limit} cut it short), how many
   * rows {@code --only}/{@code --where} left out, and the first message's headers and text part.
   * The other messages are only in the files: a long list is never held in memory.
   */
  public record Result(
      Path dir,
      int messages,
      PreviewEntry first,
      List<PreviewEntry.LeftOut> leftOut,
      int moreLeftOut,
      int filtered,
      boolean complete,
      String firstHeaders,
      String firstText) {}

  private Preview() {}

  /** Marks a folder as one herald made for previews, so it may clear it next time. */
  static final String MARKER = ".herald-preview";

  /** The approval manifest a preview writes beside its index (see herald send --approved). */
  public static final String APPROVAL = "approval.json";

  /** The approval while it is written, and the lists it is written from (see ManifestBuilder). */
  public static final String APPROVAL_PART = APPROVAL + ".part",
      APPROVAL_RECIPIENTS = APPROVAL + ".recipients.part",
      APPROVAL_SKIPPED = APPROVAL + ".skipped.part";

  private static boolean approval(String n) {
    return n.equals(APPROVAL)
        || n.equals(APPROVAL_PART)
        || n.equals(APPROVAL_RECIPIENTS)
        || n.equals(APPROVAL_SKIPPED);
  }

  /**
   * Writes the previews into {@code dir}. A folder that herald did not make (it holds files other
   * than previews, and no marker) is refused unless {@code force}: a mistyped {@code --out} must
   * not clear someone's documents. Even with {@code force}, only herald's own files are removed.
   * Every recipient of the audience, previewed or left out by the journal or the opt-out list, is
   * added to {@code approval}.
   *
   * @param limit at most this many messages; 0 for every selected contact
   * @param state what the journal says was sent already: those contacts are listed as left out
   */
  public static Result write(
      LoadedCampaign v,
      Path dir,
      int limit,
      boolean skipInvalid,
      MessageBuilder builder,
      boolean force,
      Path workdir,
      CampaignState state,
      String journal,
      PreviewListener approval) {
    prepare(dir, force);
    try (PreviewIndex index = new PreviewIndex(dir)) {
      return write(v, dir, limit, skipInvalid, builder, workdir, state, journal, approval, index);
    }
  }

  private static Result write(
      LoadedCampaign v,
      Path dir,
      int limit,
      boolean skipInvalid,
      MessageBuilder builder,
      Path workdir,
      CampaignState state,
      String journal,
      PreviewListener approval,
      PreviewIndex index) {
    Renderer renderer = v.renderer();
    int[] written = {0};
    PreviewEntry[] firstEntry = {null};
    LeftOutRows left = new LeftOutRows(v.audience(), journal);
    // the first message's headers and text part, to print; null until one is written
    String[] first = new String[2];
    boolean[] cut = {false};
    v.audience()
        .forEach(
            e -> {
              if (cut[0]) {
                return;
              }
              if (e.kind() == Audience.Kind.SELECTED
                  && limit > 0
                  && written[0] >= limit
                  && !LeftOutRows.alreadySent(state.status(e.contact().email()))) {
                cut[0] = true; // the manifest then covers only what the reviewer saw
                return;
              }
              if (e.kind() != Audience.Kind.SELECTED && e.kind() != Audience.Kind.SUPPRESSED) {
                left.add(e, approval);
                return;
              }
              if (v.invalidLine(e.contact().line())) {
                return; // listed with the other invalid rows
              }
              Rendered r;
              try {
                r = renderer.render(e.contact());
              } catch (RenderException ex) {
                if (skipInvalid) {
                  return;
                }
                throw ex;
              }
              MessageBuilder.Built b = builder.build(r);
              approval.recipient(r, b, e.kind() == Audience.Kind.SUPPRESSED);
              if (e.kind() == Audience.Kind.SUPPRESSED) {
                left.add(e, null);
                return;
              }
              CampaignState.Status status = state.status(e.contact().email());
              if (LeftOutRows.alreadySent(status)) {
                left.sent(e.contact(), status);
                return;
              }
              int number = ++written[0];
              String base = MessageFiles.baseName(number, r.contact().email());
              writeMessage(dir, base, r, b);
              PreviewEntry entry = PreviewEntry.of(number, r, b, v.templates(), workdir, base);
              write(
                  dir.resolve(base + ".html"),
                  withPolicy(PreviewPage.withHeader(r.browserHtml(), entry)));
              if (first[0] == null) {
                first[0] = PreviewEntry.headers(b);
                first[1] = r.text().replace("\r\n", "\n");
                firstEntry[0] = entry;
              }
              index.add(entry);
            });
    v.invalidRows().forEach(p -> left.invalid(p, approval));
    Result result =
        new Result(
            dir,
            written[0],
            firstEntry[0],
            left.rows(),
            left.more(),
            left.filtered(),
            !cut[0],
            first[0],
            first[1]);
    index.finish(v, result);
    return result;
  }

  private static void prepare(Path dir, boolean force) {
    try {
      if (Files.exists(dir) && !force) {
        List<String> foreign = foreign(dir);
        if (!foreign.isEmpty()) {
          throw HeraldException.input(
              Display.path(dir)
                  + " holds files herald did not write ("
                  + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                  + (foreign.size() > 3 ? ", …" : "")
                  + "); choose an empty or new folder with --out, or add --force to write the"
                  + " previews beside them (only herald's own previews are replaced)");
        }
      }
      Files.createDirectories(dir);
      clean(dir);
      Files.writeString(
          dir.resolve(MARKER),
          "This folder holds herald's previews; herald replaces them on the next preview.\n");
    } catch (IOException e) {
      throw HeraldException.input(Display.path(dir) + ": cannot write previews: " + e.getMessage());
    }
  }

  private static void writeMessage(Path dir, String base, Rendered r, MessageBuilder.Built b) {
    // Buffered: Jakarta Mail writes a message a few bytes at a time.
    try (OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(dir.resolve(base + ".eml")), 1 << 16)) {
      b.writeTo(out);
    } catch (IOException ex) {
      throw HeraldException.input(
          Display.path(dir.resolve(base + ".eml")) + ": cannot write: " + ex.getMessage());
    }
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw HeraldException.input(Display.path(file) + ": cannot write: " + ex.getMessage());
    }
  }

  /**
   * A Content-Security-Policy for the pages a reviewer opens in a browser: no script runs, no form
   * submits, no frame or plug-in loads, whatever a template or a contact's data holds. Images and
   * inline styles still show, as in a mail client.
   */
  static final String POLICY =
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src"
          + " 'none'; object-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none';"
          + " img-src https: data: cid:; style-src 'unsafe-inline'\">\n";

  /** The page with {@link #POLICY} first in its head, before anything it could govern. */
  static String withPolicy(String html) {
    int head = html.indexOf("<head>");
    if (head < 0) {
      return POLICY + html;
    }
    int at = head + "<head>".length();
    return html.substring(0, at) + "\n" + POLICY.strip() + html.substring(at);
  }

  /** The files in {@code dir} that herald did not write, unless the folder is marked as ours. */
  private static List<String> foreign(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of(dir.getFileName().toString());
    }
    if (Files.exists(dir.resolve(MARKER))) {
      return List.of();
    }
    List<String> foreign = new ArrayList<>();
    List<String> common = new ArrayList<>(); // names anyone may use: ours only beside previews
    boolean previews = false;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String n = f.getFileName().toString();
        if (OURS.matcher(n).matches()) {
          previews = true;
        } else if (n.equals("index.html") || n.equals(PreviewIndex.PART) || approval(n)) {
          common.add(n);
        } else {
          foreign.add(n);
        }
      }
    }
    if (!previews) {
      foreign.addAll(common); // a team's own index.html is not herald's to replace
    }
    Collections.sort(foreign);
    return foreign;
  }

  private static void clean(Path dir) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String n = f.getFileName().toString();
        if (OURS.matcher(n).matches()
            || n.equals("index.html")
            || n.equals(PreviewIndex.PART)
            || approval(n)) {
          Files.delete(f);
        }
      }
    }
  }
}
