package dev.herald.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.docs.Readme;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip and tar.gz that `mvn package` builds, unpacked and run as a user would. */
class DistributionIT {
  @TempDir static Path unpacked;
  static Path home;

  @BeforeAll
  static void unpack() {
    home = Dist.unpack(unpacked);
  }

  @Test
  void zipAndTarHoldTheSameLayout() throws Exception {
    TreeSet<String> zip = new TreeSet<>();
    try (ZipFile z = new ZipFile(Dist.archive("zip").toFile())) {
      Collections.list(z.entries()).stream()
          .filter(e -> !e.isDirectory())
          .forEach(e -> zip.add(e.getName()));
    }
    TreeSet<String> tar = new TreeSet<>();
    try (Stream<Path> files = Files.walk(home)) {
      files.filter(Files::isRegularFile).forEach(f -> tar.add(unpacked.relativize(f).toString()));
    }
    assertEquals(zip, tar);
    String top = "herald-" + Dist.version() + "/";
    for (String needed :
        List.of(
            "bin/herald",
            "bin/herald.cmd",
            "lib/herald.jar",
            "share/man/man1/herald.1",
            "share/man/man1/herald-send.1",
            "share/bash-completion/completions/herald",
            "share/zsh/site-functions/_herald",
            "README.md")) {
      assertTrue(zip.contains(top + needed), needed + " is missing from the zip: " + zip);
    }
  }

