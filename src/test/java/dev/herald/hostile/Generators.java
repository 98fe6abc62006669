package dev.herald.hostile;

import dev.herald.testing.Malformed;
import dev.herald.testing.TestFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;

/**
 * Inputs too large (or too odd, such as symbolic links) to commit, made when a corpus case asks for
 * them with a {@code generate} line in its {@code expect.properties}. Several can be given,
 * separated by {@code ;}. Each is a name and its arguments, separated by spaces; sizes are exact
 * counts, so every run makes the same bytes:
 *
 * <dl>
 *   <dt>{@code contacts-field N}
 *   <dd>{@code contacts/media.csv} whose second row has an {@code outlet} of N characters.
 *   <dt>{@code contacts-unclosed-quote N}
 *   <dd>{@code contacts/media.csv} whose third row opens a quote in {@code first_name} and then
 *       runs on for N characters without closing it.
 *   <dt>{@code contacts-columns N}
 *   <dd>{@code contacts/media.csv} whose header has N columns ({@code email} and N - 1 others).
 *   <dt>{@code contacts-row-fields N}
 *   <dd>{@code contacts/media.csv} whose third row has N + 1 (empty) fields.
 *   <dt>{@code attachment PATH N}
 *   <dd>a file of N bytes at PATH (sparse where the file system allows: written in no time).
 *   <dt>{@code template-sections N}
 *   <dd>{@code templates/release.md} whose body nests the section {@code {{#outlet}}} N deep.
 *   <dt>{@code template-bytes N}
 *   <dd>{@code templates/release.md} padded with body text to N bytes.
 *   <dt>{@code symlink LINK TARGET}
 *   <dd>a symbolic link at LINK pointing to TARGET (both relative to the working folder; TARGET is
 *       created as a small text file if missing). The case is skipped where links are unsupported.
 *   <dt>{@code reply-body N}
 *   <dd>{@code reply.eml}: a plain-text reply asking to be unsubscribed, with N bytes of body.
 *   <dt>{@code reply-nested N}
 *   <dd>{@code reply.eml}: multiparts nested N deep, each with its own boundary.
 *   <dt>{@code reply-siblings N}
 *   <dd>{@code reply.eml}: one multipart with N empty parts side by side.
 *   <dt>{@code xlsx-contacts}
 *   <dd>{@code contacts/media.xlsx}: sheet Contacts with two contacts whose cells are formulas (a
 *       text result, a number result) and a third whose outlet is the error {@code #REF!}.
 *   <dt>{@code xlsx-columns N}
 *   <dd>{@code contacts/media.xlsx} whose header has N columns (16384 is as wide as Excel goes).
 *   <dt>{@code xlsx-bomb N}
 *   <dd>{@code contacts/media.xlsx} whose sheet is padded with N MB of blanks inside the sheet
 *       data, which deflate to almost nothing.
 *   <dt>{@code xlsx-truncated}
 *   <dd>{@code contacts/media.xlsx}: the first half of a valid workbook.
 *   <dt>{@code xls-binary}
 *   <dd>{@code contacts/media.xls}: the header of an Excel 97-2003 (OLE2) file.
 * </dl>
 */
final class Generators {
  private Generators() {}

  static final String REPLY_HEADERS =
      "From: Anna Nowak <anna.nowak@kurier-podlaski.example>\r\n"
          + "To: press@next2met.example\r\n"
          + "Subject: Re: Fostering digitalisation in the Podlaskie Region\r\n"
          + "Message-ID: <hostile@kurier-podlaski.example>\r\n"
          + "MIME-Version: 1.0\r\n";

  /** Runs every generator named in {@code spec} in the working folder {@code dir}. */
  static void run(String spec, Path dir) {
    for (String one : spec.split(";")) {
      String[] a = one.strip().split("\\s+");
      if (a.length == 0 || a[0].isEmpty()) {
        continue;
      }
      switch (a[0]) {
        case "contacts-field" -> contactsField(dir, count(a, 1));
        case "contacts-unclosed-quote" -> unclosedQuote(dir, count(a, 1));
        case "contacts-columns" -> columns(dir, (int) count(a, 1));
        case "contacts-row-fields" -> rowFields(dir, (int) count(a, 1));
        case "attachment" -> sized(dir.resolve(a[1]), count(a, 2));
        case "template-sections" -> sections(dir, (int) count(a, 1));
        case "template-bytes" -> templateBytes(dir, (int) count(a, 1));
        case "symlink" -> symlink(dir, a[1], a[2]);
        case "reply-body" -> replyBody(dir, count(a, 1));
        case "reply-nested" -> replyNested(dir, (int) count(a, 1));
        case "reply-siblings" -> replySiblings(dir, (int) count(a, 1));
        case "xlsx-contacts" -> Workbooks.contacts(dir);
        case "xlsx-columns" -> Workbooks.columns(dir, (int) count(a, 1));
        case "xlsx-bomb" -> Workbooks.bomb(dir, (int) count(a, 1));
        case "xlsx-truncated" -> Workbooks.truncated(dir);
        case "xls-binary" -> Workbooks.xls(dir);
        default -> throw new IllegalArgumentException("unknown generator '" + a[0] + "'");
      }
    }
  }

