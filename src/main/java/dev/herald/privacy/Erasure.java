package dev.herald.privacy;

import dev.herald.Display;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.csv.AtomicReplace;
import dev.herald.csv.LogFile;
import dev.herald.identity.Forgotten;
import dev.herald.identity.MessageIds;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalEntry;
import dev.herald.journal.JournalRewrite;
import dev.herald.replies.ReplyLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What {@code herald forget} does to a working folder, file by file, each replaced in one step
 * ({@link AtomicReplace}): the opt-out list first (the address out, its pseudonym in), so that a
 * crash at any later point leaves the address suppressed; then the journal, the reply log and the
 * interview log, pseudonymised (the address becomes the pseudonym, names, notes and subjects are
 * dropped, every count stays true); then the contact lists under {@code contacts/} lose the
 * address's rows; then the outbox and preview copies are deleted. Running it again completes
 * whatever a crash left undone, and changes nothing after that.
 *
 * <p>The caller holds the journal's lock and those of the reply and interview logs ({@link
 * ForgetLocks}), so no run appends to them meanwhile.
 */
public final class Erasure {
  /** The reason written beside the pseudonym in the opt-out list. */
  static final String REASON = "erased on request (herald forget)";

  private final Places places;
  private final Person person;
  private final FolderKey key;
  private final Holdings held;
  private final String token;
  private final Path backup;

  /**
   * @param backup where to copy each file before it changes, or null for no copy
   */
  public Erasure(Places places, Person person, FolderKey key, Holdings held, Path backup) {
    this.places = places;
    this.person = person;
    this.key = key;
    this.held = held;
    this.token = Forgotten.token(key, person.address());
    this.backup = backup;
  }

  /** The pseudonym that stands for the address. */
  public String token() {
    return token;
  }

  /** Whether the pseudonym still has to be added to the opt-out list. */
  public boolean addsPseudonym() {
    return held.suppression().stream().noneMatch(Holdings.Suppression::pseudonym);
  }

  /** The CSV contact lists that lose rows, each with the lines of those rows. */
  public Map<Path, Set<Long>> contactRows() {
    Map<Path, Set<Long>> rows = new LinkedHashMap<>();
    for (Holdings.ContactRow r : held.contacts()) {
      if (!r.spreadsheet()) {
        rows.computeIfAbsent(r.file(), f -> new TreeSet<>()).add(r.line());
      }
    }
    return rows;
  }

  /** The spreadsheets that hold rows of the address, which herald does not rewrite. */
  public List<String> spreadsheetRows() {
    return held.contacts().stream()
        .filter(Holdings.ContactRow::spreadsheet)
        .map(Holdings.ContactRow::where)
        .toList();
  }

  /**
   * Does it, in the order above, telling {@code done} what each step changed as soon as its file is
   * replaced. Returns the files that were not changed by herald but still hold the address (a
   * spreadsheet, a note, the preview index), for the user to edit.
   */
  public List<Path> run(LocalDate today, Journal.Lock journal, Consumer<String> done) {
    optOut(today, done);
    if (!held.sends().isEmpty()) {
      keep(journal.file());
    }
    int lines = JournalRewrite.rewrite(journal, this::entry);
    if (lines > 0) {
      done.accept(count(lines, "line") + " pseudonymised in " + Display.path(journal.file()));
    }
    rewriteReplyLog(done);
    rewriteInterviewLog(done);
    for (Map.Entry<Path, Set<Long>> e : contactRows().entrySet()) {
      removeRows(e.getKey(), e.getValue(), done);
    }
    for (Path copy : held.copies()) {
      keep(copy);
      try {
        Files.deleteIfExists(copy);
      } catch (IOException e) {
        throw HeraldException.input(Display.path(copy) + ": cannot delete: " + e.getMessage(), e);
      }
      done.accept("deleted " + Display.path(copy));
    }
    List<Path> still = new ArrayList<>();
    for (Path f : TextScan.mentioning(places.workdir(), person)) {
      if (backup == null || !f.startsWith(backup)) {
        still.add(f);
      }
    }
    for (Holdings.ContactRow r : held.contacts()) {
      if (r.spreadsheet() && !still.contains(r.file())) {
        still.add(r.file());
      }
    }
    return still;
  }

  private void optOut(LocalDate today, Consumer<String> done) {
    for (int i = 0; i < places.optOut().size(); i++) {
      Path file = places.optOut().get(i);
      OptOutRows list = OptOutRows.read(file);
      List<List<String>> rows = new ArrayList<>();
      int removed = 0;
      for (OptOutRows.Row r : list.rows()) {
        if (person.is(list.value(r, "email"))) {
          removed++;
        } else {
          rows.add(r.values());
        }
      }
      boolean add = i == 0 && addsPseudonym();
      if (add) {
        List<String> row = new ArrayList<>();
        for (String column : list.header()) {
          String c = column.strip().toLowerCase(java.util.Locale.ROOT);
          row.add(
              c.equals("email")
                  ? token
                  : c.equals("reason") ? REASON : c.equals("date") ? today.toString() : "");
        }
        rows.add(row);
      }
      if (add || removed > 0) {
        replace(file, OptOutRows.text(list.header(), rows));
        done.accept(
            Display.path(file)
                + ": "
                + (add ? "the pseudonym added" : "")
                + (add && removed > 0 ? ", " : "")
                + (removed > 0 ? count(removed, "entry") + " of the address removed" : ""));
      }
    }
  }

