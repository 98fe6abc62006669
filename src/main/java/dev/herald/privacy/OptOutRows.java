package dev.herald.privacy;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.csv.Cells;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An opt-out list read as its rows, every column kept, to show an entry's reason and date and to
 * write the list again without the address: herald writes it as comma-separated UTF-8, so it is
 * read as such.
 */
record OptOutRows(Path file, List<String> header, List<Row> rows) {

  /** One entry: the line it starts on and its values, the apostrophe guard removed. */
  record Row(long line, List<String> values) {}

  /** The rows of {@code file}; none if it is missing. */
  static OptOutRows read(Path file) {
    List<String> header = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser =
            CSVParser.builder()
                .setReader(in)
                .setFormat(CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get())
                .get()) {
      long line = 1;
      for (CSVRecord r : parser) {
        List<String> values = new ArrayList<>();
        r.forEach(v -> values.add(header.isEmpty() ? v.replace("\uFEFF", "") : Cells.unguard(v)));
        if (header.isEmpty()) {
          header.addAll(values);
        } else {
          rows.add(new Row(line, values));
        }
        line = parser.getCurrentLineNumber() + 1;
      }
    } catch (NoSuchFileException e) {
      return new OptOutRows(file, List.of("email", "reason", "date"), List.of());
    } catch (IOException | RuntimeException e) {
      throw HeraldException.input(
          Display.path(file) + ": cannot read the opt-out list: " + e.getMessage(), e);
    }
    return new OptOutRows(file, List.copyOf(header), List.copyOf(rows));
  }

  /** The value of {@code column} in a row, or "". */
  String value(Row row, String column) {
    for (int i = 0; i < header.size() && i < row.values().size(); i++) {
      if (header.get(i).strip().toLowerCase(Locale.ROOT).equals(column)) {
        return row.values().get(i);
      }
    }
    return "";
  }

  /** The list as text: the header, then each row, every cell guarded for spreadsheets. */
  static String text(List<String> header, List<List<String>> rows) {
    StringBuilder s = new StringBuilder(String.join(",", header)).append('\n');
    rows.forEach(r -> s.append(Cells.line(r)));
    return s.toString();
  }
}
