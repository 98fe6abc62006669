package dev.herald.interviews;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.contacts.Csv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV files under {@code logs/} that herald keeps besides the send journal: a header row,
 * UTF-8, RFC 4180 quoting, and every cell safe to open in a spreadsheet.
 *
 * <p>A cell that a spreadsheet would run as a formula gets a leading apostrophe ({@link
 * Csv#neutralise}); so does a cell that already starts with one, so that reading can always remove
 * exactly one and every value reads back as written, also after a person has opened and saved the
 * file.
 */
public final class LogFile {
  private LogFile() {}

  /** One record, with the line it starts on, its values with the apostrophe guard removed. */
  public record Row(long line, List<String> values) {}

  /** Passes each record of {@code file} to {@code action}; a missing file has none. */
  public static void forEach(Path file, List<String> columns, String what, Consumer<Row> action) {
    forEach(file, columns, columns.size(), what, action);
  }

  /**
   * As {@link #forEach(Path, List, String, Consumer)}, also reading a file written before the last
   * columns were added (its header names the first {@code oldest} of them): its records get "" for
   * the missing values.
   */
  public static void forEach(
      Path file, List<String> columns, int oldest, String what, Consumer<Row> action) {
    Reader reader;
    try {
      reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw HeraldException.input(Display.path(file) + ": cannot read: " + e.getMessage(), e);
    }
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
    try (BufferedReader in = new BufferedReader(reader);
        CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
      boolean first = true;
      long line = 1;
      List<String> header = columns;
      for (CSVRecord record : parser) {
        List<String> values = new ArrayList<>(record.size());
        record.forEach(values::add);
        if (first) {
          first = false;
          header = checkHeader(file, columns, oldest, what, values);
        } else if (values.size() != header.size()) {
          throw HeraldException.input(
              Display.path(file)
                  + ":"
                  + line
                  + ": expected "
                  + header.size()
                  + " values ("
                  + String.join(",", header)
                  + "), found "
                  + values.size()
                  + "; the file was edited by hand: repair or remove that line");
        } else {
          while (values.size() < columns.size()) {
            values.add("");
          }
          action.accept(new Row(line, values.stream().map(Csv::unguard).toList()));
        }
        line = parser.getCurrentLineNumber() + 1;
      }
    } catch (UncheckedIOException | IllegalStateException e) {
      throw HeraldException.input(
          Display.path(file) + ": is not a readable CSV file: " + e.getMessage(), e);
    } catch (IOException e) {
      throw HeraldException.input(Display.path(file) + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The columns the file's header names: all of them, or the first {@code oldest} or more. */
  private static List<String> checkHeader(
      Path file, List<String> columns, int oldest, String what, List<String> values) {
    List<String> names =
        values.stream().map(v -> v.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT)).toList();
    if (names.size() >= oldest
        && names.size() <= columns.size()
        && names.equals(columns.subList(0, names.size()))) {
      return names;
    }
    throw HeraldException.input(
        Display.path(file)
            + ":1: not "
            + what
            + ": its first line should be "
            + String.join(",", columns)
            + "; move the file away or repair its header");
  }

  /**
   * The header of {@code file} (lower case), or an empty list if it is missing or empty: to tell a
   * file written before a column was added, which {@link #append} must not extend.
   */
  public static List<String> header(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null || first.isBlank()) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (String name : first.split(",", -1)) {
        names.add(name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT));
      }
      return names;
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw HeraldException.input(Display.path(file) + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** One record as a line of the file, ending in LF. */
  static String line(List<String> values) {
    return Csv.line(values);
  }

  /** The whole file: header and records. */
  public static String text(List<String> columns, List<List<String>> rows) {
    StringBuilder s = new StringBuilder(String.join(",", columns)).append('\n');
    for (List<String> row : rows) {
      s.append(line(row));
    }
    return s.toString();
  }

  /**
   * Replaces {@code file} with {@code text}: written to a temporary file in the same folder, forced
   * to disk, then moved over the old file in one step, so that a reader or a crash sees either the
   * old file or the new one, never a mix.
   */
  public static void replace(Path file, String text) {
    Path folder = file.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(folder);
      temp = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
      keepMode(file, temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          Writer w =
              new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8)) {
        w.write(text);
        w.flush();
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw HeraldException.input(
          Display.path(file)
              + ": cannot write: "
              + e.getMessage()
              + "; check that the folder is writable. The file is unchanged.",
          e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the write failed already; a stray temporary file is the lesser problem
        }
      }
    }
  }

  /**
   * Gives the new file the old one's group and permissions: a temporary file is created 0600 and
   * owned by whoever runs herald, and a log that a team shares (0640, 0664) must stay readable to
   * them after one of them rewrites it.
   */
  private static void keepMode(Path file, Path temp) throws IOException {
    if (!Files.exists(file)
        || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    PosixFileAttributes old = Files.readAttributes(file, PosixFileAttributes.class);
    try {
      Files.getFileAttributeView(temp, PosixFileAttributeView.class).setGroup(old.group());
    } catch (IOException e) {
      // only the group's members may hand a file to it; the permissions below still apply
    }
    Files.setPosixFilePermissions(temp, old.permissions());
  }

  /** Appends records, writing the header first if the file is new or empty, and forces them. */
  public static void append(Path file, List<String> columns, List<List<String>> rows) {
    if (rows.isEmpty()) {
      return;
    }
    StringBuilder s = new StringBuilder();
    for (List<String> row : rows) {
      s.append(line(row));
    }
    try {
      Csv.append(file, columns, s.toString());
    } catch (IOException e) {
      throw HeraldException.input(
          Display.path(file) + ": cannot write: " + e.getMessage() + "; check the folder", e);
    }
  }

  /**
   * Runs {@code work} holding the lock beside {@code file} ({@code file.lock}), so that two herald
   * processes changing the file one after the other do not lose each other's changes. Waits for a
   * process that holds it.
   */
  public static <T> T locked(Path file, Supplier<T> work) {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = lock(channel);
        try {
          return work.get();
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw HeraldException.input(
          Display.path(lockFile) + ": cannot lock: " + e.getMessage() + "; check the folder", e);
    }
  }

  // FileChannel.lock waits for another process; another thread of this one (a test, say) makes
  // it throw instead, so that case waits here.
  private static FileLock lock(FileChannel channel) throws IOException {
    while (true) {
      try {
        return channel.lock();
      } catch (OverlappingFileLockException e) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the lock", interrupted);
        }
      }
    }
  }
}
