package dev.herald.approval;

import dev.herald.identity.EmailAddress;
import dev.herald.util.Hashes;
import dev.herald.util.LongIntMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The approved recipients of an {@code approval.json}, as {@code send --approved} keeps them: in
 * flat arrays, found by a 64-bit key of the address, about a hundred bytes each (a million approved
 * recipients cost some 100 MB, against gigabytes as objects). It keeps the whole message digest,
 * which decides, and eight bytes of each part's digest, which only say what differs.
 */
final class Approved {
  private final LongIntMap index = new LongIntMap();
  private final List<String> variants = new ArrayList<>();
  private int size;
  private long[] sha = new long[4 * 64];
  private long[] parts = new long[4 * 64];
  private int[] lines = new int[64];
  private boolean[] suppressed = new boolean[64];
  private char[] variant = new char[64]; // the number of the variant in variants
  private int[] emailEnds = new int[64];
  private byte[] emails = new byte[64 * 32];
  private int emailsUsed;

  /** Adds a recipient read from the file; their digests are SHA-256 in hexadecimal. */
  void add(Manifest.Recipient r) {
    if (size == lines.length) {
      int n = size * 2;
      sha = Arrays.copyOf(sha, 4 * n);
      parts = Arrays.copyOf(parts, 4 * n);
      lines = Arrays.copyOf(lines, n);
      suppressed = Arrays.copyOf(suppressed, n);
      variant = Arrays.copyOf(variant, n);
      emailEnds = Arrays.copyOf(emailEnds, n);
    }
    int i = size++;
    digest(r.sha256(), sha, 4 * i);
    Fingerprint.Parts p = r.parts();
    parts[4 * i] = head(p.headers());
    parts[4 * i + 1] = head(p.subject());
    parts[4 * i + 2] = head(p.body());
    parts[4 * i + 3] = head(p.attachments());
    lines[i] = (int) r.line();
    int v = variants.indexOf(r.variant());
    if (v < 0) {
      v = variants.size();
      variants.add(r.variant());
    }
    variant[i] = (char) v;
    suppressed[i] = r.suppressed();
    byte[] e = r.email().getBytes(StandardCharsets.UTF_8);
    if (emailsUsed + e.length > emails.length) {
      emails = Arrays.copyOf(emails, Math.max(emails.length * 2, emailsUsed + e.length));
    }
    System.arraycopy(e, 0, emails, emailsUsed, e.length);
    emailsUsed += e.length;
    emailEnds[i] = emailsUsed;
    index.put(Hashes.key64(EmailAddress.key(r.email())), i + 1);
  }

  int size() {
    return size;
  }

  /** The recipient approved for {@code email} (any spelling of the same address), or -1. */
  int find(String email) {
    String key = EmailAddress.key(email);
    int i = index.get(Hashes.key64(key)) - 1;
    // two addresses may share a 64-bit key: the address itself decides
    return i >= 0 && EmailAddress.key(email(i)).equals(key) ? i : -1;
  }

  String email(int i) {
    int from = i == 0 ? 0 : emailEnds[i - 1];
    return new String(emails, from, emailEnds[i] - from, StandardCharsets.UTF_8);
  }

  long line(int i) {
    return lines[i];
  }

  boolean suppressed(int i) {
    return suppressed[i];
  }

  String variant(int i) {
    return variants.get(variant[i]);
  }

  /** Whether {@code sha256} (hexadecimal) is the digest approved for recipient {@code i}. */
  boolean message(int i, String sha256) {
    long[] d = new long[4];
    digest(sha256, d, 0);
    return Arrays.equals(d, 0, 4, sha, 4 * i, 4 * i + 4);
  }

  /** Whether part {@code n} (0 headers, 1 subject, 2 body, 3 attachments) is as approved. */
  boolean part(int i, int n, String sha256) {
    return parts[4 * i + n] == head(sha256);
  }

  private static void digest(String hex, long[] into, int at) {
    for (int k = 0; k < 4; k++) {
      into[at + k] = Long.parseUnsignedLong(hex, 16 * k, 16 * k + 16, 16);
    }
  }

  private static long head(String hex) {
    return Long.parseUnsignedLong(hex, 0, 16, 16);
  }
}
