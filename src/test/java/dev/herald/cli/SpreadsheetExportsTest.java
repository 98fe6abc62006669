package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample folder's 16 journalists saved as spreadsheets save "CSV" on Polish, German and other
 * systems, and checked as a press officer would: {@code herald check} names the separator and the
 * encoding, and a file in another encoding is one problem that says how to read it.
 */
class SpreadsheetExportsTest {
  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  /** The sample contact list written again with {@code delimiter}, in {@code charset}. */
  private void export(char delimiter, Charset charset, boolean bom) throws IOException {
    String utf8 = Files.readString(dir.resolve("contacts/media.csv"));
    StringWriter out = new StringWriter();
    try (CSVPrinter p =
        new CSVPrinter(
            out,
            CSVFormat.EXCEL.builder().setDelimiter(delimiter).setRecordSeparator("\r\n").get())) {
      for (CSVRecord r : CSVFormat.RFC4180.parse(new StringReader(utf8))) {
        p.printRecord(r.toList());
      }
    }
    byte[] text = out.toString().getBytes(charset); // characters the code page lacks become '?'
    if (bom) {
      byte[] mark = "\uFEFF".getBytes(charset);
      byte[] all = new byte[mark.length + text.length];
      System.arraycopy(mark, 0, all, 0, mark.length);
      System.arraycopy(text, 0, all, mark.length, text.length);
      text = all;
    }
    TestFiles.write(dir, "contacts/media.csv", text);
  }

  private CliRun.Result check(String... more) {
    String[] args = new String[more.length + 2];
    args[0] = "check";
    args[1] = Samples.TEMPLATE;
    System.arraycopy(more, 0, args, 2, more.length);
    return CliRun.in(dir).run(args);
  }

