package dev.herald.cli;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.interviews.InterviewLog;
import dev.herald.privacy.Person;
import dev.herald.privacy.Places;
import dev.herald.replies.ReplyLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Parameters;

/**
 * The person an access or erasure request names ({@code EMAIL}), and where the working folder keeps
 * what herald holds about people: for {@code export-person} and {@code forget}.
 */
public final class PersonPlaces {
  @Parameters(
      index = "0",
      paramLabel = "EMAIL",
      description =
          "The address the request is about; every spelling of it counts (case, Unicode forms,"
              + " the ASCII form of an internationalised domain).")
  String email;

  /**
   * The person named, refused (exit 2) if it is not an address at all, or not one address: a
   * display name and address pasted from a mail client, or a list, would otherwise be compared as
   * one strange address that matches nobody, and forget would keep the real one on file while
   * saying it was forgotten.
   */
  Person person() {
    String e = email.strip();
    if (e.isEmpty() || e.indexOf('@') <= 0 || e.indexOf('@') == e.length() - 1) {
      throw HeraldException.input("EMAIL: '" + Display.oneLine(e) + "' is not an email address");
    }
    int at = e.lastIndexOf('@');
    String local = e.substring(0, at);
    // a quoted local part (RFC 5322 section 3.4.1) may hold spaces and commas; nothing else may
    boolean quoted = local.length() > 1 && local.startsWith("\"") && local.endsWith("\"");
    if (NOT_IN_ONE_ADDRESS.matcher(e.substring(at + 1)).find()
        || !quoted && NOT_IN_ONE_ADDRESS.matcher(local).find()) {
      Matcher inside = ANGLE_ADDRESS.matcher(e);
      throw HeraldException.input(
          "EMAIL: '"
              + Display.oneLine(e)
              + "' is not one email address: give the address alone"
              + (inside.find() ? ", such as " + Display.oneLine(inside.group(1)) : "")
              + ", and one request per address. Nothing was read or changed.");
    }
    return new Person(e);
  }

  /** What separates a display name from its address, or addresses in a list. */
  private static final Pattern NOT_IN_ONE_ADDRESS = Pattern.compile("[\\s<>,;@\"()]");

  private static final Pattern ANGLE_ADDRESS = Pattern.compile("<([^<>\\s,;]+@[^<>\\s,;]+)>");

  /**
   * The places: {@code contacts/}, the journal, the logs, the working folder's opt-out list and
   * every {@code optout.csv} under {@code contacts/} (the first is where forget's pseudonym goes),
   * and {@code outbox/} and {@code preview/}.
   */
  static Places of(HeraldCommand root, Settings settings, Path journal) {
    Path workdir = root.workdir();
    Path contacts = workdir.resolve("contacts");
    List<Path> optOut = new ArrayList<>(List.of(settings.optOutFile(workdir)));
    if (Files.isDirectory(contacts)) {
      try (Stream<Path> all = Files.walk(contacts)) {
        all.filter(f -> f.getFileName().toString().equalsIgnoreCase("optout.csv"))
            .filter(Files::isRegularFile)
            .map(f -> f.toAbsolutePath().normalize())
            .filter(f -> !optOut.contains(f))
            .sorted()
            .forEach(optOut::add);
      } catch (IOException | UncheckedIOException e) {
        throw HeraldException.input("contacts/: cannot list its files: " + e.getMessage(), e);
      }
    }
    return new Places(
        workdir,
        contacts,
        journal,
        root.resolve(Path.of(ReplyLog.DEFAULT_PATH)),
        root.resolve(Path.of(InterviewLog.DEFAULT_PATH)),
        optOut,
        List.of(workdir.resolve("outbox"), workdir.resolve("preview")));
  }
}
