package dev.herald;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.identity.MessageIds;
import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The working folder's key for references and Message-IDs (PRODUCT.md, "The key"). */
class FolderKeyTest {
  @TempDir Path dir;
  @TempDir Path other;

  private static final String CAMPAIGN = "podlaskie-digitalisation";
  private static final String ANNA = "anna@gazeta.example";

  @Test
  void eachFolderHasItsOwnKeySoItsReferencesDiffer() {
    FolderKey one = FolderKey.load(Map.of(), dir);
    FolderKey two = FolderKey.load(Map.of(), other);

    assertNotEquals(MessageIds.ref(one, CAMPAIGN, ANNA), MessageIds.ref(two, CAMPAIGN, ANNA));
    assertNotEquals(
        MessageIds.of(one, CAMPAIGN, ANNA, "press@next2met.example"),
        MessageIds.of(two, CAMPAIGN, ANNA, "press@next2met.example"));
    // the same folder keeps its key from run to run
    assertEquals(
        MessageIds.ref(one, CAMPAIGN, ANNA),
        MessageIds.ref(FolderKey.load(Map.of(), dir), CAMPAIGN, ANNA));
  }

  @Test
  void theKeyFileIsCreatedOwnerOnly() throws Exception {
    FolderKey.load(Map.of(), dir);

    Path file = dir.resolve(FolderKey.FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(".herald/key", FolderKey.load(Map.of(), dir).source());
    try (var leftovers = Files.list(file.getParent())) {
      assertEquals(
          Set.of(file, file.resolveSibling(".gitignore")),
          Set.copyOf(leftovers.toList()),
          "no temporary file is left behind");
    }
    assertEquals(
        "# herald's secret key: never commit it (CI: set HERALD_KEY)\n*\n",
        Files.readString(file.resolveSibling(".gitignore")));
  }

  @Test
  void runsCreatingTheKeyAtOnceAllGetTheSameKey() throws Exception {
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> refs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        refs.add(
            pool.submit(
                () -> {
                  start.await();
                  return MessageIds.ref(FolderKey.load(Map.of(), dir), CAMPAIGN, ANNA);
                }));
      }
      start.countDown();
      Set<String> distinct = new HashSet<>();
      for (Future<String> f : refs) {
        distinct.add(f.get());
      }
      assertEquals(1, distinct.size(), distinct::toString);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void heraldKeyFromTheEnvironmentWinsAndNoFileIsCreated() {
    String secret = "ci-secret-0123456789-abcdefghijklmnop";
    FolderKey key = FolderKey.load(Map.of("HERALD_KEY", secret), dir);

    assertEquals("HERALD_KEY (environment)", key.source());
    assertFalse(Files.exists(dir.resolve(FolderKey.FILE)));
    assertFalse(key.toString().contains(secret), key::toString);
    assertArrayEquals(key.mac("x"), FolderKey.load(Map.of("HERALD_KEY", secret), other).mac("x"));
  }

  @Test
  void aMalformedHeraldKeyIsExit2() {
    HeraldException shortKey =
        assertThrows(HeraldException.class, () -> FolderKey.load(Map.of("HERALD_KEY", "abc"), dir));
    assertEquals(ExitCodes.INPUT, shortKey.exitCode());
    assertContains(shortKey.getMessage(), "HERALD_KEY in the environment is too short");

    // a CI secret that was never set arrives as an empty variable: said so, not "too short"
    HeraldException empty =
        assertThrows(HeraldException.class, () -> FolderKey.load(Map.of("HERALD_KEY", ""), dir));
    assertEquals(ExitCodes.INPUT, empty.exitCode());
    assertContains(empty.getMessage(), "HERALD_KEY is set in the environment but empty");
    assertContains(empty.getMessage(), "is the secret HERALD_KEY set?");
    assertFalse(Files.exists(dir.resolve(FolderKey.FILE)), "no key file made instead");

    HeraldException spaced =
        assertThrows(
            HeraldException.class,
            () -> FolderKey.load(Map.of("HERALD_KEY", "0123456789 0123456789 0123456789"), dir));
    assertContains(spaced.getMessage(), "holds a space, a control or a non-ASCII character");
    assertFalse(spaced.getMessage().contains("0123456789"), spaced::getMessage);
  }

  @Test
  void anUnreadableOrMalformedKeyFileIsExit2NamingIt() throws Exception {
    Files.createDirectories(dir.resolve(FolderKey.FILE)); // a folder where the file should be
    HeraldException unreadable =
        assertThrows(HeraldException.class, () -> FolderKey.load(Map.of(), dir));
    assertEquals(ExitCodes.INPUT, unreadable.exitCode());
    assertContains(unreadable.getMessage(), "cannot read the key file ");
    assertContains(unreadable.getMessage(), ".herald/key (");

    Files.createDirectories(other.resolve(".herald"));
    Files.writeString(other.resolve(FolderKey.FILE), "short\n", StandardCharsets.US_ASCII);
    HeraldException malformed =
        assertThrows(HeraldException.class, () -> FolderKey.load(Map.of(), other));
    assertContains(malformed.getMessage(), "key is too short");
  }

  @Test
  void checkNamesTheKeySourceWithoutCreatingOrPrintingTheKey() throws Exception {
    Samples.copyTo(dir);

    CliRun.Result before = CliRun.in(dir).run("check", Samples.TEMPLATE);
    assertEquals(0, before.exitCode(), before::toString);
    assertContains(before.out(), "Key:      .herald/key (not yet created");
    assertFalse(Files.exists(dir.resolve(FolderKey.FILE)), "check writes nothing");

    CliRun.Result preview = CliRun.in(dir).run("preview", Samples.TEMPLATE);
    assertEquals(0, preview.exitCode(), preview::toString);
    String secret = Files.readString(dir.resolve(FolderKey.FILE)).strip();
    CliRun.Result after = CliRun.in(dir).run("check", Samples.TEMPLATE);
    assertContains(after.out(), "Key:      .herald/key\n");
    CliRun.Result env =
        CliRun.in(dir)
            .env(Map.of("HERALD_KEY", "from-the-ci-0123456789-0123456789"))
            .run("check", Samples.TEMPLATE);
    assertContains(env.out(), "Key:      HERALD_KEY (environment)");
    for (CliRun.Result r : List.of(before, preview, after, env)) {
      assertFalse(r.all().contains(secret), r::toString);
      assertFalse(r.all().contains("from-the-ci-0123456789"), r::toString);
    }
    // nor in any file herald wrote but the key file itself
    try (var files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        if (!p.equals(dir.resolve(FolderKey.FILE))) {
          assertFalse(
              new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(secret),
              p::toString);
        }
      }
    }
  }

  @Test
  void aMalformedHeraldKeyStopsACommandWithExit2() {
    Samples.copyTo(dir);
    CliRun.Result r =
        CliRun.in(dir).env(Map.of("HERALD_KEY", "too-short")).run("preview", Samples.TEMPLATE);
    assertEquals(2, r.exitCode(), r::toString);
    assertContains(r.err(), "HERALD_KEY in the environment is too short");
    assertFalse(r.all().contains("too-short"), r::toString);
  }
}
