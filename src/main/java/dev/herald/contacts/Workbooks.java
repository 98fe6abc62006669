package dev.herald.contacts;

import dev.herald.Display;
import dev.herald.HeraldException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Tells what kind of file a contact list is from its first bytes, and checks a workbook before the
 * spreadsheet reader opens it: a damaged or bomb-like zip archive, an OpenDocument spreadsheet, an
 * old binary {@code .xls} or a password-protected workbook, or a text file renamed to {@code .xlsx}
 * is refused with exit 2 and a message that says what to do.
 */
final class Workbooks {
  private Workbooks() {}

  /** An entry inflating to more than this many times its packed size is bomb-like... */
  static final int MAX_RATIO = 100;

  /** ...once it is larger than this. */
  static final long RATIO_FROM = 16L << 20;

  /**
   * The shared strings table is held in memory as far as the rows use it, so its size is bounded:
   * about a million distinct values. A longer list can be saved as CSV, which is read in constant
   * memory.
   */
  static final long MAX_SHARED_STRINGS = 64L << 20;

  /** What the first bytes say a file is. */
  enum Kind {
    TEXT,
    ZIP,
    OLE2
  }

  static Kind kind(byte[] head) {
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return Kind.ZIP;
    }
    if (head.length >= 4
        && (head[0] & 0xFF) == 0xD0
        && (head[1] & 0xFF) == 0xCF
        && (head[2] & 0xFF) == 0x11
        && (head[3] & 0xFF) == 0xE0) {
      return Kind.OLE2;
    }
    return Kind.TEXT;
  }

  /** Whether the file's name says it is a spreadsheet workbook. */
  static boolean namedAsWorkbook(Path file) {
    String n = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    return n.endsWith(".xlsx") || n.endsWith(".xlsm") || n.endsWith(".ods") || n.endsWith(".xls");
  }

  /** The refusal for a file whose content is not a workbook herald reads. */
  static HeraldException refuse(Path file, Kind kind) {
    String where = Display.path(file) + ": ";
    if (kind == Kind.OLE2) {
      return HeraldException.input(
          where
              + "is an Excel 97-2003 workbook (.xls) or a password-protected one, which herald"
              + " cannot read; in the spreadsheet, remove the password if there is one and save it"
              + " as \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\"");
    }
    return HeraldException.input(
        where
            + "is named as a workbook but is not one (it holds text: a CSV file renamed?); give it"
            + " the extension .csv, or save it from the spreadsheet as \"Excel Workbook (.xlsx)\"");
  }

  /**
   * Checks a zip archive before it is read as a workbook.
   *
   * @throws HeraldException exit 2 when it is damaged, bomb-like, not a workbook, or OpenDocument
   */
  static void check(Path file) {
    String where = Display.path(file) + ": ";
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry mimetype = zip.getEntry("mimetype");
      if (mimetype != null) {
        try (InputStream in = zip.getInputStream(mimetype)) {
          String type = new String(in.readNBytes(200), StandardCharsets.US_ASCII);
          if (type.contains("opendocument")) {
            throw HeraldException.input(
                where
                    + "is an OpenDocument spreadsheet (.ods), which herald cannot read; save it as"
                    + " \"Excel 2007-365 (.xlsx)\" or as CSV (UTF-8)");
          }
        }
      }
      if (zip.getEntry("[Content_Types].xml") == null || zip.getEntry("xl/workbook.xml") == null) {
        throw HeraldException.input(
            where + "is a zip archive, not an Excel workbook (it has no xl/workbook.xml)");
      }
      Enumeration<? extends ZipEntry> entries = zip.entries();
      byte[] buf = new byte[1 << 16];
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        long packed = Math.max(e.getCompressedSize(), 1);
        boolean strings = e.getName().equalsIgnoreCase("xl/sharedStrings.xml");
        long size = 0;
        // Count what the entry really inflates to: the sizes an archive declares can lie.
        try (InputStream in = zip.getInputStream(e)) {
          for (int n; (n = in.read(buf)) > 0; ) {
            size += n;
            if (size > RATIO_FROM && size > MAX_RATIO * packed) {
              throw HeraldException.input(
                  String.format(
                      Locale.ROOT,
                      "%s%s inflates to more than %d times its packed size (%,d bytes): a zip"
                          + " bomb, or a damaged workbook; herald does not read it",
                      where,
                      e.getName(),
                      MAX_RATIO,
                      packed));
            }
            if (strings && size > MAX_SHARED_STRINGS) {
              throw HeraldException.input(
                  String.format(
                      Locale.ROOT,
                      "%sits shared strings table is over %,d MB, more than herald holds in"
                          + " memory; save the list as CSV (UTF-8), which is read a row at a time",
                      where,
                      MAX_SHARED_STRINGS >> 20));
            }
          }
        }
      }
    } catch (ZipException e) {
      throw HeraldException.input(
          where + "is a damaged workbook (not a readable zip archive: " + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw HeraldException.input(where + "cannot read: " + e.getMessage(), e);
    }
  }

  /** The refusal for a workbook the spreadsheet reader cannot open. */
  static HeraldException unreadable(Path file, Exception e) {
    return HeraldException.input(
        Display.path(file)
            + ": cannot be read as an Excel workbook ("
            + reason(e)
            + "); open it in the spreadsheet and save it again as .xlsx",
        e);
  }

  /** The innermost message of {@code e}, in one line. */
  static String reason(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? "a part of it is malformed" : t.getMessage();
    m = Display.oneLine(m).replaceAll("^[A-Za-z.]*Exception: ", "");
    return m.length() > 200 ? m.substring(0, 200) + "…" : m;
  }
}