  @Test
  void aSemicolonSeparatedUtf8ExportIsReadAndNamed() throws IOException {
    export(';', StandardCharsets.UTF_8, false);

    CliRun.Result r = check();

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "contacts/media.csv: semicolon-separated, UTF-8, 16 rows: 15 to send");
  }

  @Test
  void aPolishWindows1250ExportIsOneProblemThatNamesTheEncoding() throws IOException {
    export(';', Charset.forName("windows-1250"), false);

    CliRun.Result r = check();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.all(), "contacts/media.csv: is not UTF-8 text: it is probably Windows-1250");
    assertContains(r.all(), "line 2 reads '\u0141ukasz' that way");
    assertContains(r.all(), "--encoding windows-1250");
    assertContains(r.all(), "1 problem:");
    assertFalse(r.all().contains("--skip-invalid"), r::toString);
    assertFalse(r.all().contains("media.csv:2:"), "no problem per row: " + r);
  }

  @Test
  void encodingReadsThePolishExport() throws IOException {
    export(';', Charset.forName("windows-1250"), false);

    CliRun.Result r = check("--encoding", "windows-1250");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "semicolon-separated, Windows-1250, 16 rows: 15 to send");
  }

  @Test
  void theEncodingSettingReadsItToo() throws IOException {
    export(';', Charset.forName("windows-1250"), false);
    Files.writeString(
        dir.resolve("herald.properties"),
        "contacts.encoding = cp1250\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);

    CliRun.Result r = check();

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "semicolon-separated, Windows-1250, 16 rows");
  }

  @Test
  void theNamesComeThroughInThePreview() throws IOException {
    export(';', Charset.forName("windows-1250"), false);

    CliRun.Result r =
        CliRun.in(dir)
            .run(
                "preview",
                Samples.TEMPLATE,
                "--encoding",
                "windows-1250",
                "--only",
                "z.kowalczyk@gazeta-bialostocka.example");

    assertEquals(0, r.exitCode(), r::toString);
    try (var files = Files.walk(dir.resolve("preview"))) {
      String html =
          files
              .filter(f -> f.toString().endsWith(".html") && !f.endsWith("index.html"))
              .map(TestFiles::read)
              .reduce("", String::concat);
      assertContains(html, "Gazeta Bia\u0142ostocka Online");
    }
  }

  @Test
  void aGermanWindows1252ExportIsNamed() throws IOException {
    export(';', Charset.forName("windows-1252"), false);

    CliRun.Result r = check();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.all(), "it is probably Windows-1252");
    assertContains(r.all(), "--encoding windows-1252");
    CliRun.Result read = check("--encoding", "windows-1252");
    assertContains(read.out(), "semicolon-separated, Windows-1252, 16 rows");
  }

  @Test
  void aUtf16UnicodeTextExportIsReadByItsByteOrderMark() throws IOException {
    export('\t', StandardCharsets.UTF_16LE, true);

    CliRun.Result r = check();

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "contacts/media.csv: tab-separated, UTF-16 LE, 16 rows: 15 to send");
  }

  @Test
  void anUnknownEncodingIsExit2NamingTheOption() throws IOException {
    CliRun.Result r = check("--encoding", "polish");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "--encoding: 'polish' is not a character set Java knows");
  }

  @Test
  void anUnknownEncodingSettingIsExit2NamingTheKey() throws IOException {
    Files.writeString(
        dir.resolve("herald.properties"),
        "contacts.encoding = latin-9x\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);

    CliRun.Result r = check();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "contacts.encoding: 'latin-9x' is not a character set");
  }

  @Test
  void skipInvalidIsNotSuggestedWhenMostRowsFail() throws IOException {
    // A header with commas over rows with semicolons: every row has one field.
    String csv = Files.readString(dir.resolve("contacts/media.csv"));
    int nl = csv.indexOf('\n');
    Files.writeString(
        dir.resolve("contacts/media.csv"),
        csv.substring(0, nl + 1) + csv.substring(nl + 1).replace(',', ';'));

    CliRun.Result r = check();

    assertEquals(2, r.exitCode(), r::toString);
    assertFalse(r.all().contains("use --skip-invalid"), r::toString);
    assertContains(r.out(), "Most rows (16 of 16) are invalid, so the file itself is likely wrong");
    assertContains(r.out(), "another number of values than the header");
    CliRun.Result send = CliRun.in(dir).run("send", Samples.TEMPLATE, "--dry-run");
    assertEquals(2, send.exitCode(), send::toString);
    assertFalse(send.all().contains("--skip-invalid to leave"), send::toString);
    assertContains(send.err(), "Most rows (16 of 16) are invalid");
  }

  @Test
  void skipInvalidIsStillSuggestedForAFewBadRows() throws IOException {
    String csv = Files.readString(dir.resolve("contacts/media.csv"));
    Files.writeString(
        dir.resolve("contacts/media.csv"),
        csv.replace("l.wrobel@kurier-podlaski.example", "l.wrobel.kurier-podlaski.example"));

    CliRun.Result r = check();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.out(), "Fix these rows, or use --skip-invalid to leave them out.");
  }

  @Test
  void aSemicolonOptOutListIsRefusedNotMisread() throws IOException {
    Files.writeString(
        dir.resolve("contacts/optout.csv"),
        "email;reason;date\nW.DeSmet@Kempische-Koerier.example;asked by phone;2025-11-03\n");

    CliRun.Result r = check();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.all(), "contacts/optout.csv: is semicolon-separated, UTF-8");
    assertContains(r.all(), "save it as \"CSV UTF-8\" with commas");
  }

  @Test
  void aWindows1250OptOutListIsRefusedAsAWhole() throws IOException {
    Files.write(
        dir.resolve("contacts/optout.csv"),
        "email,reason,date\nw.desmet@kempische-koerier.example,pro\u015bba z \u0141odzi,2025-11-03\n"
            .getBytes(Charset.forName("windows-1250")));

    CliRun.Result r = check();

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.all(), "contacts/optout.csv: is not UTF-8 text: it is probably Windows-1250");
    assertContains(r.all(), "it must be UTF-8");
    assertTrue(!r.all().contains("optout.csv:2:"), r::toString);
  }

  /** The sample contact list as a workbook whose first sheet is {@code sheet}. */
  private void workbook(String sheet) throws IOException {
    String utf8 = Files.readString(dir.resolve("contacts/media.csv"));
    java.util.List<java.util.List<Object>> rows = new java.util.ArrayList<>();
    for (CSVRecord r : CSVFormat.RFC4180.parse(new StringReader(utf8))) {
      rows.add(new java.util.ArrayList<>(r.toList()));
    }
    new dev.herald.testing.Xlsx()
        .sheet(sheet, rows)
        .sheet(
            "Notes",
            java.util.List.of(java.util.List.of("email"), java.util.List.of("x.y.example")))
        .write(dir.resolve("contacts/media.xlsx"));
  }

  @Test
  void anXlsxContactListIsReadByCheckPreviewAndSend() throws IOException {
    workbook("Contacts");

    CliRun.Result r = check("--contacts", "contacts/media.xlsx");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(
        r.out(),
        "contacts/media.xlsx: sheet Contacts of an Excel workbook, 16 rows: 15 to send, 1"
            + " suppressed");
    CliRun.Result preview =
        CliRun.in(dir)
            .run(
                "preview",
                Samples.TEMPLATE,
                "--contacts",
                "contacts/media.xlsx",
                "--only",
                "z.kowalczyk@gazeta-bialostocka.example");
    assertEquals(0, preview.exitCode(), preview::toString);
    CliRun.Result send =
        CliRun.in(dir)
            .run("send", Samples.TEMPLATE, "--contacts", "contacts/media.xlsx", "--dry-run");
    assertEquals(0, send.exitCode(), send::toString);
    assertContains(send.all(), "15");
  }

  @Test
  void sheetPicksAnotherSheet() throws IOException {
    workbook("Contacts");

    CliRun.Result r = check("--contacts", "contacts/media.xlsx", "--sheet", "Notes");

    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.out(), "sheet Notes of an Excel workbook");
    assertContains(r.out(), "contacts/media.xlsx: Notes!A2: ");
    CliRun.Result missing = check("--contacts", "contacts/media.xlsx", "--sheet", "Media");
    assertEquals(2, missing.exitCode(), missing::toString);
    assertContains(missing.all(), "has no sheet 'Media' (it has: Contacts, Notes)");
  }
}
