package dev.herald.journal;

/**
 * A map from non-zero {@code long} keys to {@code byte} values, in two flat arrays: open addressing
 * with linear probing, grown to keep the load factor at most 0.7. About 13 to 26 bytes an entry,
 * against well over 100 for a {@code HashMap<String, ...>} of e-mail addresses.
 */
final class LongByteTable {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private long[] keys;
  private byte[] values;
  private int size;
  private int shift;
  private int threshold;

  LongByteTable() {
    allocate(1024);
  }

  /** The value for {@code key}, or 0 if it has none. */
  byte get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key); keys[i] != 0; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i];
      }
    }
    return 0;
  }

  void put(long key, byte value) {
    if (key == 0) {
      throw new IllegalArgumentException("0 marks an empty slot and cannot be a key");
    }
    int mask = keys.length - 1;
    int i = slot(key);
    while (keys[i] != 0) {
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    if (++size > threshold) {
      grow();
    }
  }

  int size() {
    return size;
  }

  /** How many keys have the value {@code value}. */
  int count(byte value) {
    int count = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0 && values[i] == value) {
        count++;
      }
    }
    return count;
  }

  // Fibonacci hashing: the top bits of key * 2^64/phi, so keys that differ only in high bits
  // still spread out.
  private int slot(long key) {
    return (int) ((key * GOLDEN) >>> shift);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new byte[capacity];
    shift = Long.numberOfLeadingZeros(capacity - 1L);
    threshold = (int) (capacity * 0.7);
  }

  private void grow() {
    long[] oldKeys = keys;
    byte[] oldValues = values;
    allocate(keys.length * 2);
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != 0) {
        int i = slot(oldKeys[j]);
        while (keys[i] != 0) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        values[i] = oldValues[j];
      }
    }
  }
}