  /**
   * The README's install steps ("Installing"), run by bash as written, in a home folder that has no
   * ~/.local yet, as on a fresh machine: the zip beside them, herald --help at the end.
   */
  @Test
  void theReadmesInstallStepsWorkInAFreshHome(@TempDir Path tmp) throws Exception {
    Dist.requireTool("bash", "bash");
    Dist.requireTool("unzip", "unzip");
    Readme.Block steps =
        Readme.blocks("Installing").stream()
            .filter(b -> b.language().equals("sh") && b.lines().toString().contains("unzip "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("README: no install steps under Installing"));
    Path fresh = Files.createDirectories(tmp.resolve("home"));
    Path downloads = Files.createDirectories(tmp.resolve("downloads"));
    Files.copy(Dist.archive("zip"), downloads.resolve(Dist.archive("zip").getFileName()));
    Dist.Result r =
        Dist.run(
            downloads,
            Map.of("HOME", fresh.toString()),
            "bash",
            "--noprofile",
            "--norc",
            "-euc",
            String.join("\n", steps.lines()));
    assertEquals(0, r.exit(), "README line " + steps.line() + ":\n" + r.all());
    TestFiles.assertContains(r.out(), "Usage: herald");
    assertTrue(Files.isSymbolicLink(fresh.resolve(".local/bin/herald")), r.all());
  }

  @Test
  void launchersHaveTheirPlatformsLineEndsAndModes() throws Exception {
    assertTrue(
        Files.getPosixFilePermissions(home.resolve("bin/herald"))
            .contains(PosixFilePermission.OWNER_EXECUTE));
    assertTrue(!Files.readString(home.resolve("bin/herald")).contains("\r"));
    String cmd = Files.readString(home.resolve("bin/herald.cmd"));
    assertTrue(cmd.contains("\r\n") && !cmd.replace("\r\n", "").contains("\n"), "CRLF only");
  }

  @Test
  void runsThroughASymlinkUnderDash(@TempDir Path elsewhere) throws Exception {
    Dist.requireTool("dash", "dash");
    Path link = Files.createSymbolicLink(elsewhere.resolve("herald"), home.resolve("bin/herald"));
    Dist.Result r = Dist.run(elsewhere, Map.of(), "dash", link.toString(), "--version");
    assertEquals(0, r.exit(), r.all());
    assertEquals("herald " + Dist.version(), r.out().strip());
  }

  @Test
  void followsAChainOfRelativeLinksCalledWithoutAFolder(@TempDir Path elsewhere) throws Exception {
    Dist.requireTool("dash", "dash");
    Path a = Files.createDirectories(elsewhere.resolve("a"));
    Path b = Files.createDirectories(elsewhere.resolve("b"));
    Files.createSymbolicLink(b.resolve("h3"), home.resolve("bin/herald"));
    Files.createSymbolicLink(b.resolve("h2"), Path.of("h3"));
    Files.createSymbolicLink(a.resolve("h1"), Path.of("../b/h2"));
    Dist.Result r = Dist.run(a, Map.of(), "dash", "h1", "--version");
    assertEquals(0, r.exit(), r.all());
    assertEquals("herald " + Dist.version(), r.out().strip());
  }

  @Test
  void aJavaOnThePathReachedByRelativeLinksIsReadFromItsReleaseFile(@TempDir Path tmp)
      throws Exception {
    Path old = echoJava(tmp.resolve("jdk"), "17.0.2");
    // the release file, not `java -version` (which says 17), is what the launcher reads first
    TestFiles.write(old, "release", "JAVA_VERSION=\"11.0.9\"\nIMPLEMENTOR=\"test\"");
    Path path = Dist.toolsWithoutJava(tmp.resolve("tools"));
    Path links = Files.createDirectories(tmp.resolve("links"));
    Files.createSymbolicLink(links.resolve("java"), Path.of("../alt/java"));
    Files.createDirectories(tmp.resolve("alt"));
    Files.createSymbolicLink(tmp.resolve("alt/java"), Path.of("../jdk/bin/java"));
    Dist.Result r =
        Dist.run(
            tmp,
            Map.of("PATH", links + ":" + path, "HOME", tmp.toString()),
            true,
            home.resolve("bin/herald").toString(),
            "--version");
    assertEquals(2, r.exit(), r.all());
    TestFiles.assertContains(r.err(), "is Java 11.0.9");
  }

  @Test
  void realRunsKeepHeraldsExitCodes(@TempDir Path folder) {
    Dist.Result r = Dist.run(folder, Map.of(), home.resolve("bin/herald").toString(), "check", "");
    assertEquals(2, r.exit(), r.all());
    TestFiles.assertContains(r.err(), "herald:");
  }

  /** A Java home whose java prints each argument on a line and exits with the code asked for. */
  private static Path echoJava(Path dir, String version) {
    Dist.script(
        dir.resolve("bin/java"),
        "#!/bin/sh",
        "if [ \"$1\" = -version ]; then echo 'openjdk version \"" + version + "\"' >&2; exit 0; fi",
        "for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done",
        "exit \"${ECHO_JAVA_EXIT:-0}\"");
    return dir;
  }

  @Test
  void argumentsWithSpacesAndQuotesAndTheExitCodePassThrough(@TempDir Path tmp) throws Exception {
    Path javaHome = echoJava(tmp.resolve("jdk"), "17.0.2");
    TestFiles.write(javaHome, "release", "JAVA_VERSION=\"17.0.2\"\n");
    Dist.Result r =
        Dist.run(
            tmp,
            Map.of("JAVA_HOME", javaHome.toString(), "ECHO_JAVA_EXIT", "3"),
            home.resolve("bin/herald").toString(),
            "send",
            "templates/press release.md",
            "--where",
            "outlet=Kurier \"Podlaski\" 'Online'",
            "");
    assertEquals(3, r.exit(), r.all());
    List<String> args = r.out().lines().toList();
    assertEquals(
        List.of(
            "[send]",
            "[templates/press release.md]",
            "[--where]",
            "[outlet=Kurier \"Podlaski\" 'Online']",
            "[]"),
        args.subList(args.size() - 5, args.size()));
    assertTrue(args.contains("[" + home.resolve("lib/herald.jar").toRealPath() + "]"), r.all());
  }

  @Test
  void aJavaOnThePathThatIsTooOldIsNamed(@TempDir Path tmp) throws Exception {
    Path old = echoJava(tmp.resolve("java11"), "11.0.2");
    Path path = Dist.toolsWithoutJava(tmp.resolve("tools"));
    Dist.Result r =
        Dist.run(
            tmp,
            Map.of("PATH", old.resolve("bin") + ":" + path, "HOME", tmp.toString()),
            true,
            home.resolve("bin/herald").toString(),
            "--version");
    assertEquals(2, r.exit(), r.all());
    TestFiles.assertContains(r.err(), "herald needs Java 17 or newer");
    TestFiles.assertContains(r.err(), "is Java 11.0.2");
    assertEquals("", r.out());
  }

  @Test
  void java8sOldVersionFormatIsReadToo(@TempDir Path tmp) throws Exception {
    Path old = echoJava(tmp.resolve("java8"), "1.8.0_452");
    Dist.Result r =
        Dist.run(
            tmp,
            Map.of("JAVA_HOME", old.toString()),
            home.resolve("bin/herald").toString(),
            "--version");
    assertEquals(2, r.exit(), r.all());
    TestFiles.assertContains(r.err(), "is Java 1.8.0_452");
  }

  @Test
  void noJavaAtAllIsSaidPlainly(@TempDir Path tmp) throws Exception {
    Path path = Dist.toolsWithoutJava(tmp.resolve("tools"));
    Dist.Result r =
        Dist.run(
            tmp,
            Map.of("PATH", path.toString(), "HOME", tmp.toString()),
            true,
            home.resolve("bin/herald").toString(),
            "--version");
    assertEquals(2, r.exit(), r.all());
    TestFiles.assertContains(r.err(), "herald needs Java 17 or newer, and found none");
    TestFiles.assertContains(r.err(), "JAVA_HOME");
  }

  @Test
  void aJavaHomeWithoutJavaIsNamed(@TempDir Path tmp) {
    Dist.Result r =
        Dist.run(
            tmp,
            Map.of("JAVA_HOME", tmp.resolve("nowhere").toString()),
            home.resolve("bin/herald").toString(),
            "--version");
    assertEquals(2, r.exit(), r.all());
    TestFiles.assertContains(r.err(), "JAVA_HOME (" + tmp.resolve("nowhere") + ") has no bin/java");
  }

  // The class-data archive (src/dist/cds.sh, README "Performance"): bin/herald passes it to the
  // JVM only when it fits, and one that does not must cost no output and no exit code.

  /** A copy of the distribution's bin/herald and lib/herald.jar, for archives to be put beside. */
  private static Path copyOfTheInstallation(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("bin"));
    Files.createDirectories(dir.resolve("lib"));
    Files.copy(home.resolve("bin/herald"), dir.resolve("bin/herald"));
    Files.copy(
        home.resolve("lib/herald.jar"),
        dir.resolve("lib/herald.jar"),
        StandardCopyOption.COPY_ATTRIBUTES);
    return dir.toRealPath();
  }

