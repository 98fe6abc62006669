package dev.herald.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Samples;
import dev.herald.testing.TestCertificate;
import dev.herald.testing.TestCertificates;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained image of {@code mvn package -Pimage}, on a PATH without Java: it starts, sends
 * over STARTTLS, and its runtime holds the modules herald loads by name. Skipped when the image was
 * not built (a plain {@code mvn verify}: jlink takes too long to run on every build).
 */
class ImageIT {
  static Path image;

  @BeforeAll
  static void find() {
    image = Samples.projectRoot().resolve("target/herald-" + Dist.version() + "-image");
    Assumptions.assumeTrue(
        Files.isDirectory(image), "skipped: no image; mvn verify -Pimage builds and tests it");
  }

  private static Map<String, String> noJava(Path tmp) throws Exception {
    return Map.of(
        "PATH", Dist.toolsWithoutJava(tmp.resolve("tools")).toString(), "HOME", tmp.toString());
  }

  @Test
  void startsWithoutAJavaOnTheMachine(@TempDir Path tmp) throws Exception {
    Dist.Result r =
        Dist.run(tmp, noJava(tmp), true, image.resolve("bin/herald").toString(), "--help");
    assertEquals(0, r.exit(), r.all());
    TestFiles.assertContains(r.out(), "Exit codes:");
  }

  @Test
  void itsRuntimeHoldsTheModulesLoadedByName(@TempDir Path tmp) {
    Dist.Result r =
        Dist.run(tmp, Map.of(), image.resolve("runtime/bin/java").toString(), "--list-modules");
    for (String m :
        new String[] {"jdk.crypto.ec", "jdk.charsets", "jdk.localedata", "jdk.naming.dns"}) {
      assertTrue(r.out().contains(m + "@"), m + " is missing: " + r.out());
    }
  }

  @Test
  void sendsOverTls(@TempDir Path tmp) throws Exception {
    Samples.copyTo(tmp);
    TestCertificate cert = TestCertificates.selfSigned(tmp.resolve("certs"));
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().startTls(cert.serverContext()).requireTls().start()) {
      Dist.Result r =
          Dist.run(
              tmp,
              noJava(tmp),
              true,
              image.resolve("bin/herald").toString(),
              "send",
              Samples.TEMPLATE,
              "--smtp-host",
              server.host(),
              "--smtp-port",
              String.valueOf(server.port()),
              "--smtp-security",
              "starttls",
              "--smtp-ca",
              cert.pemFile().toString(),
              "--yes");
      assertEquals(0, r.exit(), r.all());
      assertEquals(15, server.acceptedCount());
      assertEquals(server.connectionCount(), server.tlsConnectionCount());
    }
  }
}
