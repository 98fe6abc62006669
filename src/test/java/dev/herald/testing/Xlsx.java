package dev.herald.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes {@code .xlsx} workbooks as Excel lays them out (content types, relationships, workbook,
 * styles, shared strings, one XML part per sheet), so that tests read real files rather than a
 * reader's idea of them. Cells are given as values: a {@link String} is a shared string, a {@link
 * Number} a number (with {@link Num} for a number format), a {@link Boolean} a boolean, a {@link
 * Formula} a formula with its cached value, an {@link Err} an error; null leaves the cell out. Rows
 * may be streamed to the file ({@link #sheet(String, Rows)}), for large workbooks.
 */
public final class Xlsx {
  /** A number shown with a number format, e.g. {@code new Num(46000, "yyyy-mm-dd")}. */
  public record Num(double value, String format) {}

  /** A formula and the value the spreadsheet last calculated for it (a String or a Number). */
  public record Formula(String formula, Object cached) {}

  /** A cell holding an error such as {@code #N/A}. */
  public record Err(String code) {}

  /** Rows produced one at a time: {@code row(i)} for i from 0 while it returns non-null. */
  public interface Rows {
    List<Object> row(int i);
  }

  private final Map<String, Rows> sheets = new LinkedHashMap<>();
  private final Map<String, Boolean> hidden = new LinkedHashMap<>();
  private final List<String> formats = new ArrayList<>();

  public Xlsx sheet(String name, List<List<Object>> rows) {
    return sheet(name, i -> i < rows.size() ? rows.get(i) : null);
  }

  public Xlsx sheet(String name, Rows rows) {
    sheets.put(name, rows);
    hidden.put(name, false);
    return this;
  }

  public Xlsx hiddenSheet(String name, List<List<Object>> rows) {
    sheet(name, rows);
    hidden.put(name, true);
    return this;
  }

  public Path write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Map<String, Integer> strings = new LinkedHashMap<>();
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
        int n = 0;
        for (Map.Entry<String, Rows> s : sheets.entrySet()) {
          n++;
          zip.putNextEntry(new ZipEntry("xl/worksheets/sheet" + n + ".xml"));
          writeSheet(zip, s.getValue(), strings);
          zip.closeEntry();
        }
        put(zip, "[Content_Types].xml", contentTypes());
        put(zip, "_rels/.rels", rels());
        put(zip, "xl/workbook.xml", workbook());
        put(zip, "xl/_rels/workbook.xml.rels", workbookRels());
        put(zip, "xl/styles.xml", styles());
        StringBuilder sst = new StringBuilder();
        sst.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
            .append("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
            .append(" count=\"")
            .append(strings.size())
            .append("\" uniqueCount=\"")
            .append(strings.size())
            .append("\">");
        zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
        zip.write(sst.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder si = new StringBuilder();
        for (String str : strings.keySet()) {
          si.setLength(0);
          si.append("<si><t xml:space=\"preserve\">").append(escape(str)).append("</t></si>");
          zip.write(si.toString().getBytes(StandardCharsets.UTF_8));
        }
        zip.write("</sst>".getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeSheet(OutputStream out, Rows rows, Map<String, Integer> strings)
      throws IOException {
    Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    w.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
    w.write("<sheetData>");
    List<Object> row;
    for (int r = 0; (row = rows.row(r)) != null; r++) {
      if (row.isEmpty()) {
        continue; // Excel writes no element for an empty row
      }
      w.write("<row r=\"" + (r + 1) + "\">");
      for (int c = 0; c < row.size(); c++) {
        Object v = row.get(c);
        if (v == null) {
          continue;
        }
        String ref = column(c + 1) + (r + 1);
        w.write(cell(ref, v, strings));
      }
      w.write("</row>");
    }
    w.write("</sheetData></worksheet>");
    w.flush();
  }

  private String cell(String ref, Object v, Map<String, Integer> strings) {
    if (v instanceof String s) {
      Integer i = strings.computeIfAbsent(s, k -> strings.size());
      return "<c r=\"" + ref + "\" t=\"s\"><v>" + i + "</v></c>";
    }
    if (v instanceof Boolean b) {
      return "<c r=\"" + ref + "\" t=\"b\"><v>" + (b ? 1 : 0) + "</v></c>";
    }
    if (v instanceof Num n) {
      return "<c r=\""
          + ref
          + "\" s=\""
          + style(n.format())
          + "\"><v>"
          + number(n.value())
          + "</v></c>";
    }
    if (v instanceof Number n) {
      return "<c r=\"" + ref + "\"><v>" + number(n.doubleValue()) + "</v></c>";
    }
    if (v instanceof Formula f) {
      boolean text = f.cached() instanceof String;
      return "<c r=\""
          + ref
          + "\""
          + (text ? " t=\"str\"" : "")
          + "><f>"
          + escape(f.formula())
          + "</f><v>"
          + (text ? escape((String) f.cached()) : number(((Number) f.cached()).doubleValue()))
          + "</v></c>";
    }
    if (v instanceof Err e) {
      return "<c r=\"" + ref + "\" t=\"e\"><v>" + escape(e.code()) + "</v></c>";
    }
    throw new IllegalArgumentException("not a cell value: " + v);
  }

  /** A number as Excel writes it: the shortest repeatable form, which may be exponential. */
  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  /** The style index for a number format: 0 is General, then one per custom format. */
  private int style(String format) {
    int i = formats.indexOf(format);
    if (i < 0) {
      formats.add(format);
      i = formats.size() - 1;
    }
    return i + 1;
  }

  private String styles() {
    StringBuilder s = new StringBuilder();
    s.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        .append("<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
    s.append("<numFmts count=\"").append(formats.size()).append("\">");
    for (int i = 0; i < formats.size(); i++) {
      s.append("<numFmt numFmtId=\"")
          .append(164 + i)
          .append("\" formatCode=\"")
          .append(escape(formats.get(i)))
          .append("\"/>");
    }
    s.append("</numFmts>");
    s.append("<cellXfs count=\"").append(formats.size() + 1).append("\">");
    s.append("<xf numFmtId=\"0\"/>");
    for (int i = 0; i < formats.size(); i++) {
      s.append("<xf numFmtId=\"").append(164 + i).append("\" applyNumberFormat=\"1\"/>");
    }
    s.append("</cellXfs></styleSheet>");
    return s.toString();
  }

  private String contentTypes() {
    StringBuilder s = new StringBuilder();
    s.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        .append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
        .append(
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
        .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
        .append(
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
        .append(
            "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>")
        .append(
            "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
    for (int i = 1; i <= sheets.size(); i++) {
      s.append("<Override PartName=\"/xl/worksheets/sheet")
          .append(i)
          .append(
              ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
    }
    return s.append("</Types>").toString();
  }

  private static String rels() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>";
  }

  private String workbook() {
    StringBuilder s = new StringBuilder();
    s.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        .append("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
        .append(" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        .append("<sheets>");
    int i = 0;
    for (String name : sheets.keySet()) {
      i++;
      s.append("<sheet name=\"")
          .append(escape(name))
          .append("\" sheetId=\"")
          .append(i)
          .append("\"")
          .append(hidden.get(name) ? " state=\"hidden\"" : "")
          .append(" r:id=\"rId")
          .append(i)
          .append("\"/>");
    }
    return s.append("</sheets></workbook>").toString();
  }

  private String workbookRels() {
    StringBuilder s = new StringBuilder();
    s.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        .append(
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    int i = 0;
    for (int k = 0; k < sheets.size(); k++) {
      i++;
      s.append("<Relationship Id=\"rId")
          .append(i)
          .append(
              "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet")
          .append(i)
          .append(".xml\"/>");
    }
    s.append("<Relationship Id=\"rId")
        .append(i + 1)
        .append(
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
    s.append("<Relationship Id=\"rId")
        .append(i + 2)
        .append(
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
    return s.append("</Relationships>").toString();
  }

  private static void put(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** A column's letters: 1 is A, 27 is AA. */
  public static String column(int n) {
    StringBuilder s = new StringBuilder();
    for (int c = n; c > 0; c = (c - 1) / 26) {
      s.insert(0, (char) ('A' + (c - 1) % 26));
    }
    return s.toString();
  }
}
