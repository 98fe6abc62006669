package dev.herald.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.herald.HeraldException;
import dev.herald.csv.AtomicReplace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The one way a journal line is ever changed: {@code herald forget} pseudonymises the lines about a
 * person. The journal is otherwise append-only, so this is done under the journal's lock (no run
 * can append meanwhile) by writing the whole file anew beside it, forcing it to disk and moving it
 * over the old one ({@link AtomicReplace}, keeping the file's group and permissions): a crash
 * leaves either the old journal or the new one, never a mix. The new file has the current header; a
 * torn last line and its marker are not carried over (nothing on them was ever acknowledged).
 */
public final class JournalRewrite {
  private JournalRewrite() {}

  /**
   * Rewrites the journal held by {@code lock}, each entry through {@code edit} (which returns the
   * entry itself to leave it as it is), and returns how many entries changed. Nothing is written
   * when none does.
   *
   * @throws HeraldException exit 2 if the journal cannot be read or written; it is then unchanged
   */
  public static int rewrite(Journal.Lock lock, UnaryOperator<JournalEntry> edit) {
    Path file = lock.file();
    int[] changed = {0};
    JournalReader.forEach(
        file,
        e -> {
          if (!edit.apply(e).equals(e)) {
            changed[0]++;
          }
        });
    if (changed[0] == 0 || !Files.exists(file)) {
      return changed[0];
    }
    try {
      AtomicReplace.replace(
          file,
          out -> {
            out.write((JournalCsv.HEADER + "\n").getBytes(UTF_8));
            try {
              JournalReader.forEach(
                  file,
                  e -> {
                    try {
                      out.write(JournalCsv.line(edit.apply(e)).getBytes(UTF_8));
                    } catch (IOException x) {
                      throw new UncheckedIOException(x);
                    }
                  });
            } catch (UncheckedIOException x) {
              throw x.getCause();
            }
          });
    } catch (IOException e) {
      throw HeraldException.input(
          "cannot rewrite journal "
              + file
              + ": "
              + Journal.reason(e)
              + "; it is unchanged. Free some space or fix the folder's permissions, and run"
              + " herald forget again",
          e);
    }
    return changed[0];
  }
}
