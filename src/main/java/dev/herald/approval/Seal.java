package dev.herald.approval;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonWriter;
import dev.herald.FolderKey;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import javax.crypto.Mac;

/**
 * An approval's seal: the keyed digest (HMAC-SHA256 under the folder key) of its content in Gson's
 * compact form, the same for the same content however it is laid out. The compact form is written
 * into the digest piece by piece, as the file is written or read, so no list is held whole.
 */
final class Seal {
  private static final TypeAdapter<JsonElement> ELEMENT = new Gson().getAdapter(JsonElement.class);

  private final Mac mac;
  private final Writer text;
  private final JsonWriter json;

  Seal(FolderKey key) {
    this.mac = key.newMac();
    OutputStream bytes =
        new OutputStream() {
          @Override
          public void write(int b) {
            mac.update((byte) b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            mac.update(b, off, len);
          }
        };
    // UTF-8 as FolderKey.mac encodes text; the compact writer is what JsonElement.toString uses
    this.text = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 8192);
    this.json = new JsonWriter(text);
    run(() -> text.write("herald approval\u0000"));
  }

  Seal beginObject() {
    run(json::beginObject);
    return this;
  }

  Seal endObject() {
    run(json::endObject);
    return this;
  }

  Seal beginArray(String name) {
    run(() -> json.name(name).beginArray());
    return this;
  }

  Seal endArray() {
    run(json::endArray);
    return this;
  }

  Seal name(String name) {
    run(() -> json.name(name));
    return this;
  }

  /** Writes {@code "name": value}: maps, lists, strings, numbers, booleans and null. */
  Seal member(String name, Object value) {
    run(() -> value(json.name(name), value));
    return this;
  }

  /** Writes the next value (an array's element, or the value of the name written last). */
  Seal element(Object value) {
    run(() -> value(json, value));
    return this;
  }

  /** Writes a parsed value as {@link JsonElement#toString()} writes it. */
  Seal element(JsonElement value) {
    run(() -> ELEMENT.write(json, value));
    return this;
  }

  /** The seal of what was written, in hexadecimal. */
  String hex() {
    run(
        () -> {
          json.flush();
          text.flush();
        });
    return Fingerprint.hex(mac.doFinal());
  }

  private static void value(JsonWriter w, Object v) throws IOException {
    if (v == null) {
      w.nullValue();
    } else if (v instanceof String s) {
      w.value(s);
    } else if (v instanceof Number n) {
      w.value(n);
    } else if (v instanceof Boolean b) {
      w.value(b);
    } else if (v instanceof Map<?, ?> m) {
      w.beginObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        value(w.name(String.valueOf(e.getKey())), e.getValue());
      }
      w.endObject();
    } else if (v instanceof Collection<?> c) {
      w.beginArray();
      for (Object o : c) {
        value(w, o);
      }
      w.endArray();
    } else {
      w.value(String.valueOf(v));
    }
  }

  private interface Step {
    void run() throws IOException;
  }

  // The writer ends in a Mac, which does not fail.
  private static void run(Step step) {
    try {
      step.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
