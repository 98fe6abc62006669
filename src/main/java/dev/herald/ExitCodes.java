package dev.herald;

/** The exit codes of herald, as listed in {@code herald --help}. */
public final class ExitCodes {
  /** Done: everything due was sent, previewed or checked; also "not yet due". */
  public static final int OK = 0;

  /** Unexpected internal error: a bug. */
  public static final int INTERNAL = 1;

  /** Usage error or invalid input; nothing was sent. */
  public static final int INPUT = 2;

  /** Partly delivered: some recipients failed or were deferred. */
  public static final int PARTIAL = 3;

  /**
   * Could not deliver at all: unreachable, TLS or authentication failed, or the journal is in use
   * by another run; nothing can have been delivered in this run.
   */
  public static final int UNDELIVERABLE = 4;

  /**
   * Stopped early: interrupted (SIGINT, SIGTERM) or the journal could not be written. The summary
   * says what was delivered; a re-run continues.
   */
  public static final int STOPPED = 5;

  private ExitCodes() {}
}
