package dev.herald.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.herald.csv.AtomicReplace;
import dev.herald.csv.DurableAppend;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a journal ready for appending before a run writes to it: a new or empty file gets the
 * header row; a last line cut short by a crash is ended and the marker that tells readers to skip
 * it is written beneath it; a complete last line without its line break gets one; a journal from
 * before the template columns gets the header that names them.
 */
final class JournalRepair {
  private JournalRepair() {}

  /**
   * Writes to {@code channel}, open for appending to {@code file}, what the journal needs before
   * new lines can follow (the header, the end of a torn line and the marker beneath it), and forces
   * it to disk.
   *
   * @return whether the journal has the header of a journal from before the template columns, which
   *     {@link #upgradeHeader} must replace
   * @throws dev.herald.HeraldException exit 2 if the journal is damaged (other than a torn last
   *     line)
   */
  static boolean repair(Path file, FileChannel channel) throws IOException {
    JournalReader.Scan scan = JournalReader.scan(file, entry -> {});
    String repair = scan.repair();
    if (!repair.isEmpty()) {
      DurableAppend.writeFully(channel, ByteBuffer.wrap(repair.getBytes(UTF_8)));
      channel.force(false);
    }
    return scan.oldHeader();
  }

  /**
   * Gives a journal from before the template columns the header that names them, so that the lines
   * appended next (which have those columns) sit under a header that says what they hold; the older
   * lines keep their six values, which readers take as lines without a template. The file is
   * replaced in one step ({@link AtomicReplace}), so that a crash leaves either the old journal or
   * the new, never half of one; this happens once per journal, under its lock.
   */
  static void upgradeHeader(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      AtomicReplace.replace(
          file,
          file.resolveSibling(file.getFileName() + ".upgrading"),
          out -> {
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
              // the old header, with whatever line end it has
            }
            out.write((JournalCsv.HEADER + "\n").getBytes(UTF_8));
            in.transferTo(out);
          });
    }
  }
}
