package dev.herald.approval;

import dev.herald.FolderKey;
import dev.herald.util.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code approval.json} being written member by member: laid out as herald's JSON output is (two
 * spaces to a level), and sealed as it goes with the compact form of the same content, so the last
 * member, {@code seal}, covers exactly what came before it.
 */
final class ManifestFile implements AutoCloseable {
  private final PrintWriter out;
  private final Json.Streamed file;
  private final Seal seal;

  ManifestFile(Path file, FolderKey key) throws IOException {
    this.out =
        new PrintWriter(
            new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                1 << 16));
    this.file = new Json.Streamed(out);
    this.seal = new Seal(key).beginObject();
  }

  void member(String name, Object value) {
    file.member(name, value);
    seal.member(name, value);
  }

  void beginArray(String name) {
    file.beginArray(name);
    seal.beginArray(name);
  }

  void element(Object value) {
    file.element(value);
    seal.element(value);
  }

  void endArray() {
    file.endArray();
    seal.endArray();
  }

  /** Writes the seal, the last member, and ends the file; fails if any of it was not written. */
  void seal() throws IOException {
    file.member("seal", seal.endObject().hex());
    file.end();
    out.close();
    if (out.checkError()) {
      throw new IOException("the file could not be written in full (is the disk full?)");
    }
  }

  @Override
  public void close() {
    out.close();
  }
}
