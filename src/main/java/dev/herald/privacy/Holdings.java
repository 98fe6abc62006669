package dev.herald.privacy;

import dev.herald.interviews.Interview;
import dev.herald.journal.JournalEntry;
import dev.herald.replies.ReplyLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything herald holds about one person, found by {@link PersonSearch}: what {@code herald
 * export-person} prints and {@code herald forget} changes.
 *
 * @param contacts rows of contact lists whose email is the address
 * @param sends journal lines whose recipient is the address
 * @param replies reply log rows whose recipient or sender is the address
 * @param interviews interview log rows whose contact, sender or forwarding recipient is the address
 * @param suppression opt-out entries: the address, or the pseudonym forget left for it
 * @param copies outbox and preview files of messages to the address
 * @param unread files under {@code contacts/} that could not be read as contact lists, with why
 */
public record Holdings(
    List<ContactRow> contacts,
    List<JournalEntry> sends,
    List<ReplyLog.Entry> replies,
    List<Interview> interviews,
    List<Suppression> suppression,
    List<Path> copies,
    List<String> unread) {

  /** A row of a contact list: where it is and all its columns. */
  public record ContactRow(Path file, long line, String where, Map<String, String> values) {
    /** Whether the row is in a spreadsheet, which herald does not rewrite. */
    public boolean spreadsheet() {
      return file.getFileName()
          .toString()
          .toLowerCase(java.util.Locale.ROOT)
          .matches(".*\\.xls[xm]");
    }
  }

  /** An opt-out entry: the address, or ({@code pseudonym}) the hash forget left in its place. */
  public record Suppression(
      Path file, long line, String entry, String reason, String date, boolean pseudonym) {}

  public Holdings {
    contacts = List.copyOf(contacts);
    sends = List.copyOf(sends);
    replies = List.copyOf(replies);
    interviews = List.copyOf(interviews);
    suppression = List.copyOf(suppression);
    copies = List.copyOf(copies);
    unread = List.copyOf(unread);
  }

  /** Whether herald holds anything at all about the person. */
  public boolean nothing() {
    return contacts.isEmpty()
        && sends.isEmpty()
        && replies.isEmpty()
        && interviews.isEmpty()
        && suppression.isEmpty()
        && copies.isEmpty();
  }

  /** Whether herald holds anything that names the address (not only forget's pseudonym). */
  public boolean onlyPseudonym() {
    return !suppression.isEmpty()
        && suppression.stream().allMatch(Suppression::pseudonym)
        && contacts.isEmpty()
        && sends.isEmpty()
        && replies.isEmpty()
        && interviews.isEmpty()
        && copies.isEmpty();
  }
}
