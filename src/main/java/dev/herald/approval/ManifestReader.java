package dev.herald.approval;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.herald.Display;
import dev.herald.FolderKey;
import java.io.IOException;
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

  private ManifestReader(String name) {
    this.name = name;
  }

  /** The manifest in {@code file}, checked against {@code key}. */
  public static Manifest read(Path file, FolderKey key) {
    String name = Display.path(file);
    ManifestReader r = new ManifestReader(name);
    String text;
    try {
      if (!Files.isRegularFile(file)) {
        throw Manifest.malformed(name, Files.exists(file) ? "not a file" : "no such file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw Manifest.malformed(name, "larger than any approval herald writes");
      }
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw Manifest.malformed(name, "not UTF-8 text");
    } catch (IOException e) {
      throw Manifest.malformed(name, "cannot read it (" + e.getMessage() + ")");
    }
    JsonObject o;
    try {
      JsonElement e = JsonParser.parseString(text);
      if (!e.isJsonObject()) {
        throw Manifest.malformed(name, "not a JSON object");
      }
      o = e.getAsJsonObject();
    } catch (JsonParseException | StackOverflowError e) {
      throw Manifest.malformed(name, "not valid JSON (truncated or edited?): " + why(e));
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
    JsonElement seal = o.remove("seal");
    if (seal == null
        || !seal.isJsonPrimitive()
        || !seal.getAsString().equals(seal(o.toString(), key))) {
      throw Manifest.malformed(
          name, "its content does not match its seal (edited or truncated since herald wrote it)");
    }
    return r.manifest(o, version);
  }

  /** Gson's reason without its class name and its link to a troubleshooting page. */
  private static String why(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
    int see = m.indexOf(" See http");
    return Display.oneLine(see < 0 ? m : m.substring(0, see));
  }

  /** The seal of a manifest's JSON text without its seal: a keyed digest of its content. */
  static String seal(String json, FolderKey key) {
    // Gson's compact form of the parsed text: the same for the same content however laid out.
    String canonical = JsonParser.parseString(json).toString();
    return Fingerprint.hex(key.mac("herald approval\u0000" + canonical));
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
    return new Manifest(
        version,
        string(o, "herald", true),
        string(o, "created", true),
        string(o, "campaign", false),
        string(o, "contacts", false),
        string(o, "key", false),
        selection,
        list(o, "templates", e -> fileDigest(e, "language", "templates")),
        list(o, "attachments", e -> fileDigest(e, "name", "attachments")),
        list(o, "recipients", this::recipient),
        list(o, "skipped", this::skipped));
  }

  private Manifest.FileDigest fileDigest(JsonElement e, String nameKey, String where) {
    JsonObject f = object(e, where);
    return new Manifest.FileDigest(
        string(f, "file", false),
        string(f, nameKey, true),
        f.has("bytes") ? number(f, "bytes") : 0,
        digest(f, "sha256"));
  }

  private Manifest.Recipient recipient(JsonElement e) {
    JsonObject r = object(e, "recipients");
    JsonObject p = object(r, "parts");
    return new Manifest.Recipient(
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
            digest(p, "attachments")));
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
