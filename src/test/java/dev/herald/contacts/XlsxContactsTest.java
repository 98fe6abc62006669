package dev.herald.contacts;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.ContactFormat;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.testing.Xlsx;
import dev.herald.testing.Xlsx.Err;
import dev.herald.testing.Xlsx.Formula;
import dev.herald.testing.Xlsx.Num;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contact lists read from {@code .xlsx} workbooks, and workbooks that are refused. */
class XlsxContactsTest {
  @TempDir Path dir;

  private static List<Object> row(Object... cells) {
    return new ArrayList<>(Arrays.asList(cells));
  }

  private static final List<Object> HEADER =
      row("email", "first_name", "last_name", "phone", "since", "vip", "score", "zip", "city");

  private List<ContactFile.Row> read(Path file, InputLimits limits) {
    List<ContactFile.Row> rows = new ArrayList<>();
    try (ContactFile f = ContactFile.open(file, limits)) {
      f.forEach(rows::add);
    }
    return rows;
  }

  private List<ContactFile.Row> read(Path file) {
    return read(file, InputLimits.DEFAULT);
  }

  @Test
  void cellsBecomeTheTextTheSheetShows() {
    Path file =
        new Xlsx()
            .sheet(
                "Contacts",
                List.of(
                    HEADER,
                    row(
                        "anna@news.example",
                        "Anna",
                        "Wałęsa",
                        48123456789L,
                        new Num(46358, "yyyy\\-mm\\-dd"),
                        true,
                        new Num(0.15, "0%"),
                        new Num(1234, "00000"),
                        new Formula("UPPER(\"łódź\")", "ŁÓDŹ")),
                    row(
                        "ben@news.example",
                        "Ben",
                        "Smit",
                        new Formula("48123456789+1", 48123456790L),
                        new Num(46358.5, "dd/mm/yyyy hh:mm"),
                        false,
                        2.5,
                        new Num(98765, "00000"),
                        "Gent")))
            .write(dir.resolve("media.xlsx"));

    List<ContactFile.Row> rows = read(file);

    assertEquals(2, rows.size());
    Contact anna = rows.get(0).contact();
    assertEquals("anna@news.example", anna.email());
    assertEquals("Wałęsa", anna.lastName());
    assertEquals("48123456789", anna.value("phone"));
    assertEquals("2026-12-02", anna.value("since"));
    assertEquals("TRUE", anna.value("vip"));
    assertEquals("15%", anna.value("score"));
    assertEquals("01234", anna.value("zip"));
    assertEquals("ŁÓDŹ", anna.value("city"));
    assertEquals(2, anna.line(), "rows are numbered as in the spreadsheet");
    Contact ben = rows.get(1).contact();
    assertEquals("48123456790", ben.value("phone"));
    assertEquals("2026-12-02 12:00", ben.value("since"));
    assertEquals("FALSE", ben.value("vip"));
    assertEquals("2.5", ben.value("score"));
  }

  @Test
  void emptyRowsAreSkippedAndShortRowsFilledIn() {
    Path file =
        new Xlsx()
            .sheet(
                "Contacts",
                List.of(
                    row("email", "first_name", "outlet"),
                    row(),
                    row("anna@news.example"),
                    row(null, "", null),
                    row("ben@news.example", "Ben", "Bode")))
            .write(dir.resolve("media.xlsx"));

    List<ContactFile.Row> rows = read(file);

    assertEquals(2, rows.size(), rows::toString);
    assertEquals(3, rows.get(0).contact().line());
    assertEquals("", rows.get(0).contact().value("outlet"));
    assertEquals(5, rows.get(1).contact().line());
  }

  @Test
  void problemsNameTheSheetAndCell() {
    Path file =
        new Xlsx()
            .sheet(
                "Press list",
                List.of(
                    row("first_name", "email", "outlet"),
                    row("Anna", "anna.news.example", "Kurier"),
                    row("Ben", "ben@news.example", new Err("#N/A")),
                    row("Cleo", "cleo@news.example", "Echo", "stray")))
            .write(dir.resolve("media.xlsx"));

    List<ContactFile.Row> rows = read(file);

    assertEquals(
        List.of(
            "media.xlsx: 'Press list'!B2",
            "media.xlsx: 'Press list'!C3",
            "media.xlsx: 'Press list'!D4"),
        rows.stream().map(r -> r.problem().location().replaceAll("^.*/", "")).toList());
    assertContains(rows.get(1).problem().message(), "the spreadsheet error #N/A");
    assertContains(rows.get(2).problem().message(), "a value beyond the last column");
  }

