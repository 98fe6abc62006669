package dev.herald.campaign;

import dev.herald.contacts.OptOutList;
import dev.herald.identity.EmailAddress;
import dev.herald.template.Renderer;
import dev.herald.util.Hashes;
import dev.herald.util.LongIntMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The copy addresses (Cc, Bcc) the messages carry, and every contact's address. "Never mailed,
 * ever" and "once each" hold for copies too: a Cc or Bcc on the opt-out list, or of a contact who
 * gets a message of their own, is left out of every message's copies, and check names each.
 */
final class Copies {
  /** At most this many distinct copy addresses are remembered to be named by check. */
  private static final int MAX_COPIES = 10_000;

  /** A copy address and the contact (file:line) whose message first carried it. */
  private record Copy(String address, String where) {}

  /** Every contact's address, as a 64-bit key (value 1; 0 means absent): memory stays flat. */
  private final LongIntMap contactKeys = new LongIntMap();

  /** Copy addresses, by key, in the order first met. */
  private final Map<Long, Copy> copies = new LinkedHashMap<>();

  private static long key(String address) {
    return Hashes.key64(EmailAddress.key(address));
  }

  void contact(String email) {
    contactKeys.put(key(email), 1);
  }

  private boolean isContact(String address) {
    return contactKeys.get(key(address)) != 0;
  }

  /** A copy address that the message of the contact at {@code where} carries. */
  void copy(String address, String where) {
    if (copies.size() < MAX_COPIES) {
      copies.putIfAbsent(key(address), new Copy(address, where));
    }
  }

  /**
   * Has {@code renderer} leave out of every message the copies to opted-out addresses and to
   * contacts, and returns a warning for each copy met that is left out, at most {@code max}.
   */
  List<String> leaveOut(Renderer renderer, OptOutList optOut, int max) {
    renderer.leaveOutCopies(address -> optOut.contains(address) || isContact(address));
    List<String> warnings = new ArrayList<>();
    for (Copy c : copies.values()) {
      if (warnings.size() == max) {
        break;
      }
      if (optOut.contains(c.address())) {
        warnings.add(leftOut(c, "it is on the opt-out list"));
      } else if (isContact(c.address())) {
        warnings.add(leftOut(c, "it is a contact, who gets a message of their own"));
      }
    }
    return warnings;
  }

  private static String leftOut(Copy c, String why) {
    return "the copy to "
        + c.address()
        + " ("
        + c.where()
        + ") is left out of every message: "
        + why;
  }
}
