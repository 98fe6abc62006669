package dev.herald.cli;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.util.Similar;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Reading a {@code herald.properties}: the working folder's, or the user's own, which holds what
 * every folder of theirs shares (the relay, the user name) and which the folder's file overrides
 * key by key. Both are checked alike: no secrets, no unknown keys.
 */
final class SettingsFile {
  private SettingsFile() {}

  /**
   * The user's own settings file, {@code $XDG_CONFIG_HOME/herald/herald.properties} (by default
   * {@code ~/.config/herald/herald.properties}), from {@code env}; null when neither variable gives
   * an absolute folder (the XDG rule: a relative one is ignored).
   */
  static Path user(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "herald", Settings.FILE);
    }
    String home = env.get("HOME");
    if (home != null && !home.isBlank() && Path.of(home).isAbsolute()) {
      return Path.of(home, ".config", "herald", Settings.FILE);
    }
    return null;
  }

  /** The settings in {@code path}, none if there is no such file; exit 2 for a bad one. */
  static Properties read(Path path) {
    Properties p = new Properties();
    if (Files.isRegularFile(path)) {
      try (Reader r = new StringReader(text(path))) {
        p.load(r);
      } catch (IOException | IllegalArgumentException e) {
        throw HeraldException.input(Display.path(path) + ": cannot read: " + e.getMessage());
      }
      for (String key : p.stringPropertyNames()) {
        if (Settings.isSecretName(key)) {
          throw HeraldException.input(
              Display.path(path)
                  + ": holds '"
                  + key
                  + "'; passwords never go in a file that may be committed or shared. Remove it"
                  + " and set HERALD_SMTP_PASSWORD or HERALD_IMAP_PASSWORD in the environment (in"
                  + " CI: from the CI's secrets), or type it when herald asks. An access token"
                  + " goes in HERALD_SMTP_TOKEN or HERALD_IMAP_TOKEN (or comes from"
                  + " smtp.token-command), a client secret in HERALD_OAUTH_CLIENT_SECRET.");
        }
      }
      List<String> unknown = new ArrayList<>();
      for (String key : new TreeSet<>(p.stringPropertyNames())) {
        if (!Settings.KEYS.contains(key)) {
          unknown.add(
              "'"
                  + Display.visible(key)
                  + "'"
                  + Similar.closest(key, new TreeSet<>(Settings.KEYS), 4)
                      .map(k -> " (did you mean " + k + "?)")
                      .orElse(""));
        }
      }
      if (!unknown.isEmpty()) {
        // a misspelt key must not silently switch a setting or a safeguard off
        throw HeraldException.input(
            Display.path(path)
                + ": unknown "
                + (unknown.size() == 1 ? "setting " : "settings ")
                + String.join(", ", unknown)
                + "; the settings are listed in the README");
      }
    }
    return p;
  }

  /**
   * The file as text: UTF-8 (a byte-order mark is fine), or UTF-16 with its byte-order mark, as
   * Windows editors save it. UTF-16 without a mark, or bytes that are not UTF-8, are refused with
   * what to do, rather than read as garbage keys.
   */
  private static String text(Path path) throws IOException {
    byte[] b = Files.readAllBytes(path);
    if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
    }
    int start =
        b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF
            ? 3
            : 0;
    for (int i = start; i < b.length; i++) {
      if (b[i] == 0) {
        throw HeraldException.input(
            Display.path(path)
                + ": looks like UTF-16 text without a byte-order mark; save it as UTF-8 (or"
                + " \"Unicode\" with a byte-order mark)");
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(b, start, b.length - start))
          .toString();
    } catch (CharacterCodingException e) {
      throw HeraldException.input(
          Display.path(path)
              + ": is not UTF-8 text (saved in a Windows code page?); save it as UTF-8");
    }
  }
}