  private JournalEntry entry(JournalEntry e) {
    if (!person.is(e.recipient())) {
      return e;
    }
    String id = e.messageId();
    boolean keyed =
        !id.isEmpty()
            && MessageIds.isKeyed(key, id, e.campaign(), e.recipient())
            && !person.mentionedIn(id);
    return new JournalEntry(
        e.time(),
        e.campaign(),
        token,
        e.outcome(),
        person.redact(e.reply(), token),
        id.isEmpty() || keyed ? id : Forgotten.messageId(key, id),
        e.template(),
        e.templateHash(),
        "",
        "",
        "");
  }

  private String id(String messageId) {
    return messageId.isEmpty() || !person.mentionedIn(messageId)
        ? messageId
        : Forgotten.messageId(key, messageId);
  }

  private void rewriteReplyLog(Consumer<String> done) {
    Path file = places.replyLog();
    List<List<String>> rows = new ArrayList<>();
    int[] changed = {0};
    LogFile.forEach(
        file,
        ReplyLog.COLUMNS,
        6,
        "a reply log",
        row -> {
          List<String> v = new ArrayList<>(row.values());
          if (person.is(v.get(2)) || person.is(v.get(7))) {
            changed[0]++;
            v.set(2, person.is(v.get(2)) ? token : v.get(2));
            v.set(7, person.is(v.get(7)) ? token : v.get(7));
            v.set(4, id(v.get(4)));
            v.set(5, "");
            v.set(6, person.redact(v.get(6), token));
          }
          rows.add(v);
        });
    if (changed[0] > 0) {
      replace(file, LogFile.text(ReplyLog.COLUMNS, rows));
      done.accept(count(changed[0], "reply") + " pseudonymised in " + Display.path(file));
    }
  }

  private void rewriteInterviewLog(Consumer<String> done) {
    InterviewLog log = new InterviewLog(places.interviewLog());
    List<Interview> rows = new ArrayList<>();
    int changed = 0;
    for (Interview i : log.read()) {
      Interview after = interview(i);
      changed += after.equals(i) ? 0 : 1;
      rows.add(after);
    }
    if (changed > 0) {
      replace(log.file(), InterviewLog.csv(rows));
      done.accept(count(changed, "interview") + " pseudonymised in " + Display.path(log.file()));
    }
  }

  private Interview interview(Interview i) {
    boolean theirs = person.is(i.email());
    if (!theirs && !person.is(i.replyFrom()) && !person.is(i.forwardedBy())) {
      return i;
    }
    return new Interview(
        i.id(),
        i.loggedAt(),
        i.campaign(),
        theirs ? token : i.email(),
        theirs ? "" : i.name(),
        theirs ? "" : i.outlet(),
        theirs ? "" : person.redact(i.topic(), token),
        i.status(),
        i.when(),
        i.source(),
        id(i.messageId()),
        theirs ? "" : person.redact(i.note(), token),
        person.is(i.replyFrom()) ? token : i.replyFrom(),
        person.is(i.forwardedBy()) ? token : i.forwardedBy());
  }

  private void removeRows(Path file, Set<Long> lines, Consumer<String> done) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (!CsvRows.rewritable(bytes)) {
        return; // UTF-16: the final search lists it for the user to edit
      }
      byte[] after = CsvRows.without(bytes, lines);
      keep(file);
      AtomicReplace.replace(file, out -> out.write(after));
    } catch (IOException e) {
      throw HeraldException.input(
          Display.path(file) + ": cannot write: " + e.getMessage() + "; it is unchanged", e);
    }
    done.accept(Display.path(file) + ": " + count(lines.size(), "row") + " of the address removed");
  }

  private void replace(Path file, String text) {
    keep(file);
    LogFile.replace(file, text);
  }

  /** Copies {@code file} into the backup folder first, if one was asked for. */
  private void keep(Path file) {
    if (backup == null || !Files.exists(file)) {
      return;
    }
    Path rel = places.workdir().relativize(file.toAbsolutePath().normalize());
    Path target =
        backup.resolve(
            rel.startsWith("..") ? Path.of("outside", file.getFileName().toString()) : rel);
    try {
      Files.createDirectories(target.getParent());
      Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw HeraldException.input(
          Display.path(target) + ": cannot back up " + Display.path(file) + ": " + e.getMessage(),
          e);
    }
  }

  static String count(int n, String what) {
    String plural =
        what.endsWith("y") && !what.endsWith("ey")
            ? what.substring(0, what.length() - 1) + "ies"
            : what + "s";
    return n + " " + (n == 1 ? what : plural);
  }
}
