package dev.herald.contacts;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;

/**
 * The rows of one sheet of an {@code .xlsx} workbook, streamed (a row at a time; the workbook's
 * shared strings are read as far as the rows use them), with each cell turned into the text a
 * person sees in it ({@link CellText}). The first visible sheet is read unless one is named. Rows
 * are numbered as in the spreadsheet, and problems name the sheet and cell ({@code Contacts!C14}).
 */
final class XlsxSource implements RowSource {
  private final Path file;
  private final InputLimits limits;
  private final ReadableWorkbook workbook;
  private final String sheet;
  private final Stream<Row> stream;
  private final Iterator<Row> rows;
  private boolean header = true;

  XlsxSource(Path file, String sheetName, InputLimits limits) throws IOException {
    this.file = file;
    this.limits = limits;
    Workbooks.check(file);
    ReadableWorkbook wb = null;
    try {
      wb = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false));
      Sheet s = choose(wb, sheetName);
      this.sheet = s.getName();
      this.stream = s.openStream();
      this.rows = stream.iterator();
      this.workbook = wb;
    } catch (ExcelReaderException | UncheckedIOException | IOException e) {
      closeQuietly(wb);
      throw Workbooks.unreadable(file, e);
    } catch (HeraldException e) {
      closeQuietly(wb);
      throw e;
    }
  }

  private Sheet choose(ReadableWorkbook wb, String name) {
    List<Sheet> sheets = wb.getSheets().toList();
    if (name != null) {
      for (Sheet s : sheets) {
        if (s.getName().equalsIgnoreCase(name.strip())) {
          return s;
        }
      }
    } else {
      for (Sheet s : sheets) {
        if (s.getVisibility() == SheetVisibility.VISIBLE) {
          return s;
        }
      }
    }
    throw HeraldException.input(
        Display.path(file)
            + (name == null ? ": has no visible sheet" : ": has no sheet '" + name.strip() + "'")
            + " (it has: "
            + String.join(", ", sheets.stream().map(Sheet::getName).toList())
            + "); name one with --sheet NAME");
  }

  @Override
  public String describe() {
    return "sheet " + Problem.sheetName(sheet) + " of an Excel workbook";
  }

  @Override
  public String encoding() {
    return "UTF-8"; // the XML of a workbook is read by the XML parser, which decodes it
  }

  @Override
  public String separator() {
    return "cell";
  }

  @Override
  public Problem problem(long line, int column, String message) {
    return new Problem(file, line, column, message, sheet);
  }

  @Override
  public Raw next() throws Stop {
    while (true) {
      Row row;
      try {
        if (!rows.hasNext()) {
          return null;
        }
        row = rows.next();
      } catch (ExcelReaderException | UncheckedIOException e) {
        close();
        throw new Stop(
            problem(
                0,
                0,
                "the sheet cannot be read further ("
                    + Workbooks.reason(e)
                    + "); the workbook may be damaged: open it and save it again"));
      }
      List<String> cells = new ArrayList<>();
      Problem bad = null;
      int last = -1;
      for (int i = 0; i < row.getCellCount(); i++) {
        Cell c = row.getCell(i);
        String text = c == null ? "" : CellText.of(c);
        if (text == null) {
          if (bad == null) {
            bad = problem(row.getRowNum(), i + 1, CellText.error(c));
          }
          text = c.getRawValue() == null ? "#ERROR" : c.getRawValue();
        }
        if (!text.isEmpty()) {
          last = i;
          if (i >= limits.maxColumns()) {
            close();
            throw new Stop(
                problem(
                    row.getRowNum(),
                    i + 1,
                    String.format(
                        Locale.ROOT,
                        "%s a value beyond %,d columns; the limit is %,d (limits.columns in"
                            + " herald.properties)",
                        header ? "the header has" : "the row has",
                        limits.maxColumns(),
                        limits.maxColumns())));
          }
        }
        if (i < limits.maxColumns()) {
          cells.add(text);
        }
      }
      if (last < 0) {
        continue; // an empty row, as a blank line in a CSV file
      }
      header = false;
      // Excel leaves trailing empty cells out: a row ends at its last value.
      return new Raw(List.copyOf(cells.subList(0, last + 1)), row.getRowNum(), bad);
    }
  }

  @Override
  public void close() {
    try {
      stream.close();
    } catch (RuntimeException ignored) {
      // nothing more is read either way
    }
    closeQuietly(workbook);
  }

  private static void closeQuietly(ReadableWorkbook wb) {
    if (wb == null) {
      return;
    }
    try {
      wb.close();
    } catch (IOException | RuntimeException ignored) {
      // the error being reported matters more than a failed close
    }
  }
}
