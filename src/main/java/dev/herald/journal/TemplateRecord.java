package dev.herald.journal;

import java.util.Objects;

/**
 * Which template a journal line was sent from: its path relative to the working folder (with {@code
 * /} between folders) and a hash of the header blocks and bodies of the release's files (see {@code
 * TemplateSet.fingerprint}). Two releases that happen to share a campaign id (two months' {@code
 * press-release.md}, or a {@code Campaign:} header copied from last month) differ here, so that a
 * run can tell them apart instead of sending the second to nobody.
 *
 * <p>Lines written before these columns existed, and lines that come from no template (a bounce
 * recorded by {@code interviews fetch}), have neither: {@link #NONE}.
 */
public record TemplateRecord(String path, String hash) {
  /** No template recorded. */
  public static final TemplateRecord NONE = new TemplateRecord("", "");

  /** How many hexadecimal digits of the SHA-256 the journal keeps: 64 bits. */
  public static final int HASH_LENGTH = 16;

  public TemplateRecord {
    path = Objects.requireNonNullElse(path, "");
    hash = Objects.requireNonNullElse(hash, "");
  }

  /** Whether nothing is recorded. */
  public boolean isEmpty() {
    return path.isEmpty() && hash.isEmpty();
  }
}