  @Test
  void readsTheFirstVisibleSheetOrTheOneNamed() {
    Path file =
        new Xlsx()
            .hiddenSheet("Lookup", List.of(row("code"), row("x")))
            .sheet("Contacts", List.of(row("email"), row("anna@news.example")))
            .sheet("Archive", List.of(row("email"), row("old@news.example")))
            .write(dir.resolve("media.xlsx"));

    assertEquals("anna@news.example", read(file).get(0).contact().email());
    InputLimits archive = InputLimits.DEFAULT.withContactFormat(new ContactFormat(null, "archive"));
    assertEquals("old@news.example", read(file, archive).get(0).contact().email());
    try (ContactFile f = ContactFile.open(file, archive)) {
      assertEquals("sheet Archive of an Excel workbook", f.describe());
    }
    HeraldException e =
        assertThrows(
            HeraldException.class,
            () ->
                read(
                    file, InputLimits.DEFAULT.withContactFormat(new ContactFormat(null, "Media"))));
    assertContains(e.getMessage(), "has no sheet 'Media' (it has: Lookup, Contacts, Archive)");
    assertEquals(2, e.exitCode());
  }

  @Test
  void theColumnLimitApplies() {
    List<Object> wide = new ArrayList<>();
    wide.add("email");
    for (int i = 1; i < 16384; i++) {
      wide.add("c" + i);
    }
    Path file = new Xlsx().sheet("Wide", List.of(wide)).write(dir.resolve("media.xlsx"));

    HeraldException e = assertThrows(HeraldException.class, () -> read(file));

    assertContains(e.getMessage(), "media.xlsx: Wide!ALM1: the header has a value beyond 1,000");
  }

  @Test
  void theFieldLimitApplies() {
    Path file =
        new Xlsx()
            .sheet(
                "Contacts", List.of(row("email", "bio"), row("a@news.example", "x".repeat(70_000))))
            .write(dir.resolve("media.xlsx"));

    ContactFile.Row r = read(file).get(0);

    assertContains(r.problem().toString(), "Contacts!B2: 'bio' is 70,000 characters long");
  }

  private HeraldException refused(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    HeraldException e = assertThrows(HeraldException.class, () -> read(file));
    assertEquals(2, e.exitCode());
    assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    return e;
  }

