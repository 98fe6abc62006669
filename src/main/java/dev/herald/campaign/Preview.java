package dev.herald.campaign;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.message.MessageBuilder;
import dev.herald.message.MessageFiles;
import dev.herald.template.PageTemplate;
import dev.herald.template.RenderException;
import dev.herald.template.Rendered;
import dev.herald.template.Renderer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes every selected contact's message as it will arrive: an {@code .eml} file (opens in
 * Thunderbird, Outlook, Apple Mail) and its HTML part as an {@code .html} file, plus an {@code
 * index.html} listing them all for a reviewer.
 */
public final class Preview {
  private static final Pattern OURS = Pattern.compile("\\d{5}-[a-z0-9._-]+\\.(eml|html)");

  /** One previewed message, as listed in the index. */
  public record Item(
      String email, String name, String outlet, String language, String subject, String file) {}

  /** What was written, and the first message's headers and text part, to print. */
  public record Result(Path dir, List<Item> items, String firstHeaders, String firstText) {}

  private Preview() {}

  /** Marks a folder as one herald made for previews, so it may clear it next time. */
  static final String MARKER = ".herald-preview";

  /**
   * Writes the previews into {@code dir}. A folder that herald did not make (it holds files other
   * than previews, and no marker) is refused unless {@code force}: a mistyped {@code --out} must
   * not clear someone's documents. Even with {@code force}, only herald's own files are removed.
   *
   * @param limit at most this many messages; 0 for every selected contact
   */
  public static Result write(
      LoadedCampaign v,
      Path dir,
      int limit,
      boolean skipInvalid,
      MessageBuilder builder,
      boolean force) {
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
    Renderer renderer = v.renderer();
    List<Item> items = new ArrayList<>();
    // the first message's headers and text part, to print; null until one is written
    String[] first = new String[2];
    v.audience()
        .forEach(
            e -> {
              if (e.kind() != Audience.Kind.SELECTED || (limit > 0 && items.size() >= limit)) {
                return;
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
              String base = MessageFiles.baseName(items.size() + 1, r.contact().email());
              // Buffered: Jakarta Mail writes a message a few bytes at a time.
              try (OutputStream out =
                  new BufferedOutputStream(
                      Files.newOutputStream(dir.resolve(base + ".eml")), 1 << 16)) {
                b.writeTo(out);
              } catch (IOException ex) {
                throw HeraldException.input(
                    Display.path(dir.resolve(base + ".eml"))
                        + ": cannot write: "
                        + ex.getMessage());
              }
              try {
                Files.writeString(
                    dir.resolve(base + ".html"),
                    withPolicy(r.browserHtml()),
                    StandardCharsets.UTF_8);
              } catch (IOException ex) {
                throw HeraldException.input(
                    Display.path(dir.resolve(base + ".html"))
                        + ": cannot write: "
                        + ex.getMessage());
              }
              if (first[0] == null) {
                first[0] = headers(b);
                first[1] = r.text();
              }
              items.add(
                  new Item(
                      r.contact().email(),
                      r.contact().name(),
                      r.contact().value("outlet"),
                      r.template().language().isEmpty() ? "default" : r.template().language(),
                      r.subject(),
                      base));
            });
    writeIndex(dir, v, items);
    return new Result(dir, List.copyOf(items), first[0], first[1]);
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
        } else if (n.equals("index.html") || n.equals("approval.json")) {
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
        if (OURS.matcher(n).matches() || n.equals("index.html")) {
          Files.delete(f);
        }
      }
    }
  }

  private static String headers(MessageBuilder.Built b) {
    StringBuilder s = new StringBuilder();
    try {
      var all = b.message().getAllHeaderLines();
      while (all.hasMoreElements()) {
        String line = all.nextElement();
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-") || lower.startsWith("mime-version")) {
          continue;
        }
        s.append(line.replace("\r\n", "\n")).append('\n'); // folded lines, as on screen
      }
      String subject = b.message().getSubject();
      String to = b.message().getHeader("To", ", ");
      s.append("(decoded) To: ")
          .append(MimeUtility.decodeText(to))
          .append('\n')
          .append("(decoded) Subject: ")
          .append(subject)
          .append('\n');
    } catch (MessagingException | UnsupportedEncodingException e) {
      s.append("(headers unavailable: ").append(e.getMessage()).append(")\n");
    }
    return s.toString();
  }

  private static final PageTemplate INDEX = PageTemplate.load("dev/herald/campaign/index.mustache");

  /** A line of the index: its number, from 1, and the message it lists. */
  private record Row(int number, Item item) {
    /** Whether the recipient has a name to show before the address. */
    boolean named() {
      return !item.name().isEmpty();
    }
  }

  private static void writeIndex(Path dir, LoadedCampaign v, List<Item> items) {
    Path index = dir.resolve("index.html");
    List<Row> rows = new ArrayList<>();
    for (Item i : items) {
      rows.add(new Row(rows.size() + 1, i));
    }
    Map<String, Object> page = new HashMap<>();
    page.put("policy", POLICY);
    page.put("campaign", v.templates().campaign());
    page.put("messages", items.size() + (items.size() == 1 ? " message" : " messages"));
    page.put("rows", rows);
    try {
      Files.writeString(index, INDEX.render(page), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw HeraldException.input(Display.path(index) + ": cannot write: " + e.getMessage());
    }
  }
}
