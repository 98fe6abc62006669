package dev.herald.contacts;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.FolderKey;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.csv.Cells;
import dev.herald.csv.DurableAppend;
import dev.herald.identity.EmailAddress;
import dev.herald.identity.Forgotten;
import dev.herald.identity.Invisible;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The suppression list: addresses that are never mailed, ever. The working folder's {@code
 * contacts/optout.csv} (or the file the {@code optout.file} setting names) applies to every
 * command, wherever the contact file lies; a legacy {@code optout.csv} beside a contact file
 * elsewhere applies as well. Columns {@code email} (required), {@code reason}, {@code date}.
 *
 * <p>Entries are compared by their key ({@link EmailAddress#key}). Because a broken list could let
 * someone who opted out be mailed, a malformed row stops the run; an address holding an invisible
 * character is the exception: it is matched by its key, with a warning, since a list that stops
 * every command is no safer.
 *
 * <p>An entry left by {@code herald forget} is a pseudonym ({@link Forgotten}), not an address: it
 * suppresses the address whose keyed hash it is, so a list that holds one must be loaded with the
 * working folder's key, and one made under another key stops the run rather than go unmatched.
 */
public final class OptOutList {
  public static final String FILE_NAME = "optout.csv";

  /** The working folder's list, unless the {@code optout.file} setting names another. */
  public static final String DEFAULT_PATH = "contacts/" + FILE_NAME;

  /** The columns of a list herald creates. */
  private static final List<String> COLUMNS = List.of("email", "reason", "date");

  /** A reason longer than this is cut, so that an entry never outgrows the field limit. */
  private static final int MAX_REASON = 500;

  /** One file the list was read from. */
  public record Source(Path file, int entries, boolean exists) {}

  /** A list that cannot be read: it names the file, so that the problem is reported there. */
  public static final class Unreadable extends HeraldException {
    private final transient Path file;

    Unreadable(Path file, String message, Throwable cause) {
      super(ExitCodes.INPUT, message, cause);
      this.file = file;
    }

    public Path file() {
      return file;
    }
  }

  private final Path file;
  private final List<String> header;
  private final List<Source> sources;
  private final Set<String> keys;
  private final Set<String> asWritten;
  private final List<String> warnings;

  /** The files this list was read from, with the limits, to read them again when they change. */
  private List<Path> files = List.of();

  private InputLimits limits = InputLimits.DEFAULT;

  /** Each file's modification time and size when read: what {@link #fresh} compares. */
  private List<String> stamps = List.of();

  private Map<String, String> hashed = Map.of(); // forget's pseudonyms, each with file and line
  private FolderKey key; // what the pseudonyms are matched with; null if the caller gave none

  private OptOutList(
      Path file,
      List<String> header,
      List<Source> sources,
      Set<String> keys,
      Set<String> asWritten,
      List<String> warnings) {
    this.file = file;
    this.header = header;
    this.sources = List.copyOf(sources);
    this.keys = keys;
    this.asWritten = asWritten;
    this.warnings = List.copyOf(warnings);
  }

  /** Where lists used to be looked for: beside the contact file. */
  public static Path besides(Path contacts) {
    Path dir = contacts.toAbsolutePath().getParent();
    return dir.resolve(FILE_NAME);
  }

  /**
   * The lists that apply: {@code main} (the working folder's), then a legacy {@code optout.csv}
   * beside {@code contacts} if one exists and is another file. More suppression is the safe side.
   */
  public static List<Path> locate(Path main, Path contacts) {
    List<Path> files = new ArrayList<>();
    files.add(main.toAbsolutePath().normalize());
    if (contacts != null) {
      Path legacy = besides(contacts).normalize();
      if (Files.isRegularFile(legacy) && !same(legacy, files.get(0))) {
        files.add(legacy);
      }
    }
    return List.copyOf(files);
  }

  private static boolean same(Path a, Path b) {
    if (a.equals(b)) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** Loads one list; a missing file is an empty list. */
  public static OptOutList load(Path file, InputLimits limits) {
    return load(List.of(file), limits);
  }

  /**
   * Loads the lists in {@code files} as one; missing files are empty. {@link #add} writes to the
   * first.
   */
  public static OptOutList load(List<Path> files, InputLimits limits) {
    return load(files, limits, null);
  }

  /**
   * Loads the lists as {@link #load(List, InputLimits)} does, matching the entries {@code herald
   * forget} left with {@code key}.
   *
   * @throws Unreadable if an entry left by forget was made under another key: the address it stands
   *     for could not be told apart, and would be mailed
   */
  public static OptOutList load(List<Path> files, InputLimits limits, FolderKey key) {
    Map<String, String> hashed = new LinkedHashMap<>();
    Set<String> keys = new HashSet<>();
    Set<String> asWritten = new HashSet<>();
    List<String> warnings = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    List<String> header = COLUMNS;
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      if (!Files.exists(f)) {
        sources.add(new Source(f, 0, false));
        continue;
      }
      List<String> h = read(f, limits, keys, asWritten, hashed, warnings, sources);
      if (i == 0) {
        header = h;
      }
    }
    OptOutList list = new OptOutList(files.get(0), header, sources, keys, asWritten, warnings);
    list.files = List.copyOf(files);
    list.limits = limits;
    list.stamps = stamps(files);
    list.hashed = hashed;
    list.key = key;
    for (Map.Entry<String, String> e : hashed.entrySet()) {
      if (key != null && !Forgotten.madeWith(key, e.getKey())) {
        throw new Unreadable(files.get(0), e.getValue() + ": " + Forgotten.otherKey(key), null);
      }
    }
    return list;
  }

  /**
   * This list, or the list read again if any of its files changed since: an address added while a
   * send waits at its question, or during a long run (by {@code optout add} or {@code interviews
   * fetch}), is suppressed from then on.
   *
   * @throws dev.herald.HeraldException exit 2 if a changed file cannot be read
   */
  public OptOutList fresh() {
    return stamps.equals(stamps(files)) ? this : load(files, limits, key);
  }

  private static List<String> stamps(List<Path> files) {
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      try {
        out.add(Files.getLastModifiedTime(f).toMillis() + "/" + Files.size(f));
      } catch (IOException e) {
        out.add("missing"); // a stamp no existing file has: the file's appearing counts as a change
      }
    }
    return out;
  }

  private static List<String> read(
      Path file,
      InputLimits limits,
      Set<String> keys,
      Set<String> asWritten,
      Map<String, String> hashed,
      List<String> warnings,
      List<Source> sources) {
    StringBuilder errors = new StringBuilder();
    int entries = 0;
    List<String> header;
    try (ContactFile csv =
        ContactFile.open(file, limits, true).checkingAddressesWith(OptOutList::readable)) {
      header = csv.header();
      for (ContactFile.Row row : csv) {
        if (!row.ok()) {
          errors.append("\n  ").append(row.problem());
          continue;
        }
        entries++;
        String cell = row.contact().email();
        if (Forgotten.isToken(cell)) {
          hashed.putIfAbsent(cell.strip().toLowerCase(Locale.ROOT), row.contact().where());
          continue;
        }
        // herald writes an address such as =2+5@news.example as '=2+5@…, against spreadsheets,
        // and 'bob@… as ''bob@…; an older list may hold 'bob@… as it was. Both readings count.
        String address = Cells.unguard(cell);
        keys.add(EmailAddress.key(address));
        if (cell.startsWith("'") && Cells.neutralise(address).equals(address)) {
          // An apostrophe before an ordinary character: older versions of herald wrote 'bob@…
          // as it was, so this may be the address itself.
          asWritten.add(EmailAddress.key(cell));
        }
        int hidden = Invisible.find(address);
        if (hidden >= 0) {
          warnings.add(
              row.contact().where()
                  + ": '"
                  + Invisible.visible(address)
                  + "' contains an invisible character ("
                  + Invisible.describe(address.codePointAt(hidden))
                  + "); it suppresses "
                  + EmailAddress.key(address)
                  + " and every spelling of it");
        }
      }
    } catch (Unreadable e) {
      throw e;
    } catch (HeraldException e) {
      throw new Unreadable(file, e.getMessage(), e);
    }
    if (errors.length() > 0) {
      throw new Unreadable(
          file,
          "the suppression list "
              + Display.path(file)
              + " has malformed rows; fix them so that nobody who opted out is mailed:"
              + errors,
          null);
    }
    sources.add(new Source(file, entries, true));
    return header;
  }

  /**
   * Whether an opt-out cell names an address: as written or without the apostrophe of the formula
   * guard, and with any invisible character left out (those are warned about instead).
   */
  private static Optional<String> readable(String cell) {
    if (Forgotten.isToken(cell)) {
      return Optional.empty();
    }
    Optional<String> guarded =
        EmailAddress.problem(Invisible.strip(Cells.unguard(cell), cp -> false));
    if (guarded.isEmpty() || EmailAddress.problem(Invisible.strip(cell, cp -> false)).isEmpty()) {
      return Optional.empty();
    }
    return guarded;
  }

  /**
   * Whether herald may write {@code address} to an opt-out list: only an address that it would read
   * back as the same key without a warning, so that an entry never makes the list unreadable (and
   * with it every command). Callers that take addresses from mail (bounces, replies) check this
   * before {@link #add}.
   */
  public static boolean canHold(String address) {
    return address != null && EmailAddress.problem(address).isEmpty();
  }

  /** Where {@link #add} writes: the working folder's list. */
  public Path file() {
    return file;
  }

  /** Every list read, in order, with its number of entries. */
  public List<Source> sources() {
    return sources;
  }

  /** Entries matched despite an invisible character, each naming its file and line. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Whether the address is suppressed: by its key, or by the pseudonym {@code herald forget} left.
   *
   * @throws IllegalStateException if the list holds pseudonyms and was loaded without the key
   */
  public boolean contains(String email) {
    String k = EmailAddress.key(email);
    return keys.contains(k) || asWritten.contains(k) || forgotten(email);
  }

  private boolean forgotten(String email) {
    if (hashed.isEmpty()) {
      return false;
    }
    if (key == null) {
      throw new IllegalStateException(
          "an opt-out list with entries left by herald forget must be loaded with the key");
    }
    return hashed.containsKey(Forgotten.token(key, email));
  }

  /** Whether the list holds this pseudonym ({@link Forgotten#token}), in any case. */
  public boolean holdsPseudonym(String token) {
    return hashed.containsKey(token.strip().toLowerCase(Locale.ROOT));
  }

  /** How many distinct addresses the lists hold, those left by {@code herald forget} included. */
  public int size() {
    return keys.size() + hashed.size();
  }

  /**
   * Adds an address (if not already there), appending a row with the reason and date to {@link
   * #file}, in its spelling. Returns whether it was added: false if it is already on the list, or
   * if herald could not read it back ({@link #canHold}), which is never written.
   */
  public boolean add(String email, String reason, LocalDate date) {
    if (!canHold(email)) {
      return false;
    }
    String key = EmailAddress.key(email);
    if (keys.contains(key) || this.key != null && forgotten(email)) {
      return false;
    }
    List<String> cells = new ArrayList<>();
    for (String column : header) {
      cells.add(
          switch (column.toLowerCase(Locale.ROOT)) {
            case "email" -> email;
            case "reason" -> readableReason(reason);
            case "date" -> date.toString();
            default -> "";
          });
    }
    try {
      DurableAppend.append(file, COLUMNS, Cells.line(cells));
    } catch (IOException e) {
      throw HeraldException.input(
          "cannot add " + key + " to " + Display.path(file) + ": " + e.getMessage(), e);
    }
    keys.add(key);
    return true;
  }

  /** An entry to add: the address as spelt, the reason and the date it is kept with. */
  public record NewEntry(String email, String reason, LocalDate date) {}

  /**
   * Adds the entries not already on the list (by key; the first of repeats wins) in one durable
   * append, as {@link #add} writes one: one write, forced to disk before it returns, so a crash
   * leaves the list as it was or with the new rows (at worst the last of them cut short, which
   * herald reads as a malformed row and names). Entries herald could not read back ({@link
   * #canHold}) are never written. Returns how many were added.
   */
  public int addAll(List<NewEntry> entries) {
    StringBuilder lines = new StringBuilder();
    Set<String> added = new HashSet<>();
    for (NewEntry e : entries) {
      String key = canHold(e.email()) ? EmailAddress.key(e.email()) : null;
      if (key == null || contains(e.email()) || !added.add(key)) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (String column : header) {
        cells.add(
            switch (column.toLowerCase(Locale.ROOT)) {
              case "email" -> e.email();
              case "reason" -> readableReason(e.reason());
              case "date" -> e.date().toString();
              default -> "";
            });
      }
      lines.append(Cells.line(cells));
    }
    if (added.isEmpty()) {
      return 0;
    }
    try {
      DurableAppend.append(file, COLUMNS, lines.toString());
    } catch (IOException e) {
      throw HeraldException.input(
          "cannot add "
              + added.size()
              + " addresses to "
              + Display.path(file)
              + ": "
              + e.getMessage()
              + "; the list is as it was, or holds some of them (run again: only new ones are added)",
          e);
    }
    keys.addAll(added);
    return added.size();
  }

  /**
   * The reason as the list can hold it: the contact reader refuses NUL and undecodable text in any
   * cell, and a cell over the field limit, so none of those may be written.
   */
  private static String readableReason(String reason) {
    String r = reason == null ? "" : reason.replace('\0', ' ').replace('\uFFFD', '?');
    r = Invisible.strip(r, cp -> false);
    if (r.length() > MAX_REASON) {
      int end = Character.isHighSurrogate(r.charAt(MAX_REASON - 1)) ? MAX_REASON - 1 : MAX_REASON;
      r = r.substring(0, end) + "…";
    }
    return r;
  }
}