  private static byte[] zip(String... namesAndTexts) throws IOException {
    var out = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (int i = 0; i < namesAndTexts.length; i += 2) {
        z.putNextEntry(new ZipEntry(namesAndTexts[i]));
        z.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void anOldXlsOrAPasswordProtectedWorkbookIsRefused() throws IOException {
    byte[] ole2 = new byte[512];
    byte[] magic = {
      (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    };
    System.arraycopy(magic, 0, ole2, 0, magic.length);

    assertContains(
        refused("media.xls", ole2).getMessage(),
        "Excel 97-2003 workbook (.xls) or a password-protected one");
    assertContains(refused("media.xlsx", ole2).getMessage(), "remove the password");
  }

  @Test
  void anOpenDocumentSpreadsheetIsRefused() throws IOException {
    byte[] ods =
        zip("mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<x/>");

    assertContains(refused("media.ods", ods).getMessage(), "is an OpenDocument spreadsheet (.ods)");
  }

  @Test
  void aCsvFileRenamedToXlsxIsRefused() throws IOException {
    assertContains(
        refused("media.xlsx", "email\nanna@news.example\n".getBytes(StandardCharsets.UTF_8))
            .getMessage(),
        "is named as a workbook but is not one (it holds text: a CSV file renamed?)");
  }

  @Test
  void aDamagedWorkbookIsRefused() throws IOException {
    byte[] good =
        Files.readAllBytes(
            new Xlsx()
                .sheet("Contacts", List.of(row("email"), row("a@news.example")))
                .write(dir.resolve("good.xlsx")));

    assertContains(
        refused("media.xlsx", Arrays.copyOf(good, good.length / 2)).getMessage(),
        "is a damaged workbook");
    assertContains(
        refused("other.xlsx", zip("readme.txt", "hello")).getMessage(),
        "is a zip archive, not an Excel workbook");
  }

  @Test
  void aBombLikeSheetIsRefusedBeforeItIsRead() throws IOException {
    Path file = dir.resolve("media.xlsx");
    new Xlsx().sheet("Contacts", List.of(row("email"), row("a@news.example"))).write(file);
    // The same workbook with a sheet padded by 40 MB of blanks, which deflate to almost nothing.
    Path bomb = dir.resolve("bomb.xlsx");
    try (var in = new java.util.zip.ZipFile(file.toFile());
        ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bomb))) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        z.putNextEntry(new ZipEntry(e.getName()));
        byte[] data = in.getInputStream(e).readAllBytes();
        if (e.getName().endsWith("sheet1.xml")) {
          String xml = new String(data, StandardCharsets.UTF_8);
          int at = xml.indexOf("<sheetData>");
          z.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
          byte[] blanks = new byte[1 << 20];
          Arrays.fill(blanks, (byte) ' ');
          for (int i = 0; i < 40; i++) {
            z.write(blanks);
          }
          z.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
        } else {
          z.write(data);
        }
        z.closeEntry();
      }
    }

    HeraldException e = assertThrows(HeraldException.class, () -> read(bomb));

    assertContains(e.getMessage(), "xl/worksheets/sheet1.xml inflates to more than 100 times");
  }

  @Test
  void aHugeSharedStringsTableIsRefused() throws IOException {
    Path small = dir.resolve("small.xlsx");
    new Xlsx().sheet("Contacts", List.of(row("email"), row("a@news.example"))).write(small);
    // The same workbook with a shared strings table of random values, which do not compress: a
    // table over the bound that is no bomb.
    Path file = dir.resolve("media.xlsx");
    Random random = new Random(1);
    byte[] chunk = new byte[3 << 20];
    try (var in = new java.util.zip.ZipFile(small.toFile());
        ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
      z.setLevel(1);
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        z.putNextEntry(new ZipEntry(e.getName()));
        if (e.getName().equals("xl/sharedStrings.xml")) {
          z.write(
              "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                  .getBytes(StandardCharsets.UTF_8));
          for (long written = 0; written <= Workbooks.MAX_SHARED_STRINGS; written += 4L << 20) {
            random.nextBytes(chunk);
            z.write(
                ("<si><t>" + java.util.Base64.getEncoder().encodeToString(chunk) + "</t></si>")
                    .getBytes(StandardCharsets.US_ASCII));
          }
          z.write("</sst>".getBytes(StandardCharsets.UTF_8));
        } else {
          z.write(in.getInputStream(e).readAllBytes());
        }
        z.closeEntry();
      }
    }

    HeraldException e = assertThrows(HeraldException.class, () -> read(file));

    assertContains(e.getMessage(), "its shared strings table is over 64 MB");
    assertContains(e.getMessage(), "save the list as CSV (UTF-8)");
  }

  @Test
  void theNumberFormatsThatShowDates() {
    for (String f :
        List.of(
            "yyyy-mm-dd",
            "d/m/yy",
            "[$-409]mmmm d, yyyy",
            "hh:mm",
            "[h]:mm:ss",
            "dd\\.mm\\.yyyy")) {
      assertTrue(CellText.isDate(f), f);
    }
    for (String f :
        List.of("General", "0", "0.00", "#,##0", "0%", "0.00E+00", "@", "\"day\" 0", "[Red]0")) {
      assertFalse(CellText.isDate(f), f);
    }
  }

  @Test
  void anEmptySheetIsEmpty() {
    Path file = new Xlsx().sheet("Contacts", List.of()).write(dir.resolve("media.xlsx"));

    HeraldException e = assertThrows(HeraldException.class, () -> read(file));

    assertContains(e.getMessage(), "is empty; expected a header row");
  }
}
