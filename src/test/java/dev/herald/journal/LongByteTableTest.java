package dev.herald.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongByteTableTest {
  @Test
  void behavesLikeAMapThroughManyGrowths() {
    LongByteTable table = new LongByteTable();
    Map<Long, Byte> expected = new HashMap<>();
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 50_000; i++) {
      long key = random.nextLong();
      if (key == 0) {
        continue;
      }
      byte value = (byte) (1 + random.nextInt(5));
      table.put(key, value);
      expected.put(key, value);
      if (i % 3 == 0) { // overwrite an earlier key
        table.put(key, (byte) 9);
        expected.put(key, (byte) 9);
      }
    }
    assertEquals(expected.size(), table.size());
    expected.forEach((key, value) -> assertEquals(value, table.get(key)));
    assertEquals(0, table.get(12345L));
    long nines = expected.values().stream().filter(v -> v == 9).count();
    assertEquals(nines, table.count((byte) 9));
  }

  @Test
  void keysThatDifferOnlyInHighBitsOrLowBitsAllFit() {
    LongByteTable table = new LongByteTable();
    for (long i = 1; i <= 5_000; i++) {
      table.put(i, (byte) 1);
      table.put(i << 48, (byte) 2);
    }
    assertEquals(10_000, table.size());
    for (long i = 1; i <= 5_000; i++) {
      assertEquals(1, table.get(i));
      assertEquals(2, table.get(i << 48));
    }
  }

  @Test
  void zeroIsNotAKey() {
    assertThrows(IllegalArgumentException.class, () -> new LongByteTable().put(0, (byte) 1));
  }
}
