package dev.herald.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongIntMapTest {
  @Test
  void behavesLikeAMapThroughManyGrowths() {
    LongIntMap table = new LongIntMap();
    Map<Long, Integer> expected = new HashMap<>();
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 50_000; i++) {
      long key = random.nextLong();
      if (key == 0) {
        continue;
      }
      int value = 1 + random.nextInt(5);
      table.put(key, value);
      expected.put(key, value);
      if (i % 3 == 0) { // overwrite an earlier key
        table.put(key, 9);
        expected.put(key, 9);
      }
    }
    assertEquals(expected.size(), table.size());
    expected.forEach((key, value) -> assertEquals(value, table.get(key)));
    assertEquals(0, table.get(12345L));
    long nines = expected.values().stream().filter(v -> v == 9).count();
    assertEquals(nines, table.count(9));
  }

  @Test
  void keysThatDifferOnlyInHighBitsOrLowBitsAllFit() {
    LongIntMap table = new LongIntMap();
    for (long i = 1; i <= 5_000; i++) {
      table.put(i, 1);
      table.put(i << 48, 2);
    }
    assertEquals(10_000, table.size());
    for (long i = 1; i <= 5_000; i++) {
      assertEquals(1, table.get(i));
      assertEquals(2, table.get(i << 48));
    }
  }

  @Test
  void putIfAbsentKeepsTheFirstValueAndReturnsIt() {
    LongIntMap table = new LongIntMap();
    assertEquals(0, table.putIfAbsent(7L, 3));
    assertEquals(3, table.putIfAbsent(7L, 5));
    assertEquals(3, table.get(7L));
    assertEquals(1, table.size());
  }

  @Test
  void zeroIsNotAKey() {
    assertThrows(IllegalArgumentException.class, () -> new LongIntMap().put(0, 1));
  }
}
