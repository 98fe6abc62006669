package dev.herald.approval;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import dev.herald.Display;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads an {@code approval.json} back, refusing (exit 2, with what is wrong) anything that is not
 * one herald wrote with this working folder's key: not JSON, truncated, another format or version,
 * a member missing or of the wrong type, or content changed since it was sealed.
 */
public final class ManifestReader {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Far more than any contact list needs; a bigger file is not one herald wrote. */
  static final long MAX_BYTES = 1L << 30;

  private final String name;
  private final Approved recipients = new Approved();
  private HeraldException problem; // the first thing wrong in a recipient, told once sealed

  private ManifestReader(String name) {
    this.name = name;
  }

  /** What an approval holds: the members before its recipients, and the recipients. */
  public record Approval(Manifest manifest, Approved recipients) {}

  /**
   * The approval in {@code file}, checked against {@code key}. The file is read once, as a stream:
   * the recipients go into {@link Approved} as they come and the seal is computed as the text is
   * read, so the checks (format, version, key, seal, then content) refuse what they refused when
   * the file was read whole, without holding it.
   */
  public static Approval read(Path file, FolderKey key) {
    String name = Display.path(file);
    ManifestReader r = new ManifestReader(name);
    try {
      if (!Files.isRegularFile(file)) {
        throw Manifest.malformed(name, Files.exists(file) ? "not a file" : "no such file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw Manifest.malformed(name, "larger than any approval herald writes");
      }
    } catch (IOException e) {
      throw Manifest.malformed(name, "cannot read it (" + e.getMessage() + ")");
    }
    Seal seal = new Seal(key);
    JsonObject o = new JsonObject();
    JsonElement sealed;
    try (JsonReader in =
        new JsonReader(
            new BufferedReader(
                new InputStreamReader(
                    Files.newInputStream(file),
                    StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)),
                1 << 16))) {
      in.setStrictness(Strictness.LENIENT); // as JsonParser read it when it was read whole
      sealed = r.members(in, seal, o);
    } catch (CharacterCodingException e) {
      throw Manifest.malformed(name, "not UTF-8 text");
    } catch (JsonParseException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        throw Manifest.malformed(name, "not UTF-8 text");
      }
      throw Manifest.malformed(name, "not valid JSON (truncated or edited?): " + why(e));
    } catch (MalformedJsonException | EOFException | StackOverflowError e) {
      throw Manifest.malformed(name, "not valid JSON (truncated or edited?): " + why(e));
    } catch (IOException e) {
      throw Manifest.malformed(name, "cannot read it (" + e.getMessage() + ")");
    }
    if (!o.has("format") || !Manifest.FORMAT.equals(r.string(o, "format", true))) {
      throw Manifest.malformed(name, "it has no \"format\": \"" + Manifest.FORMAT + "\" member");
    }
    int version = (int) r.number(o, "version");
    if (version != Manifest.VERSION) {
      throw Manifest.malformed(
          name,
          "it is format version "
              + version
              + " and this herald reads version "
              + Manifest.VERSION
              + (version > Manifest.VERSION ? " (written by a newer herald?)" : ""));
    }
    String keyId = r.string(o, "key", false);
    if (!keyId.equals(Manifest.keyId(key))) {
      throw Manifest.malformed(
          name,
          "it was written with another working folder key (HERALD_KEY or "
              + FolderKey.FILE
              + "); the key is part of every message's links and Message-ID, so preview and send"
              + " must use the same one");
    }
    if (sealed == null || !sealed.isJsonPrimitive() || !sealed.getAsString().equals(seal.hex())) {
      throw Manifest.malformed(
          name, "its content does not match its seal (edited or truncated since herald wrote it)");
    }
    Manifest m = r.manifest(o, version);
    if (r.problem != null) {
      throw r.problem;
    }
    return new Approval(m, r.recipients);
  }

  /**
   * Reads the top-level object: its lists of recipients and of rows left out element by element,
   * every other member into {@code o}; everything but the seal into {@code seal}. Returns the seal.
   */
  private JsonElement members(JsonReader in, Seal seal, JsonObject o) throws IOException {
    if (in.peek() != JsonToken.BEGIN_OBJECT) {
      JsonParser.parseReader(in); // JSON, or the reason it is not
      throw Manifest.malformed(name, "not a JSON object");
    }
    JsonElement sealed = null;
    java.util.Set<String> listed = new java.util.HashSet<>();
    in.beginObject();
    seal.beginObject();
    while (in.hasNext()) {
      String member = in.nextName();
      boolean list = in.peek() == JsonToken.BEGIN_ARRAY;
      if (member.equals("seal")) {
        sealed = JsonParser.parseReader(in);
      } else if (list && (member.equals("recipients") || member.equals("skipped"))) {
        listed.add(member);
        seal.beginArray(member);
        in.beginArray();
        while (in.hasNext()) {
          JsonElement e = JsonParser.parseReader(in);
          seal.element(e);
          if (member.equals("recipients")) {
            recipient(e);
          } else {
            deferred(() -> skipped(e));
          }
        }
        in.endArray();
        seal.endArray();
      } else {
        JsonElement e = JsonParser.parseReader(in);
        seal.name(member).element(e);
        o.add(member, e);
      }
    }
    in.endObject();
    seal.endObject();
    if (in.peek() != JsonToken.END_DOCUMENT) {
      throw new MalformedJsonException("more after the object at " + in.getPath());
    }
    // read as they came: what the checks of the members kept need to know is that they are lists
    listed.forEach(l -> o.add(l, new JsonArray()));
    return sealed;
  }

  private void deferred(Runnable check) {
    if (problem == null) {
      try {
        check.run();
      } catch (HeraldException e) {
        problem = e;
      }
    }
  }

  /** Gson's reason without its class name and its link to a troubleshooting page. */
  private static String why(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
    java.util.regex.Matcher see = Pattern.compile("\\s+See http").matcher(m);
    return Display.oneLine(see.find() ? m.substring(0, see.start()) : m);
  }

  private Manifest manifest(JsonObject o, int version) {
    JsonObject s = object(o, "selection");
    List<String> where = list(s, "where", e -> text(e, "selection.where"));
    Manifest.Selection selection =
        new Manifest.Selection(
            s.get("only") == null || s.get("only").isJsonNull() ? null : string(s, "only", false),
            where,
            (int) number(s, "limit"),
            bool(s, "complete"),
            bool(s, "skip_invalid"));
    Manifest m =
        new Manifest(
            version,
            string(o, "herald", true),
            string(o, "created", true),
            string(o, "campaign", false),
            string(o, "contacts", false),
            string(o, "key", false),
            selection,
            list(o, "templates", e -> fileDigest(e, "language", "templates")),
            list(o, "attachments", e -> fileDigest(e, "name", "attachments")));
    list(o, "recipients", e -> e);
    list(o, "skipped", e -> e);
    return m;
  }

  private Manifest.FileDigest fileDigest(JsonElement e, String nameKey, String where) {
    JsonObject f = object(e, where);
    return new Manifest.FileDigest(
        string(f, "file", false),
        string(f, nameKey, true),
        f.has("bytes") ? number(f, "bytes") : 0,
        digest(f, "sha256"));
  }

  private void recipient(JsonElement e) {
    deferred(
        () -> {
          JsonObject r = object(e, "recipients");
          JsonObject p = object(r, "parts");
          recipients.add(
              new Manifest.Recipient(
                  string(r, "email", false),
                  number(r, "line"),
                  string(r, "variant", false),
                  string(r, "template", false),
                  bool(r, "suppressed"),
                  digest(r, "sha256"),
                  new Fingerprint.Parts(
                      digest(p, "headers"),
                      digest(p, "subject"),
                      digest(p, "body"),
                      digest(p, "attachments"))));
        });
  }

  private Manifest.Skipped skipped(JsonElement e) {
    JsonObject k = object(e, "skipped");
    return new Manifest.Skipped(
        string(k, "email", true),
        number(k, "line"),
        string(k, "kind", false),
        string(k, "reason", true));
  }

  private String digest(JsonObject o, String member) {
    String v = string(o, member, false);
    if (!SHA256.matcher(v).matches()) {
      throw Manifest.malformed(name, "\"" + member + "\" is not a SHA-256 in hexadecimal");
    }
    return v;
  }

  private <T> List<T> list(JsonObject o, String member, Function<JsonElement, T> each) {
    JsonElement e = o.get(member);
    if (e == null || !e.isJsonArray()) {
      throw Manifest.malformed(name, "\"" + member + "\" is missing or not a list");
    }
    JsonArray a = e.getAsJsonArray();
    List<T> out = new ArrayList<>(a.size());
    a.forEach(x -> out.add(each.apply(x)));
    return out;
  }

  private JsonObject object(JsonElement e, String member) {
    if (e == null || !e.isJsonObject()) {
      throw Manifest.malformed(name, "an entry of \"" + member + "\" is not an object");
    }
    return e.getAsJsonObject();
  }

  private JsonObject object(JsonObject o, String member) {
    JsonElement e = o.get(member);
    if (e == null || !e.isJsonObject()) {
      throw Manifest.malformed(name, "\"" + member + "\" is missing or not an object");
    }
    return e.getAsJsonObject();
  }

  private String text(JsonElement e, String member) {
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw Manifest.malformed(name, "\"" + member + "\" holds something other than text");
    }
    return e.getAsString();
  }

  private String string(JsonObject o, String member, boolean mayBeEmpty) {
    String v = text(o.get(member), member);
    if (!mayBeEmpty && v.isEmpty()) {
      throw Manifest.malformed(name, "\"" + member + "\" is empty");
    }
    return v;
  }

  private long number(JsonObject o, String member) {
    JsonElement e = o.get(member);
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw Manifest.malformed(name, "\"" + member + "\" is missing or not a number");
    }
    try {
      long v = Long.parseLong(e.getAsJsonPrimitive().getAsString());
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException x) {
      throw Manifest.malformed(name, "\"" + member + "\" is not a whole number herald writes");
    }
  }

  private boolean bool(JsonObject o, String member) {
    JsonElement e = o.get(member);
    if (e == null || !e.isJsonPrimitive() || !((JsonPrimitive) e).isBoolean()) {
      throw Manifest.malformed(name, "\"" + member + "\" is missing or not true/false");
    }
    return e.getAsBoolean();
  }
}
