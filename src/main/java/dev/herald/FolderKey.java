package dev.herald;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret of one working folder, which keys the references herald puts in interview links and
 * Message-IDs (HMAC-SHA256, RFC 2104), so that nobody without it can compute the reference of a
 * journalist's message and act in their name.
 *
 * <p>It comes from {@code HERALD_KEY} in the environment (a CI secret), else from {@code
 * .herald/key} in the working folder, which is created with mode 0600 on first use. The key itself
 * is never printed: {@link #toString()} and {@link #source()} name only where it came from.
 */
public final class FolderKey {
  /** The environment variable that, when set, holds the key. */
  public static final String ENV = "HERALD_KEY";

  /** The key file, relative to the working folder. */
  public static final String FILE = ".herald/key";

  /** Characters a key must have at least: 32 random bytes are 44 in base64. */
  static final int MIN_CHARS = 32;

  /** Bytes in a generated key. */
  private static final int GENERATED_BYTES = 32;

  /** A key file longer than this is not one herald wrote. */
  private static final long MAX_FILE_BYTES = 4096;

  private final byte[] secret;
  private final String source;

  /**
   * One initialised Mac per thread: a send keys several references per message on every render
   * thread, and looking the algorithm up and initialising it each time cost more than the hashing.
   * doFinal leaves a Mac reset for its next use.
   */
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  private FolderKey(byte[] secret, String source) {
    this.secret = secret.clone();
    this.source = source;
  }

  /**
   * The key in use for a working folder: {@code HERALD_KEY} if set, else {@code .herald/key},
   * created if missing. Two processes starting at once end up with the same key: the file is made
   * whole under another name and linked into place, which fails if the other was first.
   *
   * @throws HeraldException (exit 2) if {@code HERALD_KEY} is malformed or the key file cannot be
   *     read, created or is malformed
   */
  public static FolderKey load(Map<String, String> env, Path workdir) {
    Objects.requireNonNull(env, "env");
    String fromEnv = env.get(ENV);
    if (fromEnv != null && fromEnv.isBlank()) {
      // what a CI job gets from ${{ secrets.HERALD_KEY }} when that secret was never set
      throw HeraldException.input(
          ENV
              + " is set in the environment but empty (in CI: is the secret HERALD_KEY set?). Give"
              + " it at least "
              + MIN_CHARS
              + " characters, such as the content of the folder's "
              + FILE
              + " or the output of `openssl rand -base64 32`, or leave HERALD_KEY out of the"
              + " environment to use "
              + FILE);
    }
    if (fromEnv != null) {
      return new FolderKey(parse(fromEnv, ENV + " in the environment"), ENV + " (environment)");
    }
    Path file = workdir.resolve(FILE);
    if (!Files.exists(file)) {
      create(file);
    }
    return new FolderKey(read(file), FILE);
  }

  /**
   * The key in use, without creating one: for {@code check}, which writes nothing. Where no key
   * exists yet, a random one held in memory stands in, and {@link #source()} says the file is not
   * yet created. Validates an existing key as {@link #load} does.
   */
  public static FolderKey existing(Map<String, String> env, Path workdir) {
    if (env.get(ENV) != null || Files.exists(workdir.resolve(FILE))) {
      return load(env, workdir);
    }
    byte[] random = new byte[GENERATED_BYTES];
    new SecureRandom().nextBytes(random);
    return new FolderKey(
        random, FILE + " (not yet created: the first preview, send or fetch does)");
  }

  /** Where this key came from: {@code HERALD_KEY (environment)} or {@code .herald/key}. */
  public String source() {
    return source;
  }

  /** HMAC-SHA256 of the text under this key. */
  public byte[] mac(String text) {
    return macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A new HMAC-SHA256 under this key, for text fed in pieces (a file as it is written or read). */
  public Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "key from " + source;
  }

  private static byte[] parse(String value, String where) {
    String v = value.strip();
    if (v.length() < MIN_CHARS) {
      throw HeraldException.input(
          where
              + " is too short: a key needs at least "
              + MIN_CHARS
              + " characters (for example the output of `openssl rand -base64 32`)");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw HeraldException.input(
            where
                + " holds a space, a control or a non-ASCII character at position "
                + (i + 1)
                + ": a key is printable ASCII, such as the output of `openssl rand -base64 32`");
      }
    }
    return v.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] read(Path file) {
    String where = Display.path(file);
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw HeraldException.input(
            where + " is larger than a key; restore the key file herald created, or remove it");
      }
      return parse(Files.readString(file, StandardCharsets.US_ASCII), where);
    } catch (IOException e) {
      throw HeraldException.input(
          "cannot read the key file "
              + where
              + " ("
              + e.getClass().getSimpleName()
              + "): check its permissions, or set "
              + ENV,
          e);
    }
  }

  private static void create(Path file) {
    byte[] random = new byte[GENERATED_BYTES];
    new SecureRandom().nextBytes(random);
    byte[] text =
        (Base64.getEncoder().encodeToString(random) + "\n").getBytes(StandardCharsets.US_ASCII);
    Path dir = file.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      ignoredByGit(dir);
      temp = Files.createTempFile(dir, "key", ".new", ownerOnly(dir));
      // forced to disk before it is linked into place: a crash must not leave an empty key
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(text);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        // A link fails if the name exists: whichever process links first wins, the other reads
        // that key back, so both key their messages alike.
        Files.createLink(file, temp);
      } catch (FileAlreadyExistsException e) {
        // another run created it first; load() reads that one
      } catch (UnsupportedOperationException | FileSystemException e) {
        if (Files.exists(file)) {
          return;
        }
        // no hard links here: fall back to a move that never replaces an existing file
        Files.move(temp, file);
        temp = null;
      }
    } catch (FileAlreadyExistsException e) {
      // lost the race in the fallback: the other key stands
    } catch (IOException e) {
      throw HeraldException.input(
          "cannot create the key file "
              + Display.path(file)
              + " ("
              + e.getClass().getSimpleName()
              + "): make the folder writable, or set "
              + ENV,
          e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // a stray temporary file holds a key nobody uses; leaving it is harmless
        }
      }
    }
  }

  /**
   * Writes {@code .herald/.gitignore} ignoring everything in the folder, so that a working folder
   * kept in git never commits its key by accident. An existing one is left as the user has it.
   */
  private static void ignoredByGit(Path dir) throws IOException {
    try {
      Files.writeString(
          dir.resolve(".gitignore"),
          "# herald's secret key: never commit it (CI: set HERALD_KEY)\n*\n",
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      // written by an earlier run, or by the user
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path dir) {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rw-------");
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)};
  }
}
