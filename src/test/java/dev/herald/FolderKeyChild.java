package dev.herald;

import dev.herald.identity.MessageIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A child JVM for {@link FolderKeyRaceTest}: waits for the start file, then loads (and so maybe
 * creates) the folder's key and prints a reference made with it, never the key.
 */
public final class FolderKeyChild {
  private FolderKeyChild() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    Path start = Path.of(args[1]);
    System.out.println("ready");
    System.out.flush();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(start) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    FolderKey key = FolderKey.load(Map.of(), folder);
    System.out.println(MessageIds.ref(key, "race", "anna@gazeta.example"));
  }
}
