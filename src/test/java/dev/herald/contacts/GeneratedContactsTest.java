package dev.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Eml;
import dev.herald.testing.Slow;
import dev.herald.testing.TestFiles;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated inputs from a fixed seed, so that every run checks the same cases and a failure names
 * the case that reproduces it: well-formed contact files with awkward values must round-trip into
 * the headers exactly, and randomly damaged ones must end in exit 0 or 2, never in an internal
 * error.
 */
@Slow
class GeneratedContactsTest {
  private static final long SEED = 20_261_127L;
  private static final String TEMPLATE = "templates/release.md";

  /** Characters a name or outlet may hold: scripts, diacritics, CSV and RFC 5322 specials. */
  private static final String[] PIECES = {
    "a",
    "b",
    "k",
    "Z",
    "Q",
    "0",
    "7",
    " ",
    " ",
    " ",
    "-",
    ".",
    "'",
    "\"",
    ",",
    ";",
    ":",
    "\\",
    "(",
    ")",
    "<",
    ">",
    "@",
    "[",
    "]",
    "&",
    "*",
    "_",
    "#",
    "{{",
    "}}",
    "=",
    "?",
    "/",
    "!",
    "%",
    "ą",
    "ć",
    "ę",
    "ł",
    "ń",
    "ó",
    "ś",
    "ź",
    "ż",
    "Ł",
    "Ż",
    "é",
    "è",
    "ç",
    "à",
    "ß",
    "ü",
    "Ö",
    "ñ",
    "å",
    "ø",
    "ő",
    "Ω",
    "λ",
    "Ж",
    "я",
    "中",
    "文",
    "日",
    "😀",
    "🇵🇱",
    "\u00a0",
    "–",
    "…",
    "Jean-Jacques",
    "O'Donnell",
    "\"JJ\"",
    "Kurier & Co",
    "L'Écho",
    "=?UTF-8?Q?x?="
  };

  @TempDir Path dir;

  static IntStream roundTripCases() {
    return IntStream.range(0, 200);
  }

  static IntStream damagedCases() {
    return IntStream.range(0, 150);
  }

