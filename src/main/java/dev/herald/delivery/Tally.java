package dev.herald.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** What happened to the messages of one run, counted by all connections together. */
public final class Tally {
  /** A recipient and the server's reply. */
  public record Outcome(String recipient, String reply) {}

  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger stalls = new AtomicInteger();
  private final List<Outcome> failed = new ArrayList<>();
  private final List<Outcome> deferred = new ArrayList<>();
  private final List<String> resent = new ArrayList<>();
  private final List<String> unjournalled = new ArrayList<>();
  private final List<Outcome> unknown = new ArrayList<>();
  // by address, lower-cased: a copy address refused for every message is reported once
  private final Map<String, RefusedCopy> refusedCopies = new LinkedHashMap<>();

  /**
   * A copy address (the template's Cc or Bcc) that the server refused, with its first reply and how
   * many messages it was refused for; the contacts' messages went out without it.
   */
  public record RefusedCopy(String address, String reply, int messages) {}

  public void sent() {
    sent.incrementAndGet();
  }

  public synchronized void failed(String recipient, String reply) {
    failed.add(new Outcome(recipient, reply));
  }

  public synchronized void deferred(String recipient, String reply) {
    deferred.add(new Outcome(recipient, reply));
  }

  /**
   * A message that went out whole without a final reply: perhaps delivered, not sent again unless
   * asked.
   */
  public synchronized void unknown(String recipient, String reply) {
    unknown.add(new Outcome(recipient, reply));
  }

  /** The server refused copy address {@code refused} for a message that went to its contact. */
  public synchronized void refusedCopy(Outcome refused) {
    refusedCopies.merge(
        refused.recipient().toLowerCase(Locale.ROOT),
        new RefusedCopy(refused.recipient(), refused.reply(), 1),
        (was, now) -> new RefusedCopy(was.address(), was.reply(), was.messages() + 1));
  }

  /** The refused copy addresses, each once, in the order first refused. */
  public synchronized List<RefusedCopy> refusedCopies() {
    return List.copyOf(refusedCopies.values());
  }

  /** A recipient that was in flight when an earlier run died, sent again now. */
  public synchronized void resent(String recipient) {
    resent.add(recipient);
  }

  /**
   * A recipient whose message the server accepted but whose outcome could not be journalled (the
   * disk filled): the journal shows only the attempt, so a re-run sends it again.
   */
  public synchronized void unjournalled(String recipient) {
    unjournalled.add(recipient);
  }

  public synchronized List<String> unjournalled() {
    return List.copyOf(unjournalled);
  }

  /**
   * A message's data got no reply within the data timeout; returns how many did in a row, over all
   * connections to the server.
   */
  public int dataTimeout() {
    return stalls.incrementAndGet();
  }

  /** The server answered a message: it is not stalled. */
  public void finalReply() {
    stalls.set(0);
  }

  public int sentCount() {
    return sent.get();
  }

  public synchronized List<Outcome> failed() {
    return List.copyOf(failed);
  }

  public synchronized List<Outcome> deferred() {
    return List.copyOf(deferred);
  }

  public synchronized List<Outcome> unknown() {
    return List.copyOf(unknown);
  }

  public synchronized List<String> resent() {
    return List.copyOf(resent);
  }

  public synchronized int done() {
    return sent.get() + failed.size() + deferred.size() + unjournalled.size() + unknown.size();
  }
}
