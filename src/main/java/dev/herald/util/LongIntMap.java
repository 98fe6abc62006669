package dev.herald.util;

import java.util.Arrays;

/**
 * An open-addressing map from 64-bit keys to int values, for remembering millions of addresses by
 * hash in a few bytes each rather than as strings. Key 0 is reserved (callers map it elsewhere).
 */
public final class LongIntMap {
  private long[] keys;
  private int[] values;
  private int size;

  public LongIntMap() {
    keys = new long[1024];
    values = new int[1024];
  }

  /** The value for key, or {@code missing}. */
  public int get(long key, int missing) {
    long k = key == 0 ? 1 : key;
    int mask = keys.length - 1;
    for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
      if (keys[i] == k) {
        return values[i];
      }
      if (keys[i] == 0) {
        return missing;
      }
    }
  }

  /** Puts the value if the key is absent; returns the existing value, or {@code missing}. */
  public int putIfAbsent(long key, int value, int missing) {
    if ((size + 1) * 10L > keys.length * 7L) {
      grow();
    }
    long k = key == 0 ? 1 : key;
    int mask = keys.length - 1;
    for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
      if (keys[i] == k) {
        return values[i];
      }
      if (keys[i] == 0) {
        keys[i] = k;
        values[i] = value;
        size++;
        return missing;
      }
    }
  }

  public int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      long k = oldKeys[j];
      if (k != 0) {
        int i = mix(k) & mask;
        while (keys[i] != 0) {
          i = (i + 1) & mask;
        }
        keys[i] = k;
        values[i] = oldValues[j];
      }
    }
    Arrays.fill(oldKeys, 0);
  }

  private static int mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    return (int) k;
  }
}