  private static String value(Random rnd, int maxPieces, boolean mayBeEmpty) {
    int n = (mayBeEmpty ? 0 : 1) + rnd.nextInt(maxPieces);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(PIECES[rnd.nextInt(PIECES.length)]);
    }
    // herald strips header values and names; generate what survives that unchanged
    String v = s.toString().strip();
    return v.isEmpty() && !mayBeEmpty ? "x" : v;
  }

  /** A body-only value: may hold line breaks of every kind, commas and quotes. */
  private static String note(Random rnd) {
    String[] parts = {"met at the fair", ",", "\"", "\r\n", "\n", "\r", " ", "ł", "→", "—"};
    StringBuilder s = new StringBuilder("note:");
    int n = rnd.nextInt(12);
    for (int i = 0; i < n; i++) {
      s.append(parts[rnd.nextInt(parts.length)]);
    }
    return s.append(":end").toString();
  }

  private static String cell(Random rnd, String v) {
    boolean needs =
        v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
    if (needs || rnd.nextInt(4) == 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  private record Row(String email, String first, String last, String outlet, String note) {
    String name() {
      return (first + " " + last).strip();
    }
  }

  private void write(Random rnd, List<Row> rows) {
    String eol = rnd.nextBoolean() ? "\r\n" : "\n";
    StringBuilder csv = new StringBuilder(rnd.nextInt(5) == 0 ? "\uFEFF" : "");
    csv.append("email,first_name,last_name,outlet,note").append(eol);
    for (Row r : rows) {
      csv.append(cell(rnd, r.email()))
          .append(',')
          .append(cell(rnd, r.first()))
          .append(',')
          .append(cell(rnd, r.last()))
          .append(',')
          .append(cell(rnd, r.outlet()))
          .append(',')
          .append(cell(rnd, r.note()))
          .append(eol);
    }
    TestFiles.write(dir, "contacts/media.csv", csv.toString());
    TestFiles.write(
        dir,
        TEMPLATE,
        "Subject: News for {{outlet}}\n"
            + "From: Press Office <press@herald.example>\n"
            + "\n"
            + "Dear {{first_name}} {{last_name}},\n\n"
            + "{{note}}\n\n"
            + "For {{outlet}}.\n");
  }

  private static List<Row> rows(Random rnd, int seed) {
    List<Row> rows = new ArrayList<>();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      String local = "c" + seed + "." + i + (rnd.nextBoolean() ? "+press" : "_desk");
      String email = local + "@" + (rnd.nextBoolean() ? "News" : "media") + ".example";
      rows.add(
          new Row(
              email,
              value(rnd, 6, rnd.nextInt(10) == 0),
              value(rnd, 6, rnd.nextInt(10) == 0),
              value(rnd, 12, false),
              note(rnd)));
    }
    return rows;
  }

  private static String crlf(String s) {
    return s.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
  }

  @ParameterizedTest(name = "case {0}")
  @MethodSource("roundTripCases")
  void wellFormedRowsRoundTripIntoTheHeaders(int seed) throws Exception {
    Random rnd = new Random(SEED + seed);
    List<Row> rows = rows(rnd, seed);
    write(rnd, rows);

    CliRun.Result check = CliRun.in(dir).run("check", TEMPLATE);
    assertEquals(0, check.exitCode(), check::toString);
    CliRun.Result preview = CliRun.in(dir).run("preview", TEMPLATE);
    assertEquals(0, preview.exitCode(), preview::toString);

    Map<String, MimeMessage> sent = new HashMap<>();
    for (Path eml : Eml.files(dir.resolve("preview"))) {
      Eml.assertLinesOk(eml);
      MimeMessage m = Eml.parse(eml);
      sent.put(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress(), m);
    }
    assertEquals(rows.size(), sent.size());
    for (Row r : rows) {
      MimeMessage m = sent.get(r.email());
      InternetAddress to = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
      assertEquals(r.name().isEmpty() ? null : r.name(), to.getPersonal(), "To display name");
      assertEquals(("News for " + r.outlet()).strip(), m.getSubject(), "Subject");
      assertEquals(1, m.getHeader("To").length);
      String text = Eml.text(m);
      assertTrue(text.contains(crlf(r.note())), () -> "note missing from:\n" + text);
      assertTrue(text.contains("For " + r.outlet() + "."), text);
    }
  }

  private static byte[] damage(Random rnd, byte[] csv) {
    byte[] special = {
      0,
      '"',
      '"',
      ',',
      ',',
      '\n',
      '\r',
      ' ',
      '@',
      (byte) 0xFF,
      (byte) 0xC3,
      (byte) 0xEF,
      (byte) 0xBB,
      (byte) 0xBF,
      (byte) 0xFE,
      0x07,
      0x7F
    };
    List<Byte> b = new ArrayList<>();
    for (byte x : csv) {
      b.add(x);
    }
    int edits = 1 + rnd.nextInt(5);
    for (int e = 0; e < edits && !b.isEmpty(); e++) {
      int at = rnd.nextInt(b.size());
      byte x = rnd.nextBoolean() ? special[rnd.nextInt(special.length)] : (byte) rnd.nextInt(256);
      switch (rnd.nextInt(5)) {
        case 0 -> b.set(at, x);
        case 1 -> b.add(at, x);
        case 2 -> b.remove(at);
        case 3 -> b.subList(at, b.size()).clear();
        default -> {
          int end = Math.min(b.size(), at + 1 + rnd.nextInt(40));
          b.addAll(at, new ArrayList<>(b.subList(at, end)));
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte x : b) {
      out.write(x);
    }
    return out.toByteArray();
  }

  @ParameterizedTest(name = "case {0}")
  @MethodSource("damagedCases")
  void damagedFilesEndInExitZeroOrTwoNeverInAnInternalError(int seed) throws Exception {
    Random rnd = new Random(SEED * 31 + seed);
    write(rnd, rows(rnd, seed));
    byte[] csv = TestFiles.read(dir.resolve("contacts/media.csv")).getBytes(StandardCharsets.UTF_8);
    TestFiles.write(dir, "contacts/media.csv", damage(rnd, csv));

    CliRun.Result check = CliRun.in(dir).run("check", TEMPLATE);
    CliRun.Result preview = CliRun.in(dir).run("preview", TEMPLATE);

    for (CliRun.Result r : List.of(check, preview)) {
      assertTrue(r.exitCode() == 0 || r.exitCode() == 2, r::toString);
      assertFalse(r.all().contains("internal error"), r::toString);
      assertFalse(r.all().contains("\tat "), r::toString);
      assertFalse(r.all().contains("null"), r::toString);
    }
    assertEquals(check.exitCode(), preview.exitCode(), () -> check + "\n" + preview);
    if (check.exitCode() == 2) {
      assertTrue(check.out().contains("problem"), check::toString);
      assertTrue(preview.err().startsWith("herald: "), preview::toString);
      assertNotEquals("", preview.err().strip());
    } else {
      for (Path eml : Eml.files(dir.resolve("preview"))) {
        Eml.assertLinesOk(eml);
        Eml.parse(eml);
      }
    }
  }
}
