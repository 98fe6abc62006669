package dev.herald.cli;

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

  /** The person named, refused (exit 2) if it is not an address at all. */
  Person person() {
    String e = email.strip();
    if (e.isEmpty() || e.indexOf('@') <= 0 || e.indexOf('@') == e.length() - 1) {
      throw HeraldException.input(
          "EMAIL: '" + dev.herald.Display.oneLine(e) + "' is not an email address");
    }
    return new Person(e);
  }

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
