package dev.herald.cli;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.herald.testing.CliRun;
import dev.herald.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} warns, once, about a release that offers no way to unsubscribe. */
class UnsubscribeCheckTest {
  @TempDir Path dir;

  private static final String HEAD = "Subject: News\nFrom: Press <press@office.example>\n";

  @BeforeEach
  void contacts() {
    TestFiles.write(
        dir, "contacts/media.csv", "email,language\nanna@news.example,en\nola@gazeta.example,pl\n");
  }

  @Test
  void noLinkAndNoHeaderIsOneWarningWithTheFixEvenUnderStrict() {
    TestFiles.write(dir, "templates/release.md", HEAD + "\nHello\n");

    for (String[] args :
        new String[][] {
          {"check", "templates/release.md"}, {"check", "templates/release.md", "--strict"}
        }) {
      CliRun.Result r = CliRun.in(dir).run(args);
      assertEquals(0, r.exitCode(), r::toString);
      assertContains(
          r.out(),
          "templates/release.md: no unsubscribe link: neither {{unsubscribe_link}} nor a"
              + " List-Unsubscribe header");
      assertContains(r.out(), "[Unsubscribe]({{unsubscribe_link}})");
      assertEquals(1, r.out().split("no unsubscribe link", -1).length - 1, r::toString);
    }
  }

  @Test
  void aVariantWithoutOneIsNamed() {
    TestFiles.write(dir, "templates/release.md", HEAD + "\nHello {{unsubscribe_link}}\n");
    TestFiles.write(dir, "templates/release.pl.md", HEAD + "\nDzień dobry\n");

    CliRun.Result r = CliRun.in(dir).run("check", "templates/release.md");

    assertEquals(0, r.exitCode(), r::toString);
    assertContains(r.out(), "templates/release.pl.md: no unsubscribe link");
    assertFalse(r.out().contains("templates/release.md: no unsubscribe"), r::toString);
  }

  @Test
  void theLinkOrTheHeaderIsEnough() {
    TestFiles.write(dir, "templates/a.md", HEAD + "\n[Unsubscribe]({{unsubscribe_link}})\n");
    TestFiles.write(
        dir, "templates/b.md", HEAD + "List-Unsubscribe: https://office.example/u\n\nHello\n");
    for (String t : new String[] {"templates/a.md", "templates/b.md"}) {
      CliRun.Result r = CliRun.in(dir).run("check", t);
      assertEquals(0, r.exitCode(), r::toString);
      assertFalse(r.out().contains("no unsubscribe link"), r::toString);
    }
  }
}
