package dev.herald.util;

/**
 * A map from non-zero {@code long} keys to {@code int} values, in two flat arrays: open addressing
 * with linear probing, grown to keep the load factor at most 0.7. It remembers millions of
 * addresses by their 64-bit key ({@link Hashes#key64}) in some 20 bytes each, against well over 100
 * for a {@code HashMap<String, ...>} of e-mail addresses. 0 is "no value".
 */
public final class LongIntMap {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private long[] keys;
  private int[] values;
  private int size;
  private int shift;
  private int threshold;

  public LongIntMap() {
    allocate(1024);
  }

  /** The value for {@code key}, or 0 if it has none. */
  public int get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key); keys[i] != 0; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i];
      }
    }
    return 0;
  }

  /** Sets the value for {@code key}. */
  public void put(long key, int value) {
    insert(key, value, true);
  }

  /** Sets the value for {@code key} unless it has one; returns the value it had, or 0. */
  public int putIfAbsent(long key, int value) {
    return insert(key, value, false);
  }

  public int size() {
    return size;
  }

  /** How many keys have the value {@code value}. */
  public int count(int value) {
    int count = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0 && values[i] == value) {
        count++;
      }
    }
    return count;
  }

  private int insert(long key, int value, boolean replace) {
    if (key == 0) {
      throw new IllegalArgumentException("0 marks an empty slot and cannot be a key");
    }
    int mask = keys.length - 1;
    int i = slot(key);
    while (keys[i] != 0) {
      if (keys[i] == key) {
        int before = values[i];
        if (replace) {
          values[i] = value;
        }
        return before;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    if (++size > threshold) {
      grow();
    }
    return 0;
  }

  // Fibonacci hashing: the top bits of key * 2^64/phi, so keys that differ only in high bits
  // still spread out.
  private int slot(long key) {
    return (int) ((key * GOLDEN) >>> shift);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new int[capacity];
    shift = Long.numberOfLeadingZeros(capacity - 1L);
    threshold = (int) (capacity * 0.7);
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
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