  /** Puts ARCHIVE beside the copy's jar with a stamp naming BUILD and the jar, newer than it. */
  private static void archiveBeside(Path install, byte[] archive, String build) throws Exception {
    Path jar = install.resolve("lib/herald.jar");
    Path jsa = install.resolve("lib/herald.jsa");
    Files.write(jsa, archive);
    Files.writeString(install.resolve("lib/herald.jsa.java"), build + "\n" + jar + "\n");
    FileTime later = FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000);
    Files.setLastModifiedTime(jsa, later);
  }

  @Test
  void anArchiveThatFitsIsPassedWithTheJvmsCdsMessagesOff(@TempDir Path tmp) throws Exception {
    Path install = copyOfTheInstallation(tmp.resolve("h"));
    Path javaHome = echoJava(tmp.resolve("jdk"), "17.0.2");
    TestFiles.write(
        javaHome, "release", "JAVA_VERSION=\"17.0.2\"\nJAVA_RUNTIME_VERSION=\"17.0.2+8-test\"\n");
    archiveBeside(install, new byte[] {1}, "17.0.2+8-test");
    Map<String, String> env = Map.of("JAVA_HOME", javaHome.toString());
    String herald = install.resolve("bin/herald").toString();

    List<String> args = Dist.run(tmp, env, herald, "--version").out().lines().toList();
    assertTrue(args.contains("[-XX:SharedArchiveFile=" + install.resolve("lib/herald.jsa") + "]"));
    assertTrue(
        args.contains("[-Xlog:cds=off]") && args.contains("[-Xshare:auto]"), args.toString());

    // another Java build, or a jar newer than the archive: no archive at all
    archiveBeside(install, new byte[] {1}, "17.0.1+12-other");
    assertTrue(!Dist.run(tmp, env, herald, "--version").out().contains("SharedArchiveFile"));
    archiveBeside(install, new byte[] {1}, "17.0.2+8-test");
    Files.setLastModifiedTime(
        install.resolve("lib/herald.jar"),
        FileTime.fromMillis(System.currentTimeMillis() + 120_000));
    assertTrue(!Dist.run(tmp, env, herald, "--version").out().contains("SharedArchiveFile"));
  }

  @Test
  void theStampsJavaSparesFollowingTheLinksButOnlyForThatVeryFile(@TempDir Path tmp)
      throws Exception {
    Path install = copyOfTheInstallation(tmp.resolve("h"));
    Path jdk = echoJava(tmp.resolve("jdk"), "17.0.2");
    TestFiles.write(
        jdk, "release", "JAVA_VERSION=\"17.0.2\"\nJAVA_RUNTIME_VERSION=\"17.0.2+8-test\"\n");
    Path old = echoJava(tmp.resolve("jdk11"), "11.0.2");
    TestFiles.write(old, "release", "JAVA_VERSION=\"11.0.2\"\nJAVA_RUNTIME_VERSION=\"11.0.2+9\"\n");
    Path links = Files.createDirectories(tmp.resolve("links"));
    Path tools = Dist.toolsWithoutJava(tmp.resolve("tools"));
    Map<String, String> env = Map.of("PATH", links + ":" + tools, "HOME", tmp.toString());
    String herald = install.resolve("bin/herald").toString();
    archiveBeside(install, new byte[] {1}, "17.0.2+8-test");
    Path stamp = install.resolve("lib/herald.jsa.java");
    Files.writeString(
        stamp,
        Files.readString(stamp) + jdk.resolve("bin/java").toRealPath() + "\n",
        StandardOpenOption.TRUNCATE_EXISTING);
    Files.setLastModifiedTime(stamp, Files.getLastModifiedTime(install.resolve("lib/herald.jsa")));

    // the java on the PATH is the stamp's, through a link: the archive is used, and the link is
    // not followed (there is no readlink on this PATH, and nothing complains of it)
    Files.createSymbolicLink(links.resolve("java"), jdk.resolve("bin/java"));
    Path bare = Files.createDirectories(tmp.resolve("bare"));
    Files.createSymbolicLink(bare.resolve("sh"), Path.of("/bin/sh"));
    Dist.Result r =
        Dist.run(
            tmp, Map.of("PATH", links + ":" + bare, "HOME", tmp.toString()), true, herald, "-V");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("SharedArchiveFile"), r.all());
    assertEquals("", r.err());

    // another java on the PATH: its own release file decides, found by following its links
    Files.delete(links.resolve("java"));
    Files.createSymbolicLink(links.resolve("java"), old.resolve("bin/java"));
    r = Dist.run(tmp, env, true, herald, "--version");
    assertEquals(2, r.exit(), r.all());
    TestFiles.assertContains(r.err(), "is Java 11.0.2");
  }

  /** This JVM's build, as its release file names it (what bin/herald compares the stamp with). */
  private static String thisJavaBuild() throws Exception {
    Path release = Path.of(System.getProperty("java.home"), "release");
    Assumptions.assumeTrue(Files.isRegularFile(release), "skipped: this Java has no release file");
    String build =
        Files.readAllLines(release).stream()
            .filter(l -> l.startsWith("JAVA_RUNTIME_VERSION="))
            .map(l -> l.substring(l.indexOf('"') + 1, l.lastIndexOf('"')))
            .findFirst()
            .orElse("");
    Assumptions.assumeFalse(build.isEmpty(), "skipped: this Java names no JAVA_RUNTIME_VERSION");
    return build;
  }

  @Test
  void aBrokenOrStaleArchiveIsIgnoredWithoutAWord(@TempDir Path tmp) throws Exception {
    Path install = copyOfTheInstallation(tmp.resolve("h"));
    Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));
    String herald = install.resolve("bin/herald").toString();
    String build = thisJavaBuild();

    archiveBeside(install, "not an archive".getBytes(), build);
    Dist.Result r = Dist.run(tmp, env, herald, "--version");
    assertEquals(0, r.exit(), r.all());
    assertEquals("herald " + Dist.version() + "\n", r.out());
    assertEquals("", r.err());

    // a real archive, made for another jar (the source tree's): the JVM refuses it, silently
    Path made = Samples.projectRoot().resolve("target/herald.jsa");
    if (Files.isRegularFile(made)) {
      archiveBeside(install, Files.readAllBytes(made), build);
      r = Dist.run(tmp, env, herald, "check", "");
      assertEquals(2, r.exit(), r.all());
      assertTrue(!r.out().contains("warning") && !r.out().contains("shared"), r.all());
      assertTrue(r.err().startsWith("herald:") && !r.err().contains("shared archive"), r.all());
    }
  }

  @Test
  void theSourceTreesLauncherStartsFromItsArchive(@TempDir Path tmp) throws Exception {
    Path root = Samples.projectRoot();
    String build = thisJavaBuild();
    Path stamp = root.resolve("target/herald.jsa.java");
    Assumptions.assumeTrue(
        Files.isRegularFile(stamp) && Files.readString(stamp).startsWith(build + "\n"),
        "skipped: no archive made by this Java in target/");
    Path loaded = tmp.resolve("loaded.txt");
    Dist.Result r =
        Dist.run(
            tmp,
            Map.of(
                "JAVA_HOME",
                System.getProperty("java.home"),
                "HERALD_JAVA_OPTS",
                "-Xlog:class+load=info:file=" + loaded),
            root.resolve("bin/herald").toString(),
            "--help");
    assertEquals(0, r.exit(), r.all());
    assertEquals("", r.err());
    TestFiles.assertContains(
        Files.readString(loaded), "dev.herald.Main source: shared objects file");
  }
}
