package dev.herald.journal;

import dev.herald.FolderKey;
import dev.herald.identity.UnsubscribeTokens;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which sent message an unsubscribe token belongs to: the journal is read once, and the token of
 * every message the server accepted (or that went out whole without a final reply: {@code unknown})
 * is computed under the folder's key ({@link UnsubscribeTokens}) and compared. A token that matches
 * none was never given to anybody by this folder: forged, made under another key, or for a message
 * that was never sent. Memory depends on the tokens asked for, not on the length of the journal.
 */
public final class SentTokens {
  private SentTokens() {}

  /**
   * The journal line of the message each of {@code tokens} (lower case) was sent in: the latest
   * {@code sent} or {@code unknown} line of that campaign and recipient. Tokens that match none are
   * left out. A missing journal matches nothing.
   */
  public static Map<String, JournalEntry> resolve(Path journal, Set<String> tokens, FolderKey key) {
    Map<String, JournalEntry> found = new HashMap<>();
    if (tokens.isEmpty()) {
      return found;
    }
    // The same campaign and recipient appear on several lines (attempt, sent, bounced): one HMAC
    // each is enough.
    Map<String, String> computed = new HashMap<>();
    JournalReader.forEach(
        journal,
        entry -> {
          // unknown: the whole message went out, and its link with it (it may well have arrived)
          if (entry.outcome() != Outcome.SENT && entry.outcome() != Outcome.UNKNOWN) {
            return;
          }
          String token =
              computed.computeIfAbsent(
                  entry.campaign() + "\n" + entry.recipient(),
                  k -> UnsubscribeTokens.of(key, entry.campaign(), entry.recipient()));
          if (computed.size() > 100_000) {
            computed.clear(); // a long journal: bounded memory costs an HMAC a line at most
          }
          if (tokens.contains(token)) {
            found.put(token, entry);
          }
        });
    return found;
  }
}
