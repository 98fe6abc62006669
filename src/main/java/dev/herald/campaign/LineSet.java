package dev.herald.campaign;

import java.util.Arrays;

/** Line numbers, 8 bytes each: usually added in increasing order, sorted if not. */
final class LineSet {
  private long[] lines = new long[16];
  private int size;
  private boolean sorted = true;

  void add(long line) {
    if (size == lines.length) {
      lines = Arrays.copyOf(lines, size * 2);
    }
    if (size > 0 && lines[size - 1] >= line) {
      sorted = false;
    }
    lines[size++] = line;
  }

  boolean contains(long line) {
    if (!sorted) {
      Arrays.sort(lines, 0, size);
      sorted = true;
    }
    return Arrays.binarySearch(lines, 0, size, line) >= 0;
  }
}