  private static long count(String[] a, int i) {
    return Long.parseLong(a[i]);
  }

  private static Writer contacts(Path dir) throws IOException {
    Path file = dir.resolve("contacts/media.csv");
    Files.createDirectories(file.getParent());
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  private static void repeat(Writer w, char c, long n) throws IOException {
    char[] chunk = new char[8192];
    Arrays.fill(chunk, c);
    for (long left = n; left > 0; left -= chunk.length) {
      w.write(chunk, 0, (int) Math.min(chunk.length, left));
    }
  }

  private static void contactsField(Path dir, long n) {
    try (Writer w = contacts(dir)) {
      w.write(Malformed.HEADER + "anna@news.example,Anna,Nowak,");
      repeat(w, 'K', n);
      w.write(",pl\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void unclosedQuote(Path dir, long n) {
    try (Writer w = contacts(dir)) {
      w.write(Malformed.HEADER + "anna@news.example,Anna,Nowak,Kurier,pl\n");
      w.write("ben@news.example,\"Ben");
      repeat(w, 'n', n);
      w.write(",Smit,Bode,en\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void columns(Path dir, int n) {
    try (Writer w = contacts(dir)) {
      StringBuilder header = new StringBuilder("email");
      StringBuilder row = new StringBuilder("anna@news.example");
      for (int i = 1; i < n; i++) {
        header.append(",c").append(i);
        row.append(",v").append(i);
      }
      w.write(header + "\n" + row + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void rowFields(Path dir, int n) {
    try (Writer w = contacts(dir)) {
      w.write(Malformed.HEADER + "anna@news.example,Anna,Nowak,Kurier,pl\nben@news.example");
      repeat(w, ',', n);
      w.write("\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sized(Path file, long n) {
    try {
      Files.createDirectories(file.getParent());
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
        f.setLength(n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sections(Path dir, int n) {
    StringBuilder t =
        new StringBuilder("Subject: News\nFrom: Press Office <press@herald.example>\n\n");
    t.append("{{#outlet}}".repeat(n)).append("Hello").append("{{/outlet}}".repeat(n)).append('\n');
    TestFiles.write(dir, Malformed.TEMPLATE, t.toString());
  }

  private static void templateBytes(Path dir, int n) {
    StringBuilder t = new StringBuilder(Malformed.RELEASE);
    String line = "Padding to make the release longer than a template may be.\n";
    while (t.length() + line.length() <= n) {
      t.append(line);
    }
    t.append("x".repeat(n - t.length()));
    TestFiles.write(dir, Malformed.TEMPLATE, t.toString());
  }

  private static void symlink(Path dir, String link, String target) {
    Path targetFile = dir.resolve(target).normalize();
    if (!Files.exists(targetFile)) {
      TestFiles.write(targetFile.getParent(), targetFile.getFileName().toString(), "not public");
    }
    Path linkFile = dir.resolve(link);
    try {
      Files.createDirectories(linkFile.getParent());
      Files.deleteIfExists(linkFile);
      Files.createSymbolicLink(linkFile, targetFile);
    } catch (UnsupportedOperationException | IOException | SecurityException e) {
      Assumptions.abort("symbolic links are not available here: " + e);
    }
  }

  private static OutputStream reply(Path dir) throws IOException {
    return new java.io.BufferedOutputStream(Files.newOutputStream(dir.resolve("reply.eml")));
  }

  private static void replyBody(Path dir, long n) {
    byte[] line =
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = reply(dir)) {
      out.write(
          (REPLY_HEADERS
                  + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                  + "Please remove me from this list.\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      for (long left = n; left > 0; left -= line.length) {
        out.write(line, 0, (int) Math.min(line.length, left));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void replyNested(Path dir, int n) {
    StringBuilder raw = new StringBuilder(REPLY_HEADERS);
    raw.append("Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
    for (int i = 0; i < n; i++) {
      raw.append("--b").append(i).append("\r\n");
      raw.append("Content-Type: multipart/mixed; boundary=\"b").append(i + 1).append("\"\r\n\r\n");
    }
    raw.append("--b").append(n).append("\r\nContent-Type: text/plain\r\n\r\nUnsubscribe me.\r\n");
    for (int i = n; i >= 0; i--) {
      raw.append("--b").append(i).append("--\r\n");
    }
    TestFiles.write(dir, "reply.eml", raw.toString());
  }

  private static void replySiblings(Path dir, int n) {
    StringBuilder raw = new StringBuilder(REPLY_HEADERS);
    raw.append("Content-Type: multipart/mixed; boundary=\"e\"\r\n\r\n");
    raw.append("--e\r\n".repeat(n));
    raw.append("--e--\r\n");
    TestFiles.write(dir, "reply.eml", raw.toString());
  }
}
