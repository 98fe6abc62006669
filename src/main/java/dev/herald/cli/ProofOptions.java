package dev.herald.cli;

import dev.herald.HeraldException;
import dev.herald.identity.EmailAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code send --proof-to}: instead of sending the release, send proofs of the selected contacts'
 * messages to reviewers ({@link ProofSend} does the work).
 */
public final class ProofOptions {
  @Option(
      names = "--proof-to",
      paramLabel = "ADDRESS[,ADDRESS…]",
      description =
          "Send proofs instead: the messages of the selected contacts (--only, --where, --limit;"
              + " without them, the first contact of each language variant), subject prefixed"
              + " [PROOF], to these addresses alone. Nothing is journalled, no contact or copy is"
              + " mailed, no confirmation is asked; their links are inert. Without an SMTP host,"
              + " written to outbox/proofs/. Repeatable.")
  List<String> proofTo = new ArrayList<>();

  /**
   * Whether proofs were asked for (even with an empty address, which {@link #addresses} refuses).
   */
  boolean requested() {
    return !proofTo.isEmpty();
  }

  /**
   * The proof addresses, split at commas and checked as a contact's address is (an invisible
   * character is refused, not stripped), each once; exit 2 naming the first that is not usable.
   */
  List<String> addresses() {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String option : proofTo) {
      // split here rather than by picocli, so that an empty value is refused, never dropped
      for (String a : option.split(",", -1)) {
        String address = a.strip();
        EmailAddress.problem(address)
            .ifPresent(
                why -> {
                  throw HeraldException.input("--proof-to: " + why + "; nothing was sent");
                });
        byKey.putIfAbsent(EmailAddress.key(address), address);
      }
    }
    return List.copyOf(byKey.values());
  }
}
