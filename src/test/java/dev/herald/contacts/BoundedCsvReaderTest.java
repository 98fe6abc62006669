package dev.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The reader that stops an overgrown field or row while the CSV parser reads it. */
class BoundedCsvReaderTest {

  /** A quote and then the letter a, for ever: what a parser would buffer until memory runs out. */
  private static final class Endless extends Reader {
    long served;

    @Override
    public int read(char[] buffer, int offset, int length) {
      for (int i = 0; i < length; i++) {
        buffer[offset + i] = served++ == 0 ? '"' : 'a';
      }
      return length;
    }

    @Override
    public void close() {}
  }

  private static long drain(Reader r) throws IOException {
    char[] buffer = new char[8192];
    long total = 0;
    for (int n; (n = r.read(buffer, 0, buffer.length)) >= 0; ) {
      total += n;
    }
    return total;
  }

  @Test
  void anEndlessQuotedFieldStopsAtTheBound() {
    Endless endless = new Endless();
    BoundedCsvReader r = new BoundedCsvReader(endless, 10, 5, ',');

    BoundedCsvReader.TooLong e = assertThrows(BoundedCsvReader.TooLong.class, () -> drain(r));

    assertFalse(e.tooManyFields);
    assertEquals(1, e.line);
    assertEquals(1, e.column);
    assertTrue(endless.served <= BoundedCsvReader.MIN_FIELD_RAW + 8192, "read " + endless.served);
  }

  @Test
  void theTextBeforeTheOffendingCharacterIsHandedOverFirst() throws IOException {
    BoundedCsvReader r = new BoundedCsvReader(new StringReader("a,b\nc,d,e,f\n"), 10, 3, ',');
    char[] buffer = new char[64];

    int n = r.read(buffer, 0, buffer.length);

    assertEquals("a,b\nc,d,e", new String(buffer, 0, n));
    BoundedCsvReader.TooLong e =
        assertThrows(BoundedCsvReader.TooLong.class, () -> r.read(buffer, 0, buffer.length));
    assertTrue(e.tooManyFields);
    assertEquals(2, e.line);
  }

  @Test
  void commasLineBreaksAndDoubledQuotesInsideQuotesAreText() throws IOException {
    String field = "\"" + ",\r\n\"\"".repeat(1000) + "\"";
    String csv = "email,note\r\n" + "a@b.example," + field + "\r\n" + "c@d.example,x\r\n";

    assertEquals(csv.length(), drain(new BoundedCsvReader(new StringReader(csv), 65_536, 2, ',')));
  }

  @Test
  void theLineOfAFieldIsWhereItStarts() {
    String csv = "email,note\na@b.example,\"x\ny\nz" + "q".repeat(3_000_000);

    BoundedCsvReader.TooLong e =
        assertThrows(
            BoundedCsvReader.TooLong.class,
            () -> drain(new BoundedCsvReader(new StringReader(csv), 10, 2, ',')));

    assertEquals(2, e.line);
    assertEquals(2, e.column);
  }

  @Test
  void aQuoteInsideAnUnquotedFieldDoesNotOpenQuotes() throws IOException {
    String csv = "a\"b,c\nd,e\n";

    assertEquals(csv.length(), drain(new BoundedCsvReader(new StringReader(csv), 10, 2, ',')));
  }
}
