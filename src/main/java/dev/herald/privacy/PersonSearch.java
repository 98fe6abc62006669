package dev.herald.privacy;

import dev.herald.Display;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.contacts.ContactFile;
import dev.herald.identity.Forgotten;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.JournalReader;
import dev.herald.replies.ReplyLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds everything a working folder holds about one person ({@link Holdings}), comparing addresses
 * by their key, and learns the spellings and names met on the way ({@link Person}), so that free
 * text can be searched for them too. Reads only.
 */
public final class PersonSearch {
  /** The files under {@code contacts/} read as contact lists. */
  private static final Pattern LIST = Pattern.compile(".*\\.(csv|tsv|txt|xlsx|xlsm)");

  private PersonSearch() {}

  /**
   * What herald holds about {@code person} in {@code places}.
   *
   * @throws HeraldException exit 2 if the journal or a log cannot be read
   */
  public static Holdings find(Places places, Person person, FolderKey key, InputLimits limits) {
    List<Holdings.ContactRow> contacts = new ArrayList<>();
    List<String> unread = new ArrayList<>();
    for (Path file : contactLists(places)) {
      // a row whose address no send would take (an invisible character, a trailing dot) is still
      // about the person when its key is theirs: an access request shows it, and forget removes it
      try (ContactFile list =
          ContactFile.open(file, limits).checkingAddressesWith(a -> Optional.empty())) {
        for (ContactFile.Row row : list) {
          if (row.ok() && person.is(row.contact().email())) {
            var c = row.contact();
            contacts.add(new Holdings.ContactRow(file, c.line(), c.where(), c.values()));
            person.spelling(c.email());
            person.name(c.name());
          }
        }
      } catch (HeraldException e) {
        unread.add(Display.oneLine(e.getMessage()));
      }
    }
    List<JournalEntry> sends = new ArrayList<>();
    JournalReader.forEach(
        places.journal(),
        e -> {
          if (person.is(e.recipient())) {
            sends.add(e);
            person.spelling(e.recipient());
          }
        });
    List<ReplyLog.Entry> replies = new ArrayList<>();
    new ReplyLog(places.replyLog())
        .forEach(
            e -> {
              if (person.is(e.email()) || person.is(e.from())) {
                replies.add(e);
                (person.is(e.email()) ? List.of(e.email()) : List.of(e.from()))
                    .forEach(person::spelling);
              }
            });
    List<Interview> interviews = new ArrayList<>();
    for (Interview i : new InterviewLog(places.interviewLog()).read()) {
      if (person.is(i.email()) || person.is(i.replyFrom()) || person.is(i.forwardedBy())) {
        interviews.add(i);
        if (person.is(i.email())) {
          person.spelling(i.email());
          person.name(i.name());
        }
      }
    }
    String token = Forgotten.token(key, person.address());
    List<Holdings.Suppression> suppression = new ArrayList<>();
    for (Path file : places.optOut()) {
      OptOutRows list = OptOutRows.read(file);
      for (OptOutRows.Row row : list.rows()) {
        String entry = list.value(row, "email").strip();
        boolean pseudonym = entry.equalsIgnoreCase(token);
        if (pseudonym || person.is(entry)) {
          suppression.add(
              new Holdings.Suppression(
                  file,
                  row.line(),
                  entry,
                  list.value(row, "reason"),
                  list.value(row, "date"),
                  pseudonym));
          if (!pseudonym) {
            person.spelling(entry);
          }
        }
      }
    }
    List<Path> copies = new ArrayList<>();
    for (Path folder : places.copies()) {
      for (Path f : files(folder)) {
        // named for the person, and mentioning them: file names keep only ASCII letters and digits,
        // so joerg@straße.example and joerg@straöe.example share one
        if (person.ownsCopy(f.getFileName().toString()) && TextScan.holds(f, person)) {
          copies.add(f);
        }
      }
    }
    return new Holdings(contacts, sends, replies, interviews, suppression, copies, unread);
  }

  /** The contact lists under {@code contacts/}, the opt-out lists left out. */
  static List<Path> contactLists(Places places) {
    List<Path> lists = new ArrayList<>();
    for (Path f : files(places.contacts())) {
      String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
      if (LIST.matcher(name).matches() && !name.startsWith(".") && !isOptOut(places, f)) {
        lists.add(f);
      }
    }
    return lists;
  }

  static boolean isOptOut(Places places, Path f) {
    for (Path o : places.optOut()) {
      try {
        if (o.toAbsolutePath().normalize().equals(f.toAbsolutePath().normalize())
            || Files.exists(o) && Files.isSameFile(o, f)) {
          return true;
        }
      } catch (IOException e) {
        // not the same file
      }
    }
    return f.getFileName().toString().equalsIgnoreCase("optout.csv");
  }

  /** The regular files under {@code folder}, in name order; none if it is missing. */
  static List<Path> files(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(folder)) {
      return all.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      throw HeraldException.input(
          Display.path(folder) + ": cannot list its files: " + e.getMessage(), e);
    }
  }
}
