package dev.herald.approval;

import dev.herald.Display;
import dev.herald.HeraldException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part file beside {@code approval.json} that holds one list of it (recipients, or rows left out)
 * while the preview runs, record after record, until the members that come before it in the file
 * are known. Only herald reads it back, once, in the order written.
 */
final class RecordFile implements AutoCloseable {
  private final Path file;
  private DataOutputStream out;

  RecordFile(Path file) {
    this.file = file;
  }

  /** Adds one record of text and whole-number fields (see {@link Fields}). */
  void add(Object... fields) {
    try {
      if (out == null) {
        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
      }
      for (Object f : fields) {
        if (f instanceof String s) {
          byte[] b = s.getBytes(StandardCharsets.UTF_8);
          out.writeInt(b.length);
          out.write(b);
        } else if (f instanceof Boolean b) {
          out.writeBoolean(b);
        } else {
          out.writeLong((Long) f);
        }
      }
    } catch (IOException e) {
      throw cannot("write", e);
    }
  }

  /** What {@link #read} hands over: the fields of one record, read in the order written. */
  interface Fields {
    String text() throws IOException;

    long number() throws IOException;

    boolean bool() throws IOException;
  }

  /** What is done with each record. */
  interface Each {
    void record(Fields f) throws IOException;
  }

  /** Reads every record back, in order; none if nothing was added. */
  void read(Each each) {
    try {
      if (out == null) {
        return;
      }
      out.close();
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        Fields f =
            new Fields() {
              @Override
              public String text() throws IOException {
                int n = in.readInt();
                if (n < 0) {
                  throw new IOException("a damaged record");
                }
                return new String(in.readNBytes(n), StandardCharsets.UTF_8);
              }

              @Override
              public long number() throws IOException {
                return in.readLong();
              }

              @Override
              public boolean bool() throws IOException {
                return in.readBoolean();
              }
            };
        while (true) {
          in.mark(1);
          if (in.read() < 0) {
            return;
          }
          in.reset();
          each.record(f);
        }
      }
    } catch (EOFException e) {
      throw cannot("read", new IOException("it ends within a record"));
    } catch (IOException e) {
      throw cannot("read", e);
    }
  }

  /** Removes the part: it was read, or the preview failed. */
  @Override
  public void close() {
    try {
      if (out != null) {
        out.close(); // only a part this preview made is removed, never a file it found
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw cannot("remove", e);
    }
  }

  private HeraldException cannot(String what, IOException e) {
    return HeraldException.input(Display.path(file) + ": cannot " + what + ": " + e.getMessage());
  }
}
