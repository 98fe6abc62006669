package dev.herald.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One malformed input and what herald must say about it: the working folder is set up by {@code
 * setup} (on top of a small valid release and contact file), and {@code check} and {@code preview}
 * must both exit 2, name {@code location} exactly and say every one of {@code phrases}.
 */
public record Malformed(String name, Consumer<Path> setup, String location, List<String> phrases) {

  private static final Pattern LOCATION_TWICE =
      Pattern.compile("\\.(?:csv|md)(?::\\d+)*: \\S+\\.(?:csv|md)(?::\\d+)*: ");

  /** The small valid release every case starts from. */
  public static final String TEMPLATE = "templates/release.md";

  public static final String RELEASE =
      "Subject: News for {{outlet}}\n"
          + "From: Press Office <press@herald.example>\n"
          + "Reply-To: press@herald.example\n"
          + "\n"
          + "Dear {{first_name}} {{last_name}},\n"
          + "\n"
          + "Our release for {{outlet}}.\n";

  public static final String HEADER = "email,first_name,last_name,outlet,language\n";

  public static final String CONTACTS =
      HEADER + "anna@news.example,Anna,Nowak,Kurier,pl\nben@news.example,Ben,Smit,Bode,en\n";

  public static Malformed of(
      String name, Consumer<Path> setup, String location, String... phrases) {
    return new Malformed(name, setup, location, List.of(phrases));
  }

  @Override
  public String toString() {
    return name;
  }

  /** Writes the valid release and contacts, then this case's changes. */
  public void prepare(Path dir) {
    TestFiles.write(dir, TEMPLATE, RELEASE);
    TestFiles.write(dir, "contacts/media.csv", CONTACTS);
    setup.accept(dir);
  }

  /** Runs check and preview and asserts exit 2, the location and the phrases, and no previews. */
  public void assertReported(Path dir) {
    prepare(dir);
    CliRun.Result check = CliRun.in(dir).run("check", TEMPLATE);
    assertEquals(2, check.exitCode(), check::toString);
    assertMessage(check.all());

    CliRun.Result preview = CliRun.in(dir).run("preview", TEMPLATE);
    assertEquals(2, preview.exitCode(), preview::toString);
    assertMessage(preview.err());
    assertFalse(Files.exists(dir.resolve("preview")), "nothing may be written");
  }

  private void assertMessage(String output) {
    TestFiles.assertNames(output, location);
    for (String p : phrases) {
      TestFiles.assertContains(output, p);
    }
    assertFalse(output.contains("null"), output);
    assertFalse(output.contains("\tat "), output);
    // a location is given once, in front, not wrapped in another file's location
    assertFalse(LOCATION_TWICE.matcher(output).find(), output);
  }
}
