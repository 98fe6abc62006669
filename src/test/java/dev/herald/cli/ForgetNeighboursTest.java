package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Malformed;
import dev.herald.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald forget} and {@code export-person} among neighbours: addresses that hold the
 * forgotten one as a part ({@code joann@} around {@code ann@}, {@code carla+press@} around {@code
 * press@}, a longer domain), and requests written as a careless press officer pastes them. Another
 * journalist's messages are never listed as the person's, nor deleted; a request that is not one
 * address changes nothing.
 */
class ForgetNeighboursTest {
  @TempDir Path dir;

  private static final String CONTACTS =
      "email,first_name,last_name,outlet\n"
          + "ann@news.example,Ann,Lee,Kurier\n"
          + "joann@news.example,Jo,Kowalska,Kurier\n"
          + "ann@news.example.pl,Ann,Polska,Gazeta\n"
          + "carla+press@news.example,Carla,Rossi,Radio\n"
          + "press@news.example,Desk,Desk,Radio\n";

  @BeforeEach
  void outboxCopies() {
    TestFiles.write(dir, Malformed.TEMPLATE, Malformed.RELEASE);
    TestFiles.write(dir, "contacts/media.csv", CONTACTS);
    TestFiles.write(dir, "contacts/optout.csv", "email,reason,date\n");
    CliRun.Result sent = CliRun.in(dir).run("send", Malformed.TEMPLATE, "--yes");
    assertEquals(0, sent.exitCode(), sent::toString);
    CliRun.Result preview = CliRun.in(dir).run("preview", Malformed.TEMPLATE);
    assertEquals(0, preview.exitCode(), preview::toString);
    assertEquals(5, copies("outbox").size());
  }

  private List<String> copies(String folder) {
    try (Stream<Path> files = Files.walk(dir.resolve(folder))) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".eml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void exportListsOnlyTheCopiesAddressedToThePerson() {
    CliRun.Result r = CliRun.in(dir).run("export-person", "ann@news.example");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "00001-ann-at-news.example.eml");
    assertFalse(r.out().contains("joann-at-news.example"), r::toString);
    assertFalse(r.out().contains("ann-at-news.example.pl"), r::toString);
  }

  @Test
  void forgetDeletesOnlyTheCopiesAddressedToThePerson() {
    CliRun.Result r = CliRun.in(dir).run("forget", "ann@news.example", "--yes");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(
        List.of(
            "00002-joann-at-news.example.eml",
            "00003-ann-at-news.example.pl.eml",
            "00004-carla_press-at-news.example.eml",
            "00005-press-at-news.example.eml"),
        copies("outbox"));
    assertFalse(copies("preview").contains("00001-ann-at-news.example.eml"));
    assertTrue(copies("preview").contains("00002-joann-at-news.example.eml"));

    CliRun.Result desk = CliRun.in(dir).run("forget", "press@news.example", "--yes");

    assertEquals(0, desk.exitCode(), desk::toString);
    assertTrue(copies("outbox").contains("00004-carla_press-at-news.example.eml"), desk::toString);
    assertFalse(copies("outbox").contains("00005-press-at-news.example.eml"), desk::toString);
  }

  @Test
  void aRequestThatIsNotOneAddressChangesNothing() {
    String optOut = TestFiles.read(dir.resolve("contacts/optout.csv"));
    for (String pasted :
        List.of(
            "Ann Lee <ann@news.example>",
            "ann@news.example, joann@news.example",
            "ann@news.example;joann@news.example",
            "<ann@news.example>",
            "ann @news.example")) {
      for (String command : List.of("forget", "export-person")) {
        CliRun.Result r =
            command.equals("forget")
                ? CliRun.in(dir).run("forget", pasted, "--yes")
                : CliRun.in(dir).run("export-person", pasted);

        assertEquals(2, r.exitCode(), () -> pasted + ": " + r);
        assertContains(r.err(), "is not one email address");
      }
    }
    assertEquals(optOut, TestFiles.read(dir.resolve("contacts/optout.csv")));
    assertEquals(5, copies("outbox").size());
  }

  @Test
  void rowsWithOddSpellingsOfTheAddressAreFoundAndRemoved() {
    // rows no send would take (exit 2 until fixed), but still about her
    TestFiles.write(
        dir,
        "contacts/old.csv",
        "email,first_name,last_name\n"
            + "ann\u200b@news.example,Ann,Lee\n"
            + "ANN@News.Example.,Ann,Lee\n"
            + "zed@news.example,Zed,Zee\n");

    CliRun.Result export = CliRun.in(dir).run("export-person", "ann@news.example");

    assertEquals(0, export.exitCode(), export::toString);
    assertContains(export.out(), "contacts/old.csv:2");
    assertContains(export.out(), "contacts/old.csv:3");

    CliRun.Result r = CliRun.in(dir).run("forget", "ann@news.example", "--yes");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(
        "email,first_name,last_name\nzed@news.example,Zed,Zee\n",
        TestFiles.read(dir.resolve("contacts/old.csv")));
  }
}
