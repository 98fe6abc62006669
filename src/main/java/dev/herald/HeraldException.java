package dev.herald;

/**
 * The one user-facing error of herald: a message that names what went wrong and where (file and
 * line, host and port, recipient), and the exit code the process ends with. Library exceptions are
 * caught where the library is called and rethrown as this, with that context.
 */
public class HeraldException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public HeraldException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public HeraldException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** Usage error or invalid input: exit 2, nothing was sent. */
  public static HeraldException input(String message) {
    return new HeraldException(ExitCodes.INPUT, message);
  }

  /** Usage error or invalid input caused by a library exception: exit 2, nothing was sent. */
  public static HeraldException input(String message, Throwable cause) {
    return new HeraldException(ExitCodes.INPUT, message, cause);
  }

  /** Could not deliver at all (unreachable, TLS, authentication): exit 4, nothing lost. */
  public static HeraldException undeliverable(String message, Throwable cause) {
    return new HeraldException(ExitCodes.UNDELIVERABLE, message, cause);
  }

  public int exitCode() {
    return exitCode;
  }
}
