package dev.herald.delivery;

import dev.herald.contacts.Contact;
import java.util.List;

/**
 * A further say over a contact that a run would send to ({@link SendRun#addRule}): pitch spacing,
 * follow-up eligibility. Returns null to let the contact through, else why it is skipped.
 */
public interface SkipRule {
  Skip judge(Contact c);

  /** A contact a rule skips: the decision, and what caused it (a campaign and its date). */
  record Skip(SendRun.Decision decision, String detail) {}

  /** The first of {@code rules} to skip {@code c}; null if none does. */
  static Skip first(List<SkipRule> rules, Contact c) {
    for (SkipRule r : rules) {
      Skip s = r.judge(c);
      if (s != null) {
        return s;
      }
    }
    return null;
  }
}
