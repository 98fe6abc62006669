package dev.herald.csv;

import java.nio.file.Path;

/**
 * A child JVM for {@link LockFileTest}: takes the lock on the file named by its argument, says so
 * on standard output, and holds it until it is killed or its standard input closes.
 */
final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (LockFile lock = LockFile.tryTake(Path.of(args[0]), "test\n").orElseThrow()) {
      System.out.println("held");
      System.out.flush();
      while (System.in.read() != -1) {
        // hold the lock until the parent lets go
      }
    }
  }
}
