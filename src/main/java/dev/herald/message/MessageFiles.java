package dev.herald.message;

import java.util.Locale;

/**
 * How a message written to a folder (a preview, the outbox) is named: its number in the run and the
 * recipient's address made safe for any file system, such as {@code
 * 00001-l.wrobel-at-kurier-podlaski.example}.
 */
public final class MessageFiles {
  private MessageFiles() {}

  /** The file name without extension for the {@code number}th message, to {@code email}. */
  public static String baseName(int number, String email) {
    String s = email.toLowerCase(Locale.ROOT).replace("@", "-at-").replaceAll("[^a-z0-9._-]", "_");
    return String.format(Locale.ROOT, "%05d-%s", number, s.length() > 80 ? s.substring(0, 80) : s);
  }
}
